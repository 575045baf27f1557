package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: scoring throughput and per-entity training time on generated price series, on
 * the master given (run it once with {@code --master local[1]} and once with {@code local[2]}
 * to compare). It measures whole jobs, not methods: the time from {@code BatchScoring.score} to
 * the last scored row, after one warm-up job on the same data.
 *
 * <pre>
 * java ... dev.lstmforge.spark.SparkJob bench --master local[2] --rows 1000000 --entities 100
 * </pre>
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Scoring rows/s and per-entity training time on generated data.")
final class SparkBench implements Callable<Integer> {

    @Option(names = "--master", required = true, description = "Spark master, e.g. local[1] or local[2].")
    String master;

    @picocli.CommandLine.Mixin
    SparkJob.ForgeOptions forge;

    @Option(names = "--work", description = "Folder for the models (default: a temporary folder).")
    Path work;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows to score (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--entities",
            defaultValue = "100",
            description = "Tickers the rows are spread over (default ${DEFAULT-VALUE}).")
    int entities;

    @Option(
            names = "--repeats",
            defaultValue = "2",
            description = "Measured scoring jobs after the warm-up (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--train-entities",
            defaultValue = "20",
            description = "Entities to train one model each for; 0 skips (default ${DEFAULT-VALUE}).")
    int trainEntities;

    @Option(
            names = "--train-rows",
            defaultValue = "1000",
            description = "Rows per trained entity (default ${DEFAULT-VALUE}).")
    int trainRows;

    @Option(
            names = "--epochs",
            defaultValue = "5",
            description = "Epochs per trained entity (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--json", description = "Also write the results as JSON here.")
    Path json;

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("lstmforge-spark-bench");
        ForgeSettings settings = forge.settings();
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("lstmforge-spark-bench")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int cores = spark.sparkContext().defaultParallelism();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("master", master);
        out.put("cores", cores);
        out.put("cpu", cpuModel());
        out.put("engine", forge.engine);
        out.put("taskThreads", forge.taskThreads);

        // the model: the stock forecaster's defaults, one epoch on a generated series
        String ref;
        try (LstmForge forge = settings.start(dir.resolve("models"))) {
            Path train = dir.resolve("train.csv");
            Files.writeString(train, csv(prices(spark, 1, 2000).drop("ticker")));
            TrainResult r = forge.train("stock-forecast", train, Map.of("epochs", "1"));
            ref = r.version().ref();
        }
        Dataset<Row> table = prices(spark, entities, rows / entities).cache();
        long n = table.count();
        out.put("rows", n);
        out.put("entities", entities);
        ScoringOptions options = ScoringOptions.series("ticker", "Date");
        balance(table, 4 * cores, out);
        score(spark, table, ref, dir, settings, options); // warm-up
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            long scored = score(spark, table, ref, dir, settings, options);
            double s = (System.nanoTime() - t0) / 1e9;
            rates.add(n / s);
            System.out.printf(
                    Locale.ROOT, "scoring: %,d rows (%,d scored) in %.1f s = %,.0f rows/s%n", n, scored, s, n / s);
        }
        out.put("scoringRowsPerSecond", rates);
        table.unpersist();

        if (trainEntities > 0) {
            Dataset<Row> many = prices(spark, trainEntities, trainRows).cache();
            many.count();
            // warm-up: one entity per core, one epoch, so the measured job does not pay the JIT
            EntityTraining.train(
                            prices(spark, cores, trainRows),
                            new EntityTraining.Options(
                                    "stock-forecast",
                                    "ticker",
                                    "Date",
                                    dir.resolve("warm-up").toString(),
                                    Map.of("epochs", "1"),
                                    42,
                                    settings))
                    .collectAsList();
            long t0 = System.nanoTime();
            List<Row> summary = EntityTraining.train(
                            many,
                            new EntityTraining.Options(
                                    "stock-forecast",
                                    "ticker",
                                    "Date",
                                    dir.resolve("entities").toString(),
                                    Map.of("epochs", String.valueOf(epochs)),
                                    42,
                                    settings))
                    .collectAsList();
            double wall = (System.nanoTime() - t0) / 1e9;
            List<Double> each = summary.stream()
                    .map(r -> r.<Double>getAs("seconds"))
                    .sorted()
                    .toList();
            long failed = summary.stream().filter(r -> r.getAs("error") != null).count();
            System.out.printf(
                    Locale.ROOT,
                    "training: %d entities x %d rows, %d epochs: %.1f s wall, per entity median %.2f s (min %.2f, max %.2f), %d failed%n",
                    trainEntities,
                    trainRows,
                    epochs,
                    wall,
                    each.get(each.size() / 2),
                    each.get(0),
                    each.get(each.size() - 1),
                    failed);
            out.put("trainEntities", trainEntities);
            out.put("trainRowsPerEntity", trainRows);
            out.put("trainEpochs", epochs);
            out.put("trainWallSeconds", wall);
            out.put("trainSecondsPerEntity", each);
            out.put("trainFailed", failed);
        }
        spark.stop();
        ExecutorModels.closeAll();
        if (json != null) {
            Files.writeString(
                    json,
                    com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(out))
                                    .toString() + "\n");
        }
        return 0;
    }

    /**
     * How evenly the entities' rows spread over the scoring job's partitions: the largest
     * partition's rows over the mean, for Spark's hash partitioning and for {@link EntityGroups}.
     */
    private static void balance(Dataset<Row> table, int partitions, Map<String, Object> out) {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (Row r : table.groupBy("ticker").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        long[] hashed = new long[partitions];
        for (Row r : table.groupBy(expr("pmod(hash(ticker), " + partitions + ")"))
                .count()
                .collectAsList()) {
            hashed[r.getInt(0)] = r.getLong(1);
        }
        EntityGroups.Balanced b = EntityGroups.Balanced.of(counts, partitions);
        long[] balanced = new long[partitions];
        counts.forEach((e, n) -> balanced[b.partitionOf(e)] += n);
        double mean = counts.values().stream().mapToLong(Long::longValue).sum() / (double) partitions;
        double h = java.util.Arrays.stream(hashed).max().orElse(0) / mean;
        double g = java.util.Arrays.stream(balanced).max().orElse(0) / mean;
        System.out.printf(
                Locale.ROOT,
                "partitions: %d; largest over mean rows: Spark's hash partitioning %.2f, balanced %.2f%n",
                partitions,
                h,
                g);
        out.put("partitions", partitions);
        out.put("hashLargestOverMean", h);
        out.put("balancedLargestOverMean", g);
    }

    private static long score(
            SparkSession spark, Dataset<Row> table, String ref, Path dir, ForgeSettings settings, ScoringOptions o) {
        try (ScoredTable t = BatchScoring.score(spark, table, ref, dir.resolve("models"), settings, o)) {
            return t.predictions().count();
        }
    }

    /**
     * Weekday closes of {@code entities} tickers, {@code perEntity} rows each: a drifting sine
     * with noise, generated by Spark itself so the data costs no reading.
     */
    static Dataset<Row> prices(SparkSession spark, int entities, long perEntity) {
        return spark.range((long) entities * perEntity)
                .withColumn("e", expr("id div " + perEntity))
                .withColumn("i", expr("id % " + perEntity))
                .select(
                        expr("concat('T', lpad(cast(e as string), 4, '0'))").as("ticker"),
                        expr("date_format(date_add(to_date('1990-01-01'), cast(i * 7 div 5 as int)), 'yyyy-MM-dd')")
                                .as("Date"),
                        expr("cast(round(50 + 10 * e % 40 + 0.01 * i + 5 * sin(i / 20.0 + e) + 2 * (rand(7) - 0.5), 4) as string)")
                                .as("Close"));
    }

    private static String csv(Dataset<Row> dateClose) {
        StringBuilder sb = new StringBuilder("Date,Close\n");
        for (Row r : dateClose.orderBy(col("Date")).collectAsList()) {
            sb.append(r.getString(0)).append(',').append(r.getString(1)).append('\n');
        }
        return sb.toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
