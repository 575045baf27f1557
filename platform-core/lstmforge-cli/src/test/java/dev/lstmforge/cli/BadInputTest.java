package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input ends with exit code 2, one line on stderr naming the file, field and value (never a
 * Java class name), and no model version written.
 */
class BadInputTest {

    @TempDir
    Path tmp;

    private Path plugins;
    private Path models;

    @BeforeEach
    void installPlugin() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(Cli.STOCK_JAR, plugins.resolve("stock-forecast.jar"));
        models = tmp.resolve("models");
    }

    private Cli.Result train(String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "train";
        args[1] = "stock-forecast";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Cli.run(plugins, models, args);
    }

    private void assertRejected(Cli.Result r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        String firstLine = r.err().strip().lines().findFirst().orElse("");
        assertThat(firstLine).startsWith("lstmforge: ");
        for (String f : fragments) {
            assertThat(firstLine).contains(f);
        }
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().strip()).doesNotContain("\n");
        assertThat(models.resolve("stock-forecast"))
                .satisfiesAnyOf(
                        p -> assertThat(p).doesNotExist(),
                        p -> assertThat(Files.list(p)
                                        .filter(c -> c.getFileName().toString().startsWith("v")))
                                .isEmpty());
    }

    @Test
    void missingFile() {
        assertRejected(train("--data", tmp.resolve("nope.csv").toString()), "not found", "nope.csv");
    }

    @Test
    void missingColumn() throws IOException {
        Path csv = Files.writeString(tmp.resolve("no-close.csv"), "Date,Open,Volume\n2020-01-02,1.0,100\n");
        assertRejected(train("--data", csv.toString()), "no-close.csv", "Close");
    }

    @Test
    void nonNumericCell() throws IOException {
        StringBuilder sb = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        LocalDate d = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 100; i++) {
            String close = i == 41 ? "12,x5".replace(",", "") : Double.toString(10 + i * 0.1);
            sb.append(d.plusDays(i)).append(",1,1,1,").append(close).append(",1,100\n");
        }
        Path csv = Files.writeString(tmp.resolve("bad-cell.csv"), sb.toString());
        assertRejected(train("--data", csv.toString()), "bad-cell.csv", "line 43", "Close", "12x5");
    }

    @Test
    void tooFewRowsForOneWindow() throws IOException {
        StringBuilder sb = new StringBuilder("Date,Close\n");
        LocalDate d = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 30; i++) {
            sb.append(d.plusDays(i)).append(',').append(10 + i).append('\n');
        }
        Path csv = Files.writeString(tmp.resolve("short.csv"), sb.toString());
        assertRejected(train("--data", csv.toString(), "-P", "window=60"), "short.csv", "30", "61");
    }

    @Test
    void unsortedDates() throws IOException {
        Path csv = Files.writeString(
                tmp.resolve("unsorted.csv"), "Date,Close\n2020-01-03,10\n2020-01-02,11\n2020-01-04,12\n");
        assertRejected(train("--data", csv.toString()), "unsorted.csv", "2020-01-02");
    }

    @Test
    void unknownEngineProfile() {
        assertRejected(train("--engine", "tensorflow-tpu"), "unknown engine profile 'tensorflow-tpu'", "pytorch-cpu");
    }

    @Test
    void gpuProfileWithoutGpu() {
        assertRejected(train("--engine", "pytorch-gpu"), "pytorch-gpu", "GPU", "pytorch-cpu");
    }

    @Test
    void unknownHyperParameter() {
        Cli.Result r = train("-P", "windw=30");
        assertRejected(r);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: unknown hyper-parameter 'windw' for stock-forecast; did you mean 'window'?");
    }

    @Test
    void unknownHyperParameterIsRefusedBeforeTheDataIsRead() {
        Cli.Result r = train("--data", tmp.resolve("nope.csv").toString(), "-P", "windw=30");
        assertRejected(r, "unknown hyper-parameter 'windw' for stock-forecast");
        assertThat(r.err()).doesNotContain("nope.csv");
    }

    @Test
    void badHyperParameterValue() {
        assertRejected(train("-P", "window=sixty"), "'window'", "'sixty'", "whole number");
    }

    @Test
    void csvThatIsNotUtf8NamesTheFileWithoutClassNames() throws IOException {
        StringBuilder sb = new StringBuilder("Date,Close\n");
        LocalDate d = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 100; i++) {
            sb.append(d.plusDays(i)).append(',').append(10 + i).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        bytes[bytes.length - 3] = (byte) 0xFF; // inside the last row's Close value
        Path csv = Files.write(tmp.resolve("latin.csv"), bytes);
        assertRejected(train("--data", csv.toString()), "latin.csv", "UTF-8");
    }

    @Test
    void generateIsRefusedForAProjectThatDoesNotOfferIt() throws IOException {
        Files.copy(
                Cli.DIST_PLUGINS.resolve("lstmforge-plugin-text-generation.jar"),
                plugins.resolve("text-generation.jar"));
        Cli.Result r = Cli.run(plugins, models, "generate", "stock-forecast", "--prompt", "AAPL");
        assertRejected(r);
        assertThat(r.err().strip())
                .isEqualTo("lstmforge: stock-forecast does not offer 'generate'; projects that do: text-generation");
    }

    @Test
    void engineConfigFileWithBadValue() throws IOException {
        Path profile = Files.writeString(tmp.resolve("odd.properties"), "engine=PyTorch\ndevice=tpu\n");
        assertRejected(train("--engine-config", profile.toString()), "odd.properties", "tpu");
    }

    @Test
    void predictWithoutAModel() {
        Cli.Result r = Cli.run(plugins, models, "predict", "stock-forecast");
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("no saved model for 'stock-forecast'");
    }
}
