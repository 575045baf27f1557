package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host loads plugin jars from a directory and survives broken ones. */
class PluginLoadingTest {

    @Test
    void listShowsThePluginJarAndRemovingTheJarRemovesIt(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Path jar = Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));

        Cli.Result listed = Cli.run(plugins, tmp.resolve("models"), "list");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).contains("stock-forecast").contains("STARTED").contains(jar.toString());

        Files.delete(jar);
        Cli.Result empty = Cli.run(plugins, tmp.resolve("models"), "list");
        assertThat(empty.code()).isZero();
        assertThat(empty.out()).doesNotContain("stock-forecast").contains("no plugins found");
    }

    @Test
    void brokenPluginsAreReportedAndTheOthersStillWork(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        // 1. not a zip at all
        Files.writeString(plugins.resolve("garbage.jar"), "this is not a jar file");
        // 2. a valid descriptor whose plugin class and extension do not exist
        writeJar(
                plugins.resolve("missing-class.jar"),
                "missing-class",
                "0.1.0",
                ">=0.1.0",
                "com.example.NoSuchPlugin",
                "com.example.NoSuchProject");
        // 3. needs a platform version from the future
        writeJar(plugins.resolve("future.jar"), "future-plugin", "1.0.0", ">=99.0.0", null, null);

        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "list");
        assertThat(r.code()).isZero();
        String out = r.out();
        assertThat(out).containsPattern("stock-forecast\\s+0\\.1\\.0\\s+STARTED");
        assertThat(out).contains("garbage.jar").containsPattern("garbage\\.jar\\s+\\?\\s+FAILED");
        assertThat(out).containsPattern("missing-class\\s+0\\.1\\.0\\s+FAILED\\s+reason: .*NoSuchPlugin");
        assertThat(out)
                .containsPattern("future-plugin\\s+1\\.0\\.0\\s+DISABLED\\s+reason: needs platform "
                        + "version >=99\\.0\\.0 but this is 0\\.1\\.0");

        // The healthy plugin is still usable next to the broken ones.
        Cli.Result trained =
                Cli.run(plugins, tmp.resolve("models"), concat(new String[] {"train", "stock-forecast"}, Cli.FAST));
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(tmp.resolve("models/stock-forecast/v1/provenance.json")).isRegularFile();
    }

    @Test
    void unknownProjectNamesTheInstalledOnes(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "train", "no-such-project");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("no plugin provides project 'no-such-project'")
                .contains("stock-forecast");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void writeJar(
            Path file, String id, String version, String requires, String pluginClass, String extension)
            throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", id);
        a.putValue("Plugin-Version", version);
        a.putValue("Plugin-Requires", requires);
        a.putValue("Plugin-Description", "a deliberately broken plugin");
        if (pluginClass != null) {
            a.putValue("Plugin-Class", pluginClass);
        }
        try (OutputStream out = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(out, mf)) {
            if (extension != null) {
                jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                jar.write((extension + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
    }
}
