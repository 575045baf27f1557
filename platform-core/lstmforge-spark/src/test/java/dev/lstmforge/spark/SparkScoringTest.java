package dev.lstmforge.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.TableScoring;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch scoring on {@code local[2]} against single-machine {@code predict}: the same requests
 * give the same numbers, no window is cut by a partition boundary, and bad entities are reported
 * while the others are scored.
 */
class SparkScoringTest {

    private static final int WINDOW = 10;

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static LstmForge forge;
    static ForgeSettings settings;
    static String stockRef;
    static String sensorRef;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkTests.session();
        settings = SparkTests.settings();
        forge = settings.start(tmp.resolve("models"));
        TrainResult stock = forge.train(
                "stock-forecast",
                SparkTests.prices(tmp.resolve("train.csv"), "TRAIN", 400, 1),
                Map.of("epochs", "1", "window", String.valueOf(WINDOW), "hiddenSize", "8", "layers", "1"));
        stockRef = stock.version().ref();
        TrainResult sensor = forge.train(
                "sensor-anomaly", null, Map.of("epochs", "1", "window", "20", "stride", "5", "hiddenSize", "8"));
        sensorRef = sensor.version().ref();
    }

    @AfterAll
    static void stop() {
        ExecutorModels.closeAll();
        if (forge != null) {
            forge.close();
        }
    }

    /**
     * Several tickers, shuffled: one with too few rows, one with a word among its prices, and one
     * with a zero close, a number the model refuses as a price.
     */
    private static Dataset<Row> tickers() {
        StructType schema = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("ticker", DataTypes.StringType, false),
            DataTypes.createStructField("Date", DataTypes.StringType, false),
            DataTypes.createStructField("Close", DataTypes.StringType, true)
        });
        List<Row> rows = new ArrayList<>();
        for (String t : List.of("AAA", "BBB", "CCC", "DDD")) {
            rows.addAll(SparkTests.priceRows(t, 60, t.hashCode()));
        }
        rows.addAll(SparkTests.priceRows("SHORT", WINDOW - 3, 5));
        List<Row> bad = SparkTests.priceRows("BAD", 40, 6);
        bad.set(17, RowFactory.create("BAD", bad.get(17).getString(1), "n/a"));
        rows.addAll(bad);
        List<Row> zero = SparkTests.priceRows("ZERO", 40, 7);
        zero.set(24, RowFactory.create("ZERO", zero.get(24).getString(1), "0"));
        rows.addAll(zero);
        Collections.shuffle(rows, new Random(3));
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void forecastsEqualSingleMachinePredictAndNoWindowIsCut() throws Exception {
        Dataset<Row> input = tickers();
        Map<String, List<Row>> byTicker =
                input.collectAsList().stream().collect(Collectors.groupingBy(r -> r.getString(0)));
        try (ScoredTable t = BatchScoring.score(
                spark,
                input,
                stockRef,
                forge.store().root(),
                settings,
                ScoringOptions.series("ticker", "Date").withPartitions(3).withBatchSize(16))) {
            List<Row> out = t.predictions().collectAsList();
            // every row from the first full window on is scored, in every healthy entity
            Map<String, Long> counts =
                    out.stream().collect(Collectors.groupingBy(r -> r.getString(0), Collectors.counting()));
            assertThat(counts).containsOnlyKeys("AAA", "BBB", "CCC", "DDD", "ZERO");
            counts.forEach((ticker, c) -> {
                if (!ticker.equals("ZERO")) {
                    assertThat(c).isEqualTo(60 - WINDOW + 1);
                }
            });
            // the ten windows that hold the zero are refused, one by one; the others are scored
            assertThat(counts.get("ZERO")).isEqualTo(40 - WINDOW + 1 - WINDOW);

            try (LoadedModel m = forge.load(stockRef)) {
                assertThat(m.tableScoring().orElseThrow().contextRows()).isEqualTo(WINDOW);
                for (Row r : out) {
                    List<Row> series = byTicker.get(r.getString(0)).stream()
                            .sorted((a, b) -> a.getString(1).compareTo(b.getString(1)))
                            .toList();
                    int last = (int) r.getLong(2) - 1;
                    assertThat(series.get(last).getString(1)).isEqualTo(r.getString(1));
                    StringBuilder body = new StringBuilder("Date,Close\n");
                    for (int i = last - WINDOW + 1; i <= last; i++) {
                        body.append(series.get(i).getString(1))
                                .append(',')
                                .append(series.get(i).getString(2))
                                .append('\n');
                    }
                    String alone = m.predict(body.toString(), Map.of("horizon", "1"));
                    double expected = Double.parseDouble(alone.replaceAll("(?s).*\"close\":\\s*([-0-9.E]+).*", "$1"));
                    assertThat(r.getDouble(3)).isCloseTo(expected, within(1e-4));
                    assertThat(r.getList(4)).hasSize(1);
                }
            }

            List<Row> problems = t.problems().collectAsList();
            assertThat(problems).hasSize(2 + WINDOW);
            Map<String, String> why = new HashMap<>();
            List<Long> refusedRows = new ArrayList<>();
            for (Row p : problems) {
                if (p.getString(0).equals("ZERO")) {
                    refusedRows.add(p.getLong(2));
                    assertThat(p.<String>getAs("error"))
                            .startsWith("row " + p.getLong(2) + ": the model refused the request: ")
                            .contains("0.0 is not a positive price");
                } else {
                    why.put(p.getString(0), p.getAs("error"));
                }
            }
            assertThat(refusedRows)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(25, 24 + WINDOW)
                            .boxed()
                            .toList());
            assertThat(why.get("SHORT")).isEqualTo("7 rows, one request needs at least 10");
            assertThat(why.get("BAD"))
                    .isEqualTo("row 18: column Close: value 'n/a' is not a number; the entity is skipped");
        }
    }

    @Test
    void sensorScoresEqualSingleMachinePredict() throws Exception {
        List<String> columns;
        try (LoadedModel m = forge.load(sensorRef)) {
            TableScoring ts = m.tableScoring().orElseThrow();
            assertThat(ts.scoringUnit()).isEqualTo(TableScoring.Unit.SERIES);
            columns = ts.valueColumns();
        }
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("machine", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("ts", DataTypes.TimestampType, false));
        columns.forEach(c -> fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, false)));
        List<Row> rows = new ArrayList<>();
        Map<String, StringBuilder> csv = new HashMap<>();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (String machine : List.of("m1", "m2", "m3")) {
            Random rnd = new Random(machine.hashCode());
            StringBuilder sb = new StringBuilder("timestamp," + String.join(",", columns) + "\n");
            LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 0, 0);
            for (int i = 0; i < 150; i++) {
                Object[] cells = new Object[2 + columns.size()];
                cells[0] = machine;
                LocalDateTime t = t0.plusMinutes(5L * i);
                cells[1] = java.sql.Timestamp.valueOf(t);
                sb.append(t.format(f));
                for (int c = 0; c < columns.size(); c++) {
                    double v = Math.sin(i / 7.0 + c)
                            + (machine.equals("m2") && i == 90 ? 6 : 0)
                            + 0.05 * rnd.nextGaussian();
                    cells[2 + c] = v;
                    sb.append(',').append(Double.toString(v));
                }
                sb.append('\n');
                rows.add(RowFactory.create(cells));
            }
            csv.put(machine, sb);
        }
        Collections.shuffle(rows, new Random(1));
        Dataset<Row> input = spark.createDataFrame(rows, DataTypes.createStructType(fields));
        try (ScoredTable t = BatchScoring.score(
                        spark,
                        input,
                        sensorRef,
                        forge.store().root(),
                        settings,
                        ScoringOptions.series("machine", "ts"));
                LoadedModel m = forge.load(sensorRef)) {
            assertThat(t.problemCount()).isZero();
            List<Row> out = t.predictions().orderBy("entity", "row").collectAsList();
            assertThat(out).hasSize(450);
            for (String machine : List.of("m1", "m2", "m3")) {
                String alone = m.predict(csv.get(machine).toString(), Map.of("scores", "true"));
                String list = alone.replaceAll("(?s).*\"scores\":\\s*\\[([^\\]]*)\\].*", "$1");
                double[] expected = java.util.Arrays.stream(list.split(","))
                        .mapToDouble(s -> Double.parseDouble(s.strip()))
                        .toArray();
                List<Row> mine =
                        out.stream().filter(r -> r.getString(0).equals(machine)).toList();
                assertThat(mine).hasSize(expected.length);
                double threshold = Double.parseDouble(alone.replaceAll("(?s).*\"threshold\":\\s*([-0-9.E]+).*", "$1"));
                for (int i = 0; i < expected.length; i++) {
                    assertThat(mine.get(i).getString(1)).isEqualTo(csvTime(csv.get(machine), i));
                    assertThat(mine.get(i).getDouble(3)).isCloseTo(expected[i], within(1e-9));
                    assertThat(mine.get(i).getBoolean(4)).isEqualTo(expected[i] >= threshold);
                }
            }
            // the scores differ from row to row (the bridge does not paste one number everywhere)
            assertThat(out.stream().mapToDouble(r -> r.getDouble(3)).distinct().count())
                    .isGreaterThan(100);
        }
    }

    private static String csvTime(StringBuilder csv, int row) {
        return csv.toString().split("\n")[row + 1].split(",")[0];
    }

    @Test
    void aMissingColumnIsRefusedBeforeAnyWork() throws Exception {
        Dataset<Row> input = tickers().withColumnRenamed("Close", "close_price");
        assertThatThrownBy(() -> BatchScoring.score(
                        spark,
                        input,
                        stockRef,
                        forge.store().root(),
                        settings,
                        ScoringOptions.series("ticker", "Date")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(
                        "the input has no column 'Close' (the model " + stockRef + " needs ticker, Date, Close)")
                .hasMessageContaining("its columns are ticker, Date, close_price");
        // the job's main class: exit code 2, nothing written
        Path csv = tmp.resolve("renamed");
        input.coalesce(1).write().option("header", "true").csv(csv.toString());
        Path out = tmp.resolve("never.parquet");
        int code = scoreJob(csv, out);
        assertThat(code).isEqualTo(SparkJob.BAD_INPUT);
        assertThat(out).doesNotExist();
    }

    @Test
    void theJobWritesParquetAndExitsTwoWhenSomeEntitiesAreRefused() throws Exception {
        Path csv = tmp.resolve("tickers-job");
        tickers().coalesce(1).write().option("header", "true").csv(csv.toString());
        Path out = tmp.resolve("forecasts.parquet");
        int code = scoreJob(csv, out);
        assertThat(code).isEqualTo(SparkJob.BAD_INPUT);
        Dataset<Row> written = spark.read().parquet(out.toString());
        assertThat(written.count()).isEqualTo(4L * (60 - WINDOW + 1) + (40 - WINDOW + 1 - WINDOW));
        assertThat(written.columns()).containsExactly("entity", "time", "row", "forecast", "forecastPath");
    }

    /** The job's main class on a CSV of tickers, as spark-submit would run it. */
    private static int scoreJob(Path csv, Path out) {
        return SparkJob.run(
                "score",
                "--input",
                csv.toString(),
                "--model",
                stockRef,
                "--models",
                forge.store().root().toString(),
                "--plugins",
                settings.pluginsDir(),
                "--engines",
                settings.enginesDir(),
                "--entity",
                "ticker",
                "--time",
                "Date",
                "--output",
                out.toString());
    }
}
