package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ai.djl.Model;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.runtime.plugin.PluginStatus;
import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.support.DataException;
import dev.lstmforge.testkit.LstmProjectContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;

/**
 * {@code lstmforge new-plugin} writes a module that compiles (with PF4J's extension index), drops
 * into {@code plugins/} as a jar and as a development folder, trains on its generated data until
 * it beats persistence, evaluates, predicts through its serving translator, and whose own tests
 * (the test kit's contract included) compile and pass. No Maven, no network: javac runs in-process.
 */
class NewPluginCommandTest {

    private static final String ID = "wave-forecast";
    private static final String PACKAGE = "com.example.wave";
    private static final String PROJECT_CLASS = PACKAGE + ".WaveForecastProject";

    /** Small enough for a few seconds of training on two cores, big enough to beat persistence. */
    private static final Map<String, String> BUDGET =
            Map.of("epochs", "6", "points", "1200", "window", "24", "hiddenSize", "24", "patience", "0");

    @TempDir
    static Path work;

    private static Path module;
    private static String generateOut;
    private static Path mainClasses;
    private static Path pluginJar;

    @BeforeAll
    static void generateAndCompile() throws IOException {
        module = work.resolve("plugins").resolve(ID);
        Cli.Result r = Cli.raw("new-plugin", ID, "--package", PACKAGE, "-o", module.toString());
        assertThat(r.code()).as(r.err()).isZero();
        generateOut = r.out();

        mainClasses = work.resolve("classes");
        List<Path> mainPath = new ArrayList<>();
        for (Class<?> c : List.of(
                LstmProject.class,
                Model.class,
                JsonElement.class,
                Plugin.class,
                DataException.class,
                org.slf4j.Logger.class)) {
            mainPath.add(codeSource(c));
        }
        compile(javaFiles(module.resolve("src/main/java")), mainPath, mainClasses);
        pluginJar = work.resolve("dist-plugins").resolve(ID + ".jar");
        Files.createDirectories(pluginJar.getParent());
        writePluginJar(pluginJar, mainClasses, codeSource(DataException.class), pluginProperties());
    }

    @Test
    void writesAMavenModuleForThePluginsFolderAndSaysWhatToDoNext() throws IOException {
        assertThat(generateOut)
                .contains("created wave-forecast (package com.example.wave, 16 files) in " + module)
                .contains("src/main/java/com/example/wave/WaveForecastProject.java")
                .contains("src/test/java/com/example/wave/WaveForecastContractTest.java")
                .contains("add <module>wave-forecast</module> to plugins/pom.xml")
                .contains("mvn -B -pl plugins/wave-forecast -am install")
                .contains("lstmforge-plugin-wave-forecast-*-plugin.jar");
        String pom = Files.readString(module.resolve("pom.xml"));
        assertThat(pom)
                .contains("<artifactId>lstmforge-plugins</artifactId>")
                .contains("<relativePath>../pom.xml</relativePath>")
                .contains("<artifactId>lstmforge-plugin-wave-forecast</artifactId>")
                .contains("<plugin.class>com.example.wave.WaveForecastPlugin</plugin.class>")
                .doesNotContain("{{");
        Properties p = pluginProperties();
        assertThat(p.getProperty("plugin.id")).isEqualTo(ID);
        assertThat(p.getProperty("plugin.class")).isEqualTo("com.example.wave.WaveForecastPlugin");
        assertThat(p.getProperty("plugin.requires")).isEqualTo(">=0.1.0");
        try (Stream<Path> files = Files.walk(module)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(16);
        }
    }

    @Test
    void compilesWithPf4jsExtensionIndex() throws IOException {
        // PF4J's annotation processor ran: the host finds the @Extension through this file.
        Path index = mainClasses.resolve("META-INF/extensions.idx");
        assertThat(index).isRegularFile();
        assertThat(Files.readAllLines(index)).contains(PROJECT_CLASS);
    }

    @Test
    void theJarDropsIntoPluginsTrainsOnGeneratedDataEvaluatesAndPredicts(@TempDir Path tmp) throws Exception {
        Cli.Result listed = Cli.run(pluginJar.getParent(), tmp.resolve("models"), "list");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.out())
                .containsPattern("wave-forecast\\s+0\\.1\\.0\\s+STARTED")
                .contains(pluginJar.toString());

        try (LstmForge forge = forge(pluginJar.getParent(), PluginHost.Mode.DEPLOYMENT, tmp.resolve("models"))) {
            LstmProject<?, ?> project = forge.projects().get(ID);
            assertThat(project).isNotNull();
            assertThat(project.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThat(project.info().task()).isEqualTo(ProjectInfo.Task.REGRESSION);
            assertThat(project.parameters())
                    .extracting(Param::name)
                    .contains("window", "column", "points", "noise", "dataSeed", "hiddenSize", "epochs");

            TrainResult r = forge.train(ID, null, BUDGET);
            List<EpochRecord> epochs = r.history().epochs();
            assertThat(epochs).hasSize(6);
            assertThat(epochs.get(epochs.size() - 1).trainLoss())
                    .isLessThan(epochs.get(0).trainLoss());

            Map<String, Double> m = r.evaluation().metrics();
            // The test part is the last round(0.2 * (1200 - 24)) = 235 targets; persistence
            // computed here from the documented formula must match the plugin's to rounding.
            assertThat(m.get("test_points")).isEqualTo(235.0);
            assertThat(m.get("persistence_rmse")).isCloseTo(persistenceRmse(1200, 0.1, 1, 235), within(1e-9));
            assertThat(m.get("rmse")).isLessThan(m.get("persistence_rmse"));
            assertThat(m.get("rmse_vs_persistence")).isLessThan(0.8);
            assertThat(m.get("dm_p_value")).isLessThan(0.05);
            assertThat(r.evaluation().summary()).endsWith("on 235 test points): the model beats persistence");
            JsonObject provenance = provenance(r);
            String source = "generated noisy sine (points=1200, noise=0.1, seed=1)";
            assertThat(provenance.getAsJsonObject("data").get("source").getAsString())
                    .isEqualTo(source);
            assertThat(provenance.get("warnings").toString()).contains("no --data given: using a " + source);
            System.out.println("new-plugin generated project, " + BUDGET + ": " + m);

            Map<String, Double> again =
                    forge.evaluate(r.version().ref(), null).evaluation().metrics();
            assertThat(again.get("rmse")).isCloseTo(m.get("rmse"), within(1e-5));
            assertThat(again.get("persistence_rmse")).isEqualTo(m.get("persistence_rmse"));

            try (LoadedModel loaded = forge.load(ID)) {
                JsonObject fromEnd = JsonParser.parseString(loaded.predict("")).getAsJsonObject();
                assertThat(fromEnd.get("window").getAsInt()).isEqualTo(24);
                assertThat(fromEnd.get("last").getAsDouble()).isEqualTo(series(1200, 0.1, 1)[1199]);

                // Noise-free wave at t = 0..23; its true next value is the wave at t = 24.
                double[] clean = series(25, 0.0, 1);
                StringBuilder body = new StringBuilder();
                for (int t = 0; t < 24; t++) {
                    body.append(t == 0 ? "" : ", ").append(clean[t]);
                }
                JsonObject next =
                        JsonParser.parseString(loaded.predict(body.toString())).getAsJsonObject();
                assertThat(next.get("last").getAsDouble()).isEqualTo(clean[23]);
                double err = Math.abs(next.get("next").getAsDouble() - clean[24]);
                assertThat(err).as("forecast error of the next wave value").isLessThan(Math.abs(clean[23] - clean[24]));

                assertThatThrownBy(() -> loaded.predict("1, 2, x"))
                        .isInstanceOf(LstmForgeException.class)
                        .hasMessage("prediction with wave-forecast/v1 failed: value 3 is not a number: 'x'");
                assertThatThrownBy(() -> loaded.predict("[1, 2]"))
                        .isInstanceOf(LstmForgeException.class)
                        .hasMessage("prediction with wave-forecast/v1 failed: 2 value(s) given; the model needs "
                                + "the last 24");
            }
        }
    }

    @Test
    void readsAUserCsvWithRepairsReportedAndBadCellsNamed(@TempDir Path tmp) throws Exception {
        double[] v = series(300, 0.1, 5);
        StringBuilder csv = new StringBuilder("step,reading\n");
        for (int t = 0; t < v.length; t++) {
            csv.append(t)
                    .append(',')
                    .append(t == 40 ? "NA" : Double.toString(v[t]))
                    .append('\n');
        }
        Path good = Files.writeString(tmp.resolve("readings.csv"), csv);
        Path bad = Files.writeString(tmp.resolve("broken.csv"), "step,reading\n0,1.5\n1,2.5\n2,abc\n");
        try (LstmForge forge = forge(pluginJar.getParent(), PluginHost.Mode.DEPLOYMENT, tmp.resolve("models"))) {
            TrainResult r = forge.train(ID, good, Map.of("epochs", "1", "window", "10", "hiddenSize", "8"));
            // round(0.2 * (300 - 10)) = 58 test targets
            assertThat(r.evaluation().metrics().get("test_points")).isEqualTo(58.0);
            assertThat(provenance(r).get("warnings").toString())
                    .contains("readings.csv: 1 missing value(s) in column reading filled with the previous value "
                            + "(first at line 42)");

            assertThatThrownBy(() -> forge.train(ID, bad, Map.of("epochs", "1")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("broken.csv line 4, column reading: 'abc' is not a number");
            assertThatThrownBy(() -> forge.train(ID, good, Map.of("column", "kw")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("column 'kw' not found in readings.csv; columns are: step, reading");
        }
    }

    @Test
    void theModuleFolderLoadsInDevelopmentMode(@TempDir Path tmp) throws IOException {
        // plugins/<module> with plugin.properties, target/classes and target/lib, as `mvn package` leaves it.
        Path plugins = tmp.resolve("plugins");
        Path dev = plugins.resolve(ID);
        Files.createDirectories(dev.resolve("target/lib"));
        Files.copy(module.resolve("plugin.properties"), dev.resolve("plugin.properties"));
        Files.copy(module.resolve("pom.xml"), dev.resolve("pom.xml"));
        copyTree(mainClasses, dev.resolve("target/classes"));
        Path support = codeSource(DataException.class);
        Files.copy(support, dev.resolve("target/lib").resolve(support.getFileName()));

        assertThat(PluginHost.detectMode(plugins)).isEqualTo(PluginHost.Mode.DEVELOPMENT);
        try (LstmForge forge = forge(plugins, PluginHost.Mode.DEVELOPMENT, tmp.resolve("models"))) {
            assertThat(forge.plugins())
                    .extracting(PluginStatus::id, PluginStatus::state, PluginStatus::projects)
                    .contains(org.assertj.core.groups.Tuple.tuple(ID, "STARTED", List.of(ID)));
        }
    }

    @Test
    void itsOwnTestsCompileAndPassIncludingTheContract() throws Exception {
        Path testClasses = work.resolve("test-classes");
        List<Path> path = new ArrayList<>(classPath());
        path.add(0, mainClasses);
        compile(javaFiles(module.resolve("src/test/java")), path, testClasses);

        // The contract finds projects on the host's classpath; give the generated classes their own
        // copy of the platform (PF4J, SPI, support, runtime, test kit) and share DJL and JUnit, so
        // that the engines' native libraries stay loaded once.
        List<URL> urls = new ArrayList<>();
        for (Path p : List.of(
                mainClasses,
                testClasses,
                codeSource(LstmProject.class),
                codeSource(DataException.class),
                codeSource(LstmForge.class),
                codeSource(LstmProjectContract.class),
                codeSource(Plugin.class))) {
            urls.add(p.toUri().toURL());
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new PlatformFirstLoader(urls.toArray(URL[]::new), before)) {
            thread.setContextClassLoader(loader);
            Class<?> contract = loader.loadClass(PACKAGE + ".WaveForecastContractTest");
            Class<?> series = loader.loadClass(PACKAGE + ".data.SeriesTest");
            assertThat(contract.getSuperclass().getClassLoader()).isSameAs(loader);

            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(
                    LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClass(contract), selectClass(series))
                            .build(),
                    listener);
            TestExecutionSummary s = listener.getSummary();
            StringWriter failures = new StringWriter();
            s.printFailuresTo(new PrintWriter(failures), 20);
            assertThat(s.getTotalFailureCount()).as(failures.toString()).isZero();
            // contract: PyTorch and MXNet runs plus the unknown-key check; SeriesTest: three tests
            assertThat(s.getTestsSucceededCount()).isEqualTo(6);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Wave", "w", "1wave", "wave_forecast", "wave.forecast", "wave forecast"})
    void refusesANameThatIsNotAProjectId(String name, @TempDir Path tmp) {
        Cli.Result r = Cli.raw("new-plugin", name, "-o", tmp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("lstmforge: plugin name '" + name + "' is not a valid project id: use 2 to 64 "
                        + "lower-case letters, digits and dashes, starting with a letter (for example wave-forecast)"
                        + System.lineSeparator());
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void refusesA65CharacterNameAndBadPackages(@TempDir Path tmp) {
        String out = tmp.resolve("out").toString();
        assertThat(Cli.raw("new-plugin", "a" + "b".repeat(64), "-o", out).code())
                .isEqualTo(2);
        assertThat(Cli.raw("new-plugin", "a" + "b".repeat(63), "-o", out).code())
                .isZero();

        Cli.Result keyword = Cli.raw("new-plugin", "x1", "--package", "com.example.int", "-o", out + "2");
        assertThat(keyword.code()).isEqualTo(2);
        assertThat(keyword.err()).contains("package 'com.example.int' is not a valid Java package name");
        // The id "int" is fine, but its default package is not: the message says how to fix it.
        Cli.Result defaulted = Cli.raw("new-plugin", "int", "-o", out + "3");
        assertThat(defaulted.code()).isEqualTo(2);
        assertThat(defaulted.err())
                .contains("the default package 'dev.lstmforge.plugins.int' is not a valid Java " + "package name")
                .contains("give one with --package");
        assertThat(tmp.resolve("out2")).doesNotExist();
        assertThat(tmp.resolve("out3")).doesNotExist();
    }

    @Test
    void refusesToWriteIntoADirectoryThatIsNotEmpty(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        Cli.Result r = Cli.raw("new-plugin", ID, "-o", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(dir + " already exists and is not empty; nothing was written");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("notes.txt"));
        }
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("keep me");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(Cli.raw("new-plugin", ID, "-o", empty.toString()).code()).isZero();
        assertThat(empty.resolve("pom.xml")).isRegularFile();
    }

    // ---------------------------------------------------------------------------------------------

    private static LstmForge forge(Path plugins, PluginHost.Mode mode, Path models) {
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(plugins)
                .pluginMode(mode)
                .modelsDir(models)
                .enginesDir(Cli.ENGINES)
                .engine("pytorch-cpu")
                .seed(7)
                .build();
    }

    private static JsonObject provenance(TrainResult r) throws IOException {
        return JsonParser.parseString(Files.readString(r.version().dir().resolve("provenance.json")))
                .getAsJsonObject();
    }

    /** The generated series, written from its documented formula, independently of the template. */
    private static double[] series(int points, double noise, long seed) {
        Random random = new Random(seed);
        double[] v = new double[points];
        for (int t = 0; t < points; t++) {
            v[t] = Math.sin(2 * Math.PI * t / 25)
                    + 0.5 * Math.sin(2 * Math.PI * t / 70)
                    + noise * random.nextGaussian();
        }
        return v;
    }

    /** RMSE of "the next value equals the last one" over the last {@code test} values. */
    private static double persistenceRmse(int points, double noise, long seed, int test) {
        double[] v = series(points, noise, seed);
        double sum = 0;
        for (int t = points - test; t < points; t++) {
            sum += (v[t] - v[t - 1]) * (v[t] - v[t - 1]);
        }
        return Math.sqrt(sum / test);
    }

    private static Properties pluginProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(module.resolve("plugin.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** Compiles with javac in-process; annotation processors are discovered on the class path, as in Maven. */
    private static void compile(List<Path> sources, List<Path> classPath, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("the tests need a JDK's javac").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Files.createDirectories(out);
        String cp = classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        List<String> options = List.of(
                "--release",
                "17",
                "-proc:full",
                "-encoding",
                "UTF-8",
                "-Xlint:all,-processing,-serial,-options,-path,-classfile",
                "-classpath",
                cp,
                "-d",
                out.toString());
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            List<String> problems = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER)
                    .map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + ": "
                            + d.getMessage(Locale.ROOT))
                    .collect(Collectors.toList());
            assertThat(ok).as(String.join("\n", problems)).isTrue();
            assertThat(problems).as("compiler warnings in generated code").isEmpty();
        }
    }

    /** Packs the classes and the unpacked support library with PF4J's manifest entries, as the assembly does. */
    private static void writePluginJar(Path jar, Path classes, Path support, Properties p) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", p.getProperty("plugin.id"));
        a.putValue("Plugin-Version", p.getProperty("plugin.version"));
        a.putValue("Plugin-Requires", p.getProperty("plugin.requires"));
        a.putValue("Plugin-Class", p.getProperty("plugin.class"));
        a.putValue("Plugin-Description", p.getProperty("plugin.description"));
        a.putValue("Plugin-Provider", p.getProperty("plugin.provider"));
        Set<String> written = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, mf)) {
            written.add("META-INF/MANIFEST.MF");
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f :
                        (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    String name = classes.relativize(f).toString().replace('\\', '/');
                    put(j, written, name, Files.readAllBytes(f));
                }
            }
            if (Files.isDirectory(support)) {
                try (Stream<Path> files = Files.walk(support)) {
                    for (Path f :
                            (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        put(j, written, support.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                    }
                }
            } else {
                try (JarFile lib = new JarFile(support.toFile())) {
                    for (JarEntry e : Collections.list(lib.entries())) {
                        if (!e.isDirectory() && !e.getName().startsWith("META-INF/MANIFEST")) {
                            try (InputStream in = lib.getInputStream(e)) {
                                put(j, written, e.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        }
    }

    private static void put(JarOutputStream j, Set<String> written, String name, byte[] bytes) throws IOException {
        if (written.add(name)) {
            j.putNextEntry(new JarEntry(name));
            j.write(bytes);
            j.closeEntry();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test JVM's class path: every entry of java.class.path that exists. */
    private static List<Path> classPath() {
        Set<Path> out = new LinkedHashSet<>();
        for (String p : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!p.isBlank() && Files.exists(Path.of(p))) {
                out.add(Path.of(p));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Loads LSTM Forge and PF4J classes (and the generated ones) from its own URLs first and
     * everything else, DJL and JUnit included, from the parent.
     */
    private static final class PlatformFirstLoader extends URLClassLoader {

        private static final List<String> OWN = List.of("dev.lstmforge.", "org.pf4j.", PACKAGE + ".");

        PlatformFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && OWN.stream().anyMatch(name::startsWith)) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        // not one of ours (a CLI test class, say): the parent has it
                    }
                }
                if (c == null) {
                    c = getParent().loadClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
            for (URL u : Collections.list(getParent().getResources(name))) {
                if (!all.contains(u)) {
                    all.add(u);
                }
            }
            return Collections.enumeration(all);
        }
    }
}
