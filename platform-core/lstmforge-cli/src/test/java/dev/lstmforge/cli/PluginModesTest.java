package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plugins also load as a zip (PF4J's classes/ + lib/ layout) and from the build (development mode). */
class PluginModesTest {

    private static final Path MODULE = Path.of("../../plugins/stock-forecast");

    @Test
    void developmentModeLoadsModuleFoldersOfTheCheckout(@TempDir Path tmp) {
        Path pluginsRoot = MODULE.getParent();
        Cli.Result r = Cli.run(pluginsRoot, tmp.resolve("models"), "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("stock-forecast\\s+0\\.1\\.0\\s+STARTED");
        Cli.Result trained = Cli.run(
                pluginsRoot,
                tmp.resolve("models"),
                PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST));
        assertThat(trained.code()).as(trained.err()).isZero();
    }

    @Test
    void zipPluginLoads(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Path zip = plugins.resolve("stock-forecast.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            add(z, MODULE.resolve("plugin.properties"), "plugin.properties");
            addTree(z, MODULE.resolve("target/classes"), "classes/");
            addTree(z, MODULE.resolve("target/lib"), "lib/");
        }
        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "list");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("stock-forecast\\s+0\\.1\\.0\\s+STARTED");
        Cli.Result trained = Cli.run(
                plugins,
                tmp.resolve("models"),
                PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST));
        assertThat(trained.code()).as(trained.err()).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "list",
                "train",
                "evaluate",
                "predict",
                "export",
                "demo",
                "models",
                "engines",
                "serve",
                "bench",
                "generate",
                "new-plugin"
            })
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.raw(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: lstmforge " + command).contains("--help");
    }

    private static void addTree(ZipOutputStream z, Path dir, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            add(z, f, prefix + dir.relativize(f).toString().replace('\\', '/'));
        }
    }

    private static void add(ZipOutputStream z, Path file, String name) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        Files.copy(file, z);
        z.closeEntry();
    }
}
