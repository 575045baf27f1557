package dev.lstmforge.runtime;

import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Opens the API on the test classpath's {@code tiny-test} project, and writes its data files. */
final class TinyForge {

    /** Two epochs: enough to save a model, fast. */
    static final Map<String, String> BUDGET = Map.of("epochs", "2");

    private TinyForge() {}

    static LstmForge open(Path models) {
        return open(models, "pytorch-cpu");
    }

    static LstmForge open(Path models, String engine) {
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("no-plugins"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine(engine)
                .seed(7)
                .build();
    }

    /** Writes the integers {@code from..to}, one a line. */
    static Path series(Path file, int from, int to) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String text =
                IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** SHA-256 computed here, independently of the code under test. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
