package dev.lstmforge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

/** One forecaster per ticker, trained on the executors of {@code local[2]}. */
class EntityTrainingTest {

    private static final Map<String, String> FAST =
            Map.of("epochs", "1", "window", "10", "hiddenSize", "8", "layers", "1");

    @TempDir
    static Path tmp;

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session();
    }

    @AfterAll
    static void stop() {
        ExecutorModels.closeAll();
    }

    private static Dataset<Row> table() {
        StructType schema = DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("ticker", DataTypes.StringType, false),
            DataTypes.createStructField("Date", DataTypes.StringType, false),
            DataTypes.createStructField("Close", DataTypes.StringType, true)
        });
        List<Row> rows = new ArrayList<>();
        for (String t : List.of("AAA", "BBB", "CCC")) {
            rows.addAll(SparkTests.priceRows(t, 250, t.hashCode()));
        }
        rows.addAll(SparkTests.priceRows("SHORT", 12, 5));
        List<Row> bad = SparkTests.priceRows("BAD", 250, 6);
        bad.set(41, RowFactory.create("BAD", bad.get(41).getString(1), "n/a"));
        rows.addAll(bad);
        Collections.shuffle(rows, new Random(9));
        return spark.createDataFrame(rows, schema);
    }

    @Test
    void trainsEachEntityIntoItsOwnStoreAndReportsTheFailedOnes() throws Exception {
        Path root = tmp.resolve("shared-store");
        ForgeSettings settings = SparkTests.settings();
        List<Row> summary = EntityTraining.train(
                        table(),
                        new EntityTraining.Options(
                                "stock-forecast", "ticker", "Date", root.toString(), FAST, 42, settings))
                .collectAsList();
        Map<String, Row> byEntity = summary.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
        assertThat(byEntity).containsOnlyKeys("AAA", "BBB", "CCC", "SHORT", "BAD");

        for (String t : List.of("AAA", "BBB", "CCC")) {
            Row r = byEntity.get(t);
            assertThat(r.<String>getAs("error")).as(t).isNull();
            assertThat(r.<String>getAs("version")).isEqualTo("stock-forecast/v1");
            assertThat(r.<Long>getAs("seed")).isEqualTo(EntityTraining.seedOf(42, t));
            assertThat(r.<Long>getAs("rows")).isEqualTo(250L);
            assertThat(Path.of(r.<String>getAs("modelDir")))
                    .isEqualTo(root.resolve(t)
                            .resolve("stock-forecast")
                            .resolve("v1")
                            .toAbsolutePath()
                            .normalize());
            assertThat(r.getJavaMap(6)).containsKey("rmse");
        }
        assertThat(byEntity.get("SHORT").<String>getAs("error"))
                .startsWith("entity SHORT: SHORT.csv: 2 forecastable days")
                .doesNotContain("lstmforge-entity");
        assertThat(byEntity.get("SHORT").<String>getAs("version")).isNull();
        String bad = byEntity.get("BAD").getAs("error");
        assertThat(bad)
                .matches(
                        "entity BAD: row 42 \\(Date 2020-\\d\\d-\\d\\d\\): column Close: value 'n/a' is not a finite number");
        assertThat(root.resolve("SHORT").resolve("stock-forecast").resolve("v1"))
                .doesNotExist();
        assertThat(root.resolve("BAD").resolve("stock-forecast").resolve("v1")).doesNotExist();

        // each saved model is a normal store version: it loads and forecasts
        try (LstmForge forge = settings.start(root.resolve("AAA"));
                LoadedModel m = forge.load("stock-forecast")) {
            assertThat(m.predict("", Map.of("horizon", "2"))).contains("\"forecast\"");
        }
    }

    @Test
    void theJobAddsAVersionAndExitsTwoWhenAnEntityFails() throws Exception {
        Path csv = tmp.resolve("table-job");
        table().coalesce(1).write().option("header", "true").csv(csv.toString());
        Path root = tmp.resolve("job-store");
        SparkTests.settings();
        String[] args = {
            "train",
            "--input",
            csv.toString(),
            "--project",
            "stock-forecast",
            "--entity",
            "ticker",
            "--time",
            "Date",
            "--store",
            root.toString(),
            "--plugins",
            SparkTests.settings().pluginsDir(),
            "--engines",
            SparkTests.settings().enginesDir(),
            "-H",
            "epochs=1",
            "-H",
            "window=10",
            "-H",
            "hiddenSize=8",
            "-H",
            "layers=1"
        };
        assertThat(SparkJob.run(args)).isEqualTo(SparkJob.BAD_INPUT);
        assertThat(SparkJob.run(args)).isEqualTo(SparkJob.BAD_INPUT);
        // the second run added a version per healthy entity; nothing was saved for the failed ones
        for (String t : List.of("AAA", "BBB", "CCC")) {
            assertThat(root.resolve(t).resolve("stock-forecast").resolve("v2")).isDirectory();
        }
        assertThat(Files.exists(root.resolve("SHORT").resolve("stock-forecast").resolve("v1")))
                .isFalse();
    }
}
