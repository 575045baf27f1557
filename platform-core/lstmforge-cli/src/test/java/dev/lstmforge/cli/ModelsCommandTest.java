package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models} says where it looked, and refuses a store folder that does not exist. */
class ModelsCommandTest {

    @Test
    void aStoreFolderThatDoesNotExistIsExitTwoNamingIt(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Path models = tmp.resolve("no-such-store");

        Cli.Result r = Cli.run(plugins, models, "models");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo(
                        "lstmforge: the model store " + models.toAbsolutePath()
                                + " does not exist; train a model first, or point --models (or LSTMFORGE_MODELS) at an existing store");
        assertThat(r.out()).isEmpty();
        assertThat(models).doesNotExist();
    }

    @Test
    void anEmptyStoreSaysSoWithExitZero(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);
        Path models = Files.createDirectory(tmp.resolve("models"));

        Cli.Result all = Cli.run(plugins, models, "models");
        Cli.Result one = Cli.run(plugins, models, "models", "toy-forecast");

        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.out().strip()).isEqualTo("no saved models in " + models.toAbsolutePath());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out().strip()).isEqualTo("no saved models of toy-forecast in " + models.toAbsolutePath());
    }

    @Test
    void savedVersionsAreListedOldestFirst(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);
        Path models = tmp.resolve("models");
        for (String v : new String[] {"v2", "v10", "v1"}) {
            Path dir = Files.createDirectories(models.resolve("toy-forecast").resolve(v));
            Files.writeString(dir.resolve("provenance.json"), "{\"project\": \"toy-forecast\"}");
        }

        Cli.Result r = Cli.run(plugins, models, "models");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().map(l -> l.split("  ")[0]).toList())
                .containsExactly("toy-forecast/v1", "toy-forecast/v2", "toy-forecast/v10");
    }
}
