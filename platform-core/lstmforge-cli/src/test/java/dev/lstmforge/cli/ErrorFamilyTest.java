package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user error is exit 2 with one line and no Java class name; anything else is exit 1 with
 * a stack trace, because it is a bug.
 */
class ErrorFamilyTest {

    private static String[] handled(Throwable t) {
        StringWriter err = new StringWriter();
        int code = Main.handle(t, new PrintWriter(err, true));
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void lstmForgeExceptionIsOneLineExitTwo() {
        String[] r = handled(new LstmForgeException("AAPL.csv line 43, column Close: '12x5' is not a number"));

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1])
                .isEqualTo(
                        "lstmforge: AAPL.csv line 43, column Close: '12x5' is not a number" + System.lineSeparator());
    }

    @Test
    void aWrappedLstmForgeExceptionIsStillExitTwoWithItsOwnMessage() {
        Exception wrapped = new ExecutionException(
                "worker failed",
                new IllegalStateException("translate failed", new LstmForgeException("bad request: 'horizon' is 0")));

        String[] r = handled(wrapped);

        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].strip()).isEqualTo("lstmforge: bad request: 'horizon' is 0");
    }

    @Test
    void ioFailuresAreDescribedInWords() {
        assertThat(handled(new NoSuchFileException("data/AAPL.csv"))[1].strip())
                .isEqualTo("lstmforge: file not found: data/AAPL.csv");
        assertThat(handled(new AccessDeniedException("models/stock-forecast"))[1].strip())
                .isEqualTo("lstmforge: permission denied: models/stock-forecast");
        assertThat(handled(new UncheckedIOException(new NoSuchFileException("x.csv")))[1].strip())
                .isEqualTo("lstmforge: file not found: x.csv");
        String[] coding = handled(new MalformedInputException(1));
        assertThat(coding[0]).isEqualTo("2");
        assertThat(coding[1])
                .doesNotContain("Exception")
                .contains("not valid text")
                .contains("UTF-8");
    }

    @Test
    void classNamesInAMessageAreRemovedAndLinesJoined() {
        String[] r = handled(new LstmForgeException("cannot read state.json: com.google.gson.stream."
                + "MalformedJsonException: Expected ':' at line 1 column 7\nSee the docs"));

        assertThat(r[1].strip())
                .isEqualTo("lstmforge: cannot read state.json: Expected ':' at line 1 column 7 See the docs");
        assertThat(UserErrors.oneLine("corpus.txt: MalformedInputException: Input length = 1"))
                .isEqualTo("corpus.txt: Input length = 1");
        assertThat(UserErrors.oneLine("java.io.EOFException")).isEqualTo("failed without a message");
        assertThat(UserErrors.oneLine(null)).isEqualTo("failed without a message");
        assertThat(UserErrors.oneLine("column 'Close' not found in AAPL.csv"))
                .isEqualTo("column 'Close' not found in AAPL.csv");
    }

    @Test
    void aBugIsExitOneWithAStackTrace() {
        String[] r = handled(new IllegalStateException("index 3 out of bounds"));

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1])
                .startsWith("lstmforge: unexpected failure: java.lang.IllegalStateException: index 3")
                .contains("\tat ");
    }

    @Test
    void interruptionIsExit130() {
        assertThat(handled(new InterruptedException())[0]).isEqualTo("130");
    }

    @Test
    void aUsageErrorIsExitTwoNamingTheOptionAndPointingAtHelp() {
        Cli.Result r = Cli.raw("train", "--seed", "abc", "x");

        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines().findFirst().orElse(""))
                .startsWith("lstmforge: ")
                .contains("--seed")
                .contains("abc")
                .doesNotContain("Exception");
        assertThat(r.err()).contains("see: lstmforge train --help").doesNotContain("\tat ");
    }

    @Test
    void aDamagedModelFolderIsOneLineWithoutClassNames(@TempDir Path tmp) throws IOException {
        Path plugins = Files.createDirectory(tmp.resolve("plugins"));
        ToyPlugins.both(plugins);
        Path models = tmp.resolve("models");
        Path v1 = Files.createDirectories(models.resolve("toy-forecast/v1"));
        Files.writeString(v1.resolve("provenance.json"), "{\"project\": \"toy-forecast\"}");
        Files.writeString(v1.resolve("hyperparameters.json"), "{\"window\": \"10\"}");
        Files.writeString(v1.resolve("state.json"), "{\"features\" 3}");

        Cli.Result r = Cli.run(plugins, models, "predict", "toy-forecast/v1");

        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().strip())
                .startsWith("lstmforge: ")
                .doesNotContain("\n")
                .doesNotContain("Exception")
                .doesNotContain("com.google")
                .contains("toy-forecast");
    }
}
