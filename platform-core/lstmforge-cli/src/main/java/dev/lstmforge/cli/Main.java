package dev.lstmforge.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.engine.EngineProfiles;
import dev.lstmforge.runtime.plugin.PluginStatus;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code lstmforge} command.
 *
 * <p>Exit codes: 0 success, 1 unexpected failure (with a stack trace: a bug), 2 bad input or
 * usage (one line on stderr that names what was wrong, never a Java class name), 130 interrupted.
 * Every {@link LstmForgeException} is exit 2, also when a library wraps it.
 *
 * <pre>{@code
 * int code = Main.execute(out, err, "train", "stock-forecast", "-P", "window=30");
 * }</pre>
 */
@Command(
        name = "lstmforge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train, evaluate, save and export LSTM projects loaded as plugins, and run saved models.",
        subcommands = {
            Main.ListCommand.class,
            Main.TrainCommand.class,
            CrossValidateCommand.class,
            Main.EvaluateCommand.class,
            Main.PredictCommand.class,
            Main.ExportCommand.class,
            Main.DemoCommand.class,
            Main.ModelsCommand.class,
            Main.EnginesCommand.class,
            ServeCommand.class,
            DriftCommand.class,
            LineageCommand.class,
            ContinualCommand.class,
            BacktestCommand.class,
            BenchCommand.class,
            GenerateCommand.class,
            NewPluginCommand.class
        })
public final class Main implements Runnable {

    /** Exit code for bad input or usage. */
    public static final int BAD_INPUT = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and exits the JVM with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args));
    }

    /**
     * Runs the command line without exiting; for tests and embedding.
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(Main::runWithProjectHelp);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("lstmforge: " + UserErrors.oneLine(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
            cmd.getErr().println("see: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> handle(ex, cmd.getErr()));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Maps a failure to an exit code: one line for the user's mistakes, a stack trace for bugs.
     *
     * @param t what the command threw
     * @param err standard error
     * @return the exit code
     */
    static int handle(Throwable t, PrintWriter err) {
        if (t instanceof InterruptedException) {
            err.println("lstmforge: interrupted");
            return 130;
        }
        Throwable user = UserErrors.userFailure(t);
        if (user != null) {
            err.println("lstmforge: " + UserErrors.message(user));
            return BAD_INPUT;
        }
        err.println("lstmforge: unexpected failure: " + t);
        t.printStackTrace(err);
        return 1;
    }

    /**
     * Runs the parsed command; {@code train PROJECT --help} also lists the project's
     * hyper-parameters, which picocli's own help cannot know.
     */
    private static int runWithProjectHelp(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested()
                && leaf.commandSpec().userObject() instanceof TrainCommand train
                && train.project != null) {
            CommandLine cmd = leaf.commandSpec().commandLine();
            cmd.usage(cmd.getOut());
            cmd.getOut().println();
            train.shared.quiet = true;
            try (LstmForge forge = train.shared.open(cmd.getCommandSpec())) {
                ParamTable.print(cmd.getOut(), project(forge, train.project));
                return 0;
            } catch (RuntimeException e) {
                throw new CommandLine.ExecutionException(cmd, "cannot list the hyper-parameters", e);
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /**
     * Returns an installed project, or fails naming the installed ones and the closest id.
     *
     * @param forge the host
     * @param id the project id the user typed
     * @return the project
     * @throws LstmForgeException if no usable plugin provides it
     */
    static LstmProject<?, ?> project(LstmForge forge, String id) {
        LstmProject<?, ?> p = forge.projects().get(id);
        if (p != null) {
            return p;
        }
        Set<String> ids = new TreeSet<>(forge.projects().keySet());
        StringBuilder m =
                new StringBuilder("no plugin provides project '").append(id).append('\'');
        String closest = HyperParameters.closest(id, ids);
        if (closest != null) {
            m.append("; did you mean '").append(closest).append("'?");
        }
        m.append("; installed: ").append(ids.isEmpty() ? "none" : String.join(", ", ids));
        String broken = forge.plugins().stream()
                .filter(s -> !s.usable())
                .map(PluginStatus::id)
                .collect(Collectors.joining(", "));
        if (!broken.isEmpty()) {
            m.append("; not usable: ").append(broken).append(" (see: lstmforge list)");
        }
        throw new LstmForgeException(m.toString());
    }

    /** Options every command understands. */
    static final class Shared {

        @Option(
                names = "--plugins",
                paramLabel = "DIR",
                description = "Plugins directory (jars, or plugin modules in development). "
                        + "Default: $LSTMFORGE_PLUGINS, config file, ./plugins.")
        Path plugins;

        @Option(
                names = "--models",
                paramLabel = "DIR",
                description = "Model store root. Default: $LSTMFORGE_MODELS, config file, ./models.")
        Path models;

        @Option(
                names = "--engine",
                paramLabel = "NAME",
                description = "Engine profile: pytorch-cpu (default), mxnet-cpu, pytorch-gpu, mxnet-gpu. "
                        + "Default: $LSTMFORGE_ENGINE, config file, pytorch-cpu.")
        String engine;

        @Option(
                names = "--engine-config",
                paramLabel = "FILE",
                description = "Engine profile file; wins over --engine.")
        Path engineConfig;

        @Option(
                names = "--data-root",
                paramLabel = "DIR",
                description = "Root of shared datasets projects may default to. Default: $LSTMFORGE_DATA_ROOT.")
        Path dataRoot;

        @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
        Long seed;

        @Option(
                names = {"-q", "--quiet"},
                description = "Print no progress.")
        boolean quiet;

        LstmForge open(CommandLine.Model.CommandSpec spec) {
            PrintWriter err = spec.commandLine().getErr();
            LstmForge.Builder b = LstmForge.builder()
                    .pluginsDir(plugins)
                    .modelsDir(models)
                    .engine(engine)
                    .engineConfig(engineConfig)
                    .dataRoot(dataRoot);
            if (seed != null) {
                b.seed(seed);
            }
            if (!quiet) {
                b.listener(new ConsoleProgress(err, System.console() != null));
                b.log(line -> {
                    err.println(line);
                    err.flush();
                });
            }
            return b.build();
        }
    }

    static Map<String, String> parseParams(List<String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new LstmForgeException("hyper-parameter '" + p + "' must look like key=value");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    static void printEntry(PrintWriter out, ReportEntry e) {
        out.println(e.projectId() + " " + e.modelRef() + " (" + e.variant() + ")");
        e.evaluation().metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %-28s %s%n", k, format(v)));
        if (!e.evaluation().summary().isEmpty()) {
            out.println("  " + e.evaluation().summary());
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List plugins and their projects, with version, state, any failure reason and the "
                        + "optional commands (capabilities) each project offers.",
                "With --params PROJECT: list that project's hyper-parameters instead."
            })
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--params",
                paramLabel = "PROJECT",
                description = "List the hyper-parameters of PROJECT: name, allowed values, default, description.")
        String paramsOf;

        @Override
        public Integer call() {
            shared.quiet = true;
            PrintWriter out = spec.commandLine().getOut();
            try (LstmForge forge = shared.open(spec)) {
                if (paramsOf != null) {
                    ParamTable.print(out, project(forge, paramsOf));
                    return 0;
                }
                if (forge.plugins().isEmpty()) {
                    out.println("no plugins found");
                }
                for (PluginStatus s : forge.plugins()) {
                    out.printf(
                            Locale.ROOT,
                            "%-20s %-8s %-9s %s%n",
                            s.id(),
                            s.version(),
                            s.state(),
                            s.usable() ? s.description() : "reason: " + s.reason());
                    for (String id : s.projects()) {
                        LstmProject<?, ?> p = forge.projects().get(id);
                        if (p != null) {
                            out.printf(
                                    Locale.ROOT,
                                    "%-20s project %s (%s); capabilities: %s%n",
                                    "",
                                    id,
                                    p.info()
                                            .task()
                                            .name()
                                            .toLowerCase(Locale.ROOT)
                                            .replace('_', ' '),
                                    Capabilities.describe(p.info()));
                        }
                    }
                    out.printf(Locale.ROOT, "%-20s from %s%n", "", s.source());
                }
                return 0;
            }
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train a project, evaluate it on its test part and save a new model version.",
            footer = {
                "",
                "'lstmforge train PROJECT --help' also lists PROJECT's hyper-parameters "
                        + "(as does 'lstmforge list --params PROJECT')."
            })
    static final class TrainCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PROJECT", description = "Project id (see: lstmforge list).")
        String project;

        @Option(names = "--data", paramLabel = "PATH", description = "Data file or folder (default: the project's).")
        Path data;

        @Option(
                names = {"-P", "--param"},
                paramLabel = "KEY=VALUE",
                description = "Hyper-parameter, repeatable (e.g. -P epochs=20 -P window=60); checked before any data "
                        + "is read. List them with: lstmforge train PROJECT --help.")
        List<String> params = List.of();

        @Option(names = "--report", paramLabel = "DIR", description = "Also write an HTML/JSON/PNG report here.")
        Path report;

        @Option(
                names = "--from",
                paramLabel = "MODEL",
                description = "Continue from this saved version (PROJECT/vN, a folder or a zip) instead of starting"
                        + " from scratch: same network, preprocessing and project settings, new data. Choose the"
                        + " protection against forgetting with -P strategy=naive|replay|ewc|joint (and"
                        + " replayPerTask, replayBatchSize, ewcLambda, fisherBatches).")
        String from;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, String> hp = parseParams(params);
            try (LstmForge forge = shared.open(spec)) {
                TrainResult r;
                if (from != null) {
                    // keys are checked against the parent's before any data is read
                    r = forge.fineTune(project, from, data, hp);
                } else {
                    // Unknown keys and bad values stop here, before any data is read or training starts.
                    LstmForge.hyperParameters(project(forge, project), hp);
                    r = forge.train(project, data, hp);
                }
                printEntry(out, r.report());
                out.println("saved " + r.version().ref() + " at " + r.version().dir());
                if (report != null) {
                    out.println("report: " + forge.writeReport(report, "LSTM Forge: " + project, List.of(r.report())));
                }
                return 0;
            }
        }
    }

    @Command(
            name = "evaluate",
            mixinStandardHelpOptions = true,
            description = "Evaluate a saved model on its project's test part and write a report.")
    static final class EvaluateCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelArgument model;

        @Option(
                names = "--data",
                paramLabel = "PATH",
                description =
                        "Data to evaluate on (default: the data the model was trained on, as its provenance records).")
        Path data;

        @Mixin
        ReportOption report;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LstmForge forge = shared.open(spec)) {
                ReportEntry e = forge.evaluate(model.ref, data);
                printEntry(out, e);
                Path dir = report.dir(forge, "evaluate");
                out.println("report: " + forge.writeReport(dir, "LSTM Forge evaluation: " + e.modelRef(), List.of(e)));
                return 0;
            }
        }
    }

    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = "Run a saved model on a request through its serving translator and print the response.")
    static final class PredictCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelArgument model;

        @Option(
                names = "--input",
                paramLabel = "FILE|FOLDER",
                description = "Request body from a file (a CSV, JSON, or an audio file), or a folder: every file in it"
                        + " is one request, sent in batches; the answer is a JSON array of {file, result}.")
        Path input;

        @Option(names = "--text", paramLabel = "TEXT", description = "Request body given inline (e.g. JSON).")
        String text;

        @Option(
                names = "--batch",
                paramLabel = "N",
                defaultValue = "16",
                description = "Requests per forward pass when --input is a folder (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(
                names = {"-P", "--param"},
                paramLabel = "KEY=VALUE",
                description = "Request property, repeatable (e.g. -P horizon=10).")
        List<String> params = List.of();

        @Override
        public Integer call() throws IOException {
            shared.quiet = true;
            if (batch < 1) {
                throw new LstmForgeException("--batch " + batch + " must be at least 1");
            }
            if (input != null && Files.isDirectory(input)) {
                return predictFolder();
            }
            byte[] body;
            if (input != null) {
                if (!Files.isRegularFile(input)) {
                    throw new LstmForgeException("input file not found: " + input);
                }
                body = Files.readAllBytes(input);
            } else {
                body = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
            }
            try (LstmForge forge = shared.open(spec);
                    LoadedModel m = forge.load(model.ref)) {
                String answer;
                try {
                    answer = m.predict(body, parseParams(params));
                } catch (LstmForgeException e) {
                    throw input == null ? e : new LstmForgeException(input + ": " + e.getMessage(), e);
                }
                spec.commandLine().getOut().println(indented(answer));
                return 0;
            }
        }

        private int predictFolder() throws IOException {
            List<Path> files;
            try (var s = Files.list(input)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
            }
            if (files.isEmpty()) {
                throw new LstmForgeException(input + ": the folder holds no files to predict");
            }
            Map<String, String> props = parseParams(params);
            JsonArray answers = new JsonArray();
            try (LstmForge forge = shared.open(spec);
                    LoadedModel m = forge.load(model.ref)) {
                for (int start = 0; start < files.size(); start += batch) {
                    List<Path> group = files.subList(start, Math.min(files.size(), start + batch));
                    List<byte[]> bodies = new ArrayList<>(group.size());
                    for (Path f : group) {
                        bodies.add(Files.readAllBytes(f));
                    }
                    List<String> results;
                    try {
                        results = m.predictAll(bodies, props);
                    } catch (LstmForgeException batchFailed) {
                        // name the file that failed: run the batch's requests one by one
                        for (int i = 0; i < group.size(); i++) {
                            try {
                                m.predict(bodies.get(i), props);
                            } catch (LstmForgeException e) {
                                throw new LstmForgeException(group.get(i) + ": " + e.getMessage(), e);
                            }
                        }
                        throw batchFailed;
                    }
                    for (int i = 0; i < group.size(); i++) {
                        JsonObject a = new JsonObject();
                        a.addProperty("file", group.get(i).getFileName().toString());
                        a.add("result", asJson(results.get(i)));
                        answers.add(a);
                    }
                }
            }
            spec.commandLine()
                    .getOut()
                    .println(new GsonBuilder().setPrettyPrinting().create().toJson(answers));
            return 0;
        }

        /** The answer as a person reads it: JSON indented (the wire format is compact), other text as it is. */
        private static String indented(String answer) {
            String t = answer.strip();
            if (!(t.startsWith("{") || t.startsWith("["))) {
                return answer;
            }
            try {
                return ai.djl.util.JsonUtils.GSON_PRETTY.toJson(JsonParser.parseString(answer));
            } catch (JsonParseException | IllegalArgumentException notJson) {
                return answer;
            }
        }

        private static JsonElement asJson(String text) {
            try {
                return JsonParser.parseString(text);
            } catch (JsonParseException e) {
                return new JsonPrimitive(text);
            }
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Export a saved model for DJL Serving (a directory, or a .zip).")
    static final class ExportCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelArgument model;

        @Option(
                names = {"-o", "--output"},
                required = true,
                paramLabel = "PATH",
                description = "Directory to create, or a file name ending in .zip.")
        Path output;

        @Override
        public Integer call() {
            shared.quiet = true;
            try (LstmForge forge = shared.open(spec)) {
                spec.commandLine().getOut().println("exported " + forge.export(model.ref, output));
                return 0;
            }
        }
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description =
                    "Train, evaluate and save every installed project on its default data, then write one " + "report.")
    static final class DemoCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ReportOption report;

        @Option(
                names = "--time-budget",
                paramLabel = "SECONDS",
                defaultValue = "60",
                description = "Training time budget per model (default ${DEFAULT-VALUE} s).")
        int timeBudget;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (LstmForge forge = shared.open(spec)) {
                if (forge.projects().isEmpty()) {
                    throw new LstmForgeException("no usable plugins to run; see: lstmforge list");
                }
                Path dir = report.dir(forge, "demo");
                LstmForge.DemoResult r = forge.demo(dir, Map.of("timeBudgetSeconds", Integer.toString(timeBudget)));
                r.entries().forEach(e -> printEntry(out, e));
                r.failures().forEach(f -> out.println("FAILED " + f));
                out.println("report: " + r.reportIndex());
                return r.failures().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true, description = "List saved model versions.")
    static final class ModelsCommand implements Callable<Integer> {
        @Mixin
        Shared shared;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "PROJECT", description = "Only this project.")
        String project;

        @Override
        public Integer call() {
            shared.quiet = true;
            PrintWriter out = spec.commandLine().getOut();
            try (LstmForge forge = shared.open(spec)) {
                Path root = forge.store().root();
                if (!Files.isDirectory(root)) {
                    throw new LstmForgeException("the model store " + root + " does not exist; train a model first, "
                            + "or point --models (or LSTMFORGE_MODELS) at an existing store");
                }
                List<String> ids = project != null
                        ? List.of(project)
                        : List.copyOf(forge.projects().keySet());
                int listed = 0;
                for (String id : ids) {
                    for (ModelVersion v : forge.store().versions(id)) {
                        out.println(v.ref() + "  " + v.dir());
                        listed++;
                    }
                }
                if (listed == 0) {
                    out.println("no saved models" + (project != null ? " of " + project : "") + " in " + root);
                }
                return 0;
            }
        }
    }

    @Command(name = "engines", mixinStandardHelpOptions = true, description = "List the engine profiles.")
    static final class EnginesCommand implements Callable<Integer> {
        @Option(
                names = "--engines-dir",
                paramLabel = "DIR",
                description = "Profiles directory (default ./engines-config).")
        Path dir = Path.of("engines-config");

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            EngineProfiles profiles = new EngineProfiles(dir);
            for (String name : profiles.names()) {
                var p = profiles.byName(name);
                spec.commandLine()
                        .getOut()
                        .printf(
                                Locale.ROOT,
                                "%-14s %-8s %-4s %s%n",
                                name,
                                p.engine(),
                                p.gpu() ? "gpu" : "cpu",
                                p.description());
            }
            return 0;
        }
    }

    /** Prints the platform and DJL versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "lstmforge " + dev.lstmforge.runtime.RuntimeInfo.platformVersion() + " (DJL "
                        + dev.lstmforge.runtime.RuntimeInfo.djlVersion() + ")"
            };
        }
    }
}
