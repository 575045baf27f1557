package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project's hyper-parameters through the CLI, on a toy plugin loaded by the real host: listed by
 * {@code train PROJECT --help} and {@code list --params PROJECT}, checked before anything runs.
 */
class HyperParameterCliTest {

    /**
     * The table the toy forecast project declares, in declaration order, host keys last; the
     * description column starts at 51, so a description wraps after 69 characters (120 in all).
     */
    private static final String TABLE = String.join(
            "\n",
            "Hyper-parameters of toy-forecast (set with -P KEY=VALUE):",
            "  NAME               ALLOWED              DEFAULT  DESCRIPTION",
            "  window             integer 2..500       10       steps per input window",
            "  dropout            number 0..0.9        0.25     dropout between layers",
            "  shuffle            true|false           true     shuffle the windows",
            "  columns            text                 \"\"       columns to read; empty = all numeric ones",
            "  scaler             minmax|standard      minmax   how inputs are scaled",
            "Training (every project):",
            "  epochs             integer 1..100000    3        most passes over the training data",
            "  batchSize          integer 1..1048576   64       samples per mini-batch",
            "  learningRate       number 1.0E-8..10    0.001    optimizer learning rate",
            "  patience           integer 0..100000    5        epochs without a better validation loss before "
                    + "stopping; 0 = never",
            " ".repeat(51) + "stop early",
            "  timeBudgetSeconds  integer 0..31536000  0        stop training after this many seconds; "
                    + "0 = no limit",
            "");

    @TempDir
    Path tmp;

    private Path plugins;
    private Path models;

    @BeforeEach
    void installToys() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);
        models = tmp.resolve("models");
    }

    @Test
    void listParamsPrintsTheTable() {
        Cli.Result r = Cli.run(plugins, models, "list", "--params", "toy-forecast");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().replace("\r\n", "\n")).isEqualTo(TABLE);
    }

    @Test
    void trainProjectHelpPrintsTheUsualHelpAndThenTheTable() {
        Cli.Result r = Cli.run(plugins, models, "train", "toy-forecast", "--help");

        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out().replace("\r\n", "\n");
        assertThat(out)
                .startsWith("Usage: lstmforge train")
                .contains("-P, --param=KEY=VALUE")
                .endsWith(TABLE);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpBeforeTheProjectWorksToo() {
        Cli.Result r = Cli.run(plugins, models, "train", "--help", "toy-forecast");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().replace("\r\n", "\n")).endsWith(TABLE);
    }

    @Test
    void trainHelpWithoutAProjectSaysHowToListThem() {
        Cli.Result r = Cli.raw("train", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("Usage: lstmforge train")
                .contains("'lstmforge train PROJECT --help' also lists PROJECT's hyper-parameters")
                .doesNotContain("Hyper-parameters of");
    }

    @Test
    void aProjectWithoutParametersOfItsOwnListsTheTrainingKeys() {
        Cli.Result r = Cli.run(plugins, models, "list", "--params", "toy-writer");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Hyper-parameters of toy-writer")
                .contains("  (none of its own)")
                .containsPattern("epochs +integer 1\\.\\.100000 +30 ");
    }

    @Test
    void unknownProjectIsExitTwoWithTheClosestName() {
        Cli.Result r = Cli.run(plugins, models, "list", "--params", "toy-forcast");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: no plugin provides project 'toy-forcast'; did you mean "
                        + "'toy-forecast'?; installed: toy-forecast, toy-writer");

        Cli.Result help = Cli.run(plugins, models, "train", "toy-forcast", "--help");
        assertThat(help.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(help.err().strip())
                .startsWith("lstmforge: no plugin provides project 'toy-forcast'")
                .doesNotContain("\n");
    }

    @Test
    void unknownKeyIsOneLineNamingTheClosest() {
        Cli.Result r = Cli.run(plugins, models, "train", "toy-forecast", "-P", "windw=30");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: unknown hyper-parameter 'windw' for toy-forecast; did you mean 'window'?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badValueIsOneLineNamingKeyValueAndRange() {
        Cli.Result r = Cli.run(plugins, models, "train", "toy-forecast", "-P", "window=1");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: hyper-parameter 'window' must be a whole number from 2 to 500, got '1'");
    }

    @Test
    void parametersAreCheckedBeforeTheDataIsLookedAt() {
        Path missing = tmp.resolve("no-such-data.csv");

        Cli.Result r =
                Cli.run(plugins, models, "train", "toy-forecast", "--data", missing.toString(), "-P", "scaler=robust");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: hyper-parameter 'scaler' must be one of minmax, standard, got 'robust'");
        assertThat(models).doesNotExist();
    }

    @Test
    void validParametersReachTheProject() {
        // The toy refuses to read data: getting its message proves the parameters were accepted.
        Cli.Result r = Cli.run(plugins, models, "train", "toy-forecast", "-P", "window=30", "-P", "scaler=STANDARD");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("lstmforge: toy-forecast is a toy: it reads no data");
    }

    @Test
    void parameterWithoutEqualsSignIsRefused() {
        Cli.Result r = Cli.run(plugins, models, "train", "toy-forecast", "-P", "window");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("lstmforge: hyper-parameter 'window' must look like key=value");
    }
}
