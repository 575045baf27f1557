package dev.lstmforge.cli;

import dev.lstmforge.cli.toy.ToyForecastProject;
import dev.lstmforge.cli.toy.ToyPlugin;
import dev.lstmforge.cli.toy.ToyWriterProject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the toy projects of {@code dev.lstmforge.cli.toy} into a PF4J plugin jar, so the CLI's
 * listing, help and capability checks can be tested through the real plugin host without the
 * shipped plugins. The toy classes have no {@code @Extension}: the index is written here, so the
 * host does not also find them on the test classpath.
 */
final class ToyPlugins {

    private ToyPlugins() {}

    /**
     * Writes a plugin jar holding both toy projects.
     *
     * @param pluginsDir the plugins directory
     * @return the jar
     * @throws IOException if writing fails
     */
    static Path both(Path pluginsDir) throws IOException {
        return write(
                pluginsDir.resolve("toy.jar"),
                "toy-plugin",
                ToyForecastProject.class.getName(),
                ToyWriterProject.class.getName());
    }

    /**
     * Writes a plugin jar holding the toy forecast project only.
     *
     * @param pluginsDir the plugins directory
     * @return the jar
     * @throws IOException if writing fails
     */
    static Path forecastOnly(Path pluginsDir) throws IOException {
        return write(pluginsDir.resolve("toy-forecast.jar"), "toy-forecast-plugin", ToyForecastProject.class.getName());
    }

    private static Path write(Path jar, String pluginId, String... extensions) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", pluginId);
        a.putValue("Plugin-Version", "0.1.0");
        a.putValue("Plugin-Class", ToyPlugin.class.getName());
        a.putValue("Plugin-Description", "toy projects for CLI tests");
        Path classes = testClasses();
        String pkg = ToyPlugin.class.getPackageName().replace('.', '/');
        List<Path> files;
        try (Stream<Path> s = Files.list(classes.resolve(pkg))) {
            files = s.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            j.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
            for (Path f : files) {
                j.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    private static Path testClasses() {
        try {
            return Path.of(ToyPlugin.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
