package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lstmforge drift}: a stock model trained on AAPL 2013-2019 sees 2020-2022 (the pandemic
 * years, with about twice the daily volatility) as drifted, and a resample of its own training
 * period as not.
 */
class DriftCommandTest {

    private static final Path AAPL = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"))
            .resolve("stock/AAPL.csv");

    @TempDir
    static Path tmp;

    static Path models;

    @BeforeAll
    static void train() {
        models = tmp.resolve("models");
        Cli.Result r = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                PluginLoadingTest.concat(
                        new String[] {
                            "train",
                            "stock-forecast",
                            "--data",
                            AAPL.toString(),
                            "-P",
                            "startDate=2013-01-01",
                            "-P",
                            "endDate=2020-01-01"
                        },
                        Cli.FAST));
        assertThat(r.code()).as(r.err()).isZero();
        Path profile = models.resolve("stock-forecast/v1/drift-profile.json");
        assertThat(profile).isRegularFile();
        // inputs (daily returns of the training part) and outputs (next-day forecasts on the test part)
        try {
            assertThat(Files.readString(profile))
                    .contains("\"log_return\"")
                    .contains("\"forecast_return\"")
                    .contains("\"outputs\": \"forecast_return\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The rows of AAPL.csv from {@code from} (inclusive) to {@code to} (exclusive), as Date,Close. */
    private static List<String[]> rows(String from, String to) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(AAPL, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[0].compareTo(from) >= 0 && f[0].compareTo(to) < 0) {
                out.add(new String[] {f[0], f[4]});
            }
        }
        return out;
    }

    private static Path csv(String name, List<String[]> rows) throws IOException {
        StringBuilder b = new StringBuilder("Date,Close\n");
        rows.forEach(r -> b.append(r[0]).append(',').append(r[1]).append('\n'));
        return Files.writeString(tmp.resolve(name), b.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void thePandemicYearsDriftFromTheTrainingPeriod() throws IOException {
        Path later = csv("aapl-2020-2022.csv", rows("2020-01-01", "2023-01-01"));
        Path report = tmp.resolve("report-later");
        Cli.Result r = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "stock-forecast",
                "--data",
                later.toString(),
                "--report",
                report.toString(),
                "--fail-on-drift");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(DriftCommand.DRIFTED);
        assertThat(r.out()).contains("log_return").contains("DRIFTED").contains("verdict: DRIFT");
        // a file holds inputs only: the output feature is not reported as missing
        assertThat(r.out()).doesNotContain("forecast_return");
        assertThat(report.resolve("index.html")).isRegularFile();
        assertThat(report.resolve("cdf-log_return.png")).isRegularFile();
        assertThat(Files.readString(report.resolve("drift.json"))).contains("\"drifted\": true");
    }

    @Test
    void aResampleOfTheTrainingPeriodDoesNotDrift() throws IOException {
        // a block bootstrap (20-day blocks) of the daily returns of 2013 to mid-2017, inside the
        // training part, turned back into 1,500 days of prices
        List<String[]> train = rows("2013-01-01", "2017-07-01");
        double[] ret = new double[train.size() - 1];
        for (int i = 1; i < train.size(); i++) {
            ret[i - 1] = Math.log(Double.parseDouble(train.get(i)[1]) / Double.parseDouble(train.get(i - 1)[1]));
        }
        Random rnd = new Random(1);
        List<String[]> path = new ArrayList<>();
        LocalDate day = LocalDate.of(2030, 1, 1);
        double price = 100;
        path.add(new String[] {day.toString(), "100"});
        while (path.size() <= 1500) {
            int start = rnd.nextInt(ret.length - 20);
            for (int k = 0; k < 20 && path.size() <= 1500; k++) {
                day = day.plusDays(1);
                while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                    day = day.plusDays(1);
                }
                price *= Math.exp(ret[start + k]);
                path.add(new String[] {day.toString(), String.format(Locale.ROOT, "%.6f", price)});
            }
        }
        Path resample = csv("resample.csv", path);
        Cli.Result r = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "stock-forecast",
                "--data",
                resample.toString(),
                "--report",
                tmp.resolve("report-resample").toString(),
                "--fail-on-drift");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("1500 new values").contains("verdict: no drift");
    }

    @Test
    void badDataIsNamed() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "Date,Close\n2020-01-02,abc\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(Cli.DIST_PLUGINS, models, "drift", "stock-forecast", "--data", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.csv");
        Cli.Result missing = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "drift",
                "stock-forecast",
                "--data",
                tmp.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv");
    }
}
