package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing the process mid-training leaves the store as it was: no half-written version. */
class KilledTrainingTest {

    @Test
    void killDuringTrainingLeavesEarlierVersionsIntact(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        Path models = tmp.resolve("models");
        assertThat(Cli.run(
                                plugins,
                                models,
                                PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST))
                        .code())
                .isZero();
        Path v1 = models.resolve("stock-forecast/v1");
        String before = digest(v1);

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "train",
                "stock-forecast",
                "--plugins",
                plugins.toString(),
                "--models",
                models.toString(),
                "-P",
                "epochs=10000",
                "-P",
                "patience=0",
                "-P",
                "window=20",
                "-P",
                "hiddenSize=16"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean training = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int epochs = 0;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("epoch") && ++epochs >= 2) {
                    training = true;
                    break;
                }
            }
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(training).as("the child process reached its second epoch").isTrue();

        assertThat(versionDirs(models)).containsExactly("v1");
        assertThat(digest(v1)).isEqualTo(before);

        // The next run publishes v2 and sweeps any directory the killed process left behind.
        Cli.Result next =
                Cli.run(plugins, models, PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST));
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(versionDirs(models)).containsExactly("v1", "v2");
        try (Stream<Path> s = Files.list(models.resolve("stock-forecast"))) {
            assertThat(s.map(c -> c.getFileName().toString()).filter(n -> n.startsWith(".incomplete")))
                    .isEmpty();
        }
        assertThat(digest(v1)).isEqualTo(before);
    }

    private static List<String> versionDirs(Path models) throws Exception {
        try (Stream<Path> s = Files.list(models.resolve("stock-forecast"))) {
            return s.map(c -> c.getFileName().toString())
                    .filter(n -> n.matches("v\\d+"))
                    .sorted()
                    .toList();
        }
    }

    private static String digest(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
