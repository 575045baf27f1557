package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optional commands come from each project's declared capabilities, never from the host knowing a
 * project: {@code list} shows them and {@code generate} refuses a project that does not offer it.
 */
class CapabilityCliTest {

    @Test
    void listShowsEachProjectsTaskAndCapabilities(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        Path jar = ToyPlugins.both(plugins);

        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "list");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("toy-plugin\\s+0\\.1\\.0\\s+STARTED\\s+toy projects for CLI tests")
                .contains("project toy-forecast (regression); capabilities: none")
                .contains("project toy-writer (generation); capabilities: generate")
                .contains("from " + jar);
    }

    @Test
    void generateRefusesAProjectWithoutTheCapabilityNamingTheOnesThatHaveIt(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);

        for (String ref : List.of("toy-forecast", "toy-forecast/v3", "toy-forecast/latest")) {
            Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "generate", ref, "--prompt", "hello");

            assertThat(r.code()).as(ref).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err().strip())
                    .as(ref)
                    .isEqualTo("lstmforge: toy-forecast does not offer 'generate'; projects that do: toy-writer");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void generateRefusalSaysWhenNoInstalledProjectOffersIt(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.forecastOnly(plugins);

        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "generate", "toy-forecast");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: toy-forecast does not offer 'generate'; no installed project does");
    }

    @Test
    void generateRefusesAModelDirectoryOfAProjectWithoutTheCapability(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);
        Path models = tmp.resolve("models");
        Path v1 = Files.createDirectories(models.resolve("toy-forecast/v1"));
        Files.writeString(v1.resolve("provenance.json"), "{\"project\": \"toy-forecast\"}");

        Cli.Result r = Cli.run(plugins, models, "generate", v1.toString());

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: toy-forecast does not offer 'generate'; projects that do: toy-writer");
    }

    @Test
    void generateRefusesAModelZipOfAProjectWithoutTheCapability(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);
        Path zip = tmp.resolve("forecast-model.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("provenance.json"));
            z.write("{\"project\": \"toy-forecast\"}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }

        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "generate", zip.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: toy-forecast does not offer 'generate'; projects that do: toy-writer");
    }

    @Test
    void generatePassesTheCheckForAProjectThatOffersIt(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);

        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "generate", "toy-writer");

        // Past the capability check, the model lookup is what fails: there is no saved model.
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("no saved model for 'toy-writer'").doesNotContain("does not offer");
    }

    @Test
    void generateOfAnUnknownProjectNamesTheProblemNotTheCapability(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);

        Cli.Result r = Cli.run(plugins, tmp.resolve("models"), "generate", "no-such-project");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).doesNotContain("does not offer").contains("no-such-project");
    }

    @Test
    void theCommandsDecideByCapabilityNotByProjectName() throws IOException {
        Path dir = Path.of("src/main/java/dev/lstmforge/cli");
        for (String file : List.of("GenerateCommand.java", "Capabilities.java", "Main.java")) {
            assertThat(Files.readString(dir.resolve(file)))
                    .as(file)
                    .doesNotContain("text-generation")
                    .doesNotContain("TextGeneration");
        }
    }
}
