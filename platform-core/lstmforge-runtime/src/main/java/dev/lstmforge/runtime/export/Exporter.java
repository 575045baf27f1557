package dev.lstmforge.runtime.export;

import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pf4j.ExtensionPoint;

/**
 * Writes a saved model as a directory (or zip) that plain DJL {@code Criteria<Input, Output>}
 * loads, with no LSTM Forge classes on the application classpath. The model's files are checked
 * against its manifest first, copied as {@link ModelLayout} names them, and get a new
 * {@code serving.properties} (for the chosen engine) and manifest. The layout follows what DJL
 * resolves by name:
 *
 * <pre>
 * export/
 *   serving.properties      engine=, translator=, blockFactory=, option.modelName=
 *   stock-forecast-0012.params, state.json, hyperparameters.json, ..., manifest.json
 *   plugin.jar, lstmforge-spi.jar, pf4j.jar    (blockFactory= is looked up in the model root)
 *   libs/plugin.jar, libs/lstmforge-spi.jar    (translator= is looked up in libs/)
 * </pre>
 *
 * <p>{@code pf4j.jar} is there because the generic {@code ProjectBlockFactory} instantiates the
 * plugin's project class, which is a PF4J extension point.
 */
public final class Exporter {

    /**
     * Exports a model version after checking its files against its manifest.
     *
     * @param version the saved version
     * @param pluginSource the plugin jar (or zip) the project came from
     * @param engineName the engine to write into {@code serving.properties}
     * @param target a directory to create, or a path ending in {@code .zip}
     * @return the written directory or zip
     * @throws LstmForgeException if a model file is damaged (naming it), the plugin is not a jar or
     *     the target exists
     */
    public Path export(ModelVersion version, String pluginSource, String engineName, Path target) {
        ModelLayout source = ModelLayout.of(version);
        source.verify();
        Path pluginJar = Path.of(pluginSource);
        if (!Files.isRegularFile(pluginJar) || !pluginJar.toString().endsWith(".jar")) {
            throw new LstmForgeException("export needs the project's plugin packaged as a jar, but "
                    + version.projectId() + " was loaded from " + pluginSource
                    + "; install the plugin jar into the plugins directory");
        }
        boolean zip = target.getFileName().toString().endsWith(".zip");
        Path dir = zip ? target.resolveSibling(target.getFileName() + ".tmpdir") : target;
        try {
            if (Files.exists(dir) && !isEmptyDir(dir)) {
                throw new LstmForgeException("export target " + dir + " already exists and is not empty");
            }
            Files.createDirectories(dir.resolve("libs"));
            ModelLayout out = new ModelLayout(dir);
            for (String name : source.modelFiles()) {
                if (!name.equals(ModelLayout.SERVING)) {
                    Files.copy(source.dir().resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Properties serving = source.readServingProperties();
            String translator = serving.getProperty("translator");
            if (translator == null || translator.isBlank()) {
                throw new LstmForgeException(
                        source.describe(ModelLayout.SERVING) + " names no translator; retrain or restore it");
            }
            out.writeServingProperties(
                    engineName, serving.getProperty("option.modelName", version.projectId()), translator);
            out.writeManifest();
            Path spiJar = jarOf(LstmProject.class, dir.resolve("libs/lstmforge-spi.jar"));
            Files.copy(pluginJar, dir.resolve("libs/" + version.projectId() + "-plugin.jar"));
            Files.copy(pluginJar, dir.resolve(version.projectId() + "-plugin.jar"));
            Files.copy(spiJar, dir.resolve("lstmforge-spi.jar"));
            jarOf(ExtensionPoint.class, dir.resolve("pf4j.jar"));
            if (!zip) {
                return dir;
            }
            zipDir(dir, target);
            deleteTree(dir);
            return target;
        } catch (IOException e) {
            throw new LstmForgeException(
                    "cannot export " + version.ref() + " to " + target + ": " + Messages.describe(e), e);
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Copies the jar a class came from, or packs its classes when running from a build directory. */
    private static Path jarOf(Class<?> type, Path target) throws IOException {
        Path source;
        try {
            source = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the classes of " + type.getPackageName(), e);
        }
        if (Files.isRegularFile(source)) {
            Files.copy(source, target);
        } else {
            zipDir(source, target);
        }
        return target;
    }

    private static void zipDir(Path dir, Path zipFile) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(zipFile);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
