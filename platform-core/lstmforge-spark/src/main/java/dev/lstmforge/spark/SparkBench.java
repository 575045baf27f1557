package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.util.CpuInfo;
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
 * each master given. It measures whole jobs, not methods: the time from {@code
 * BatchScoring.score} to the last scored row, after a warm-up job on a few entities, and the
 * tasks' own time, to tell idle task slots from slower tasks.
 *
 * <p>Masters compared take turns in one JVM ({@code --rounds}): on a shared machine whose speed
 * drifts from minute to minute, two runs one after the other would compare the machine's
 * moments more than the masters.
 *
 * <pre>
 * java ... dev.lstmforge.spark.SparkJob bench --master local[1] --master local[2] --rounds 3 \
 *     --rows 1000000 --entities 100
 * </pre>
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Scoring rows/s and per-entity training time on generated data.")
final class SparkBench implements Callable<Integer> {

    @Option(
            names = "--master",
            required = true,
            description = "Spark master, e.g. local[2]. Give it more than once (--master local[1] --master local[2])"
                    + " and the masters take turns in one JVM, round after round, so a change in the machine's"
                    + " speed affects each alike.")
    List<String> masters;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds over the masters (default ${DEFAULT-VALUE}).")
    int rounds;

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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("masters", masters);
        out.put("rounds", rounds);
        out.put("cpu", CpuInfo.read().model());
        out.put("engine", forge.engine);
        out.put("taskThreads", forge.taskThreads);

        // the model: the stock forecaster's defaults, one epoch on a generated series
        String ref;
        SparkSession first = session(masters.get(0));
        try (LstmForge forge = settings.start(dir.resolve("models"))) {
            Path train = dir.resolve("train.csv");
            Files.writeString(train, csv(prices(first, 1, 2000).drop("ticker")));
            TrainResult r = forge.train("stock-forecast", train, Map.of("epochs", "1"));
            ref = r.version().ref();
        }
        first.stop();
        Map<String, List<Map<String, Object>>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String m : masters) {
                SparkSession spark = session(m);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("round", round);
                scoring(spark, ref, dir, settings, m, round, run);
                if (trainEntities > 0) {
                    training(spark, dir, settings, m, round, run);
                }
                spark.stop();
                runs.computeIfAbsent(m, k -> new ArrayList<>()).add(run);
            }
        }
        out.put("runs", runs);
        ExecutorModels.closeAll();
        summary(runs, out);
        if (json != null) {
            Files.writeString(
                    json,
                    com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(out))
                                    .toString() + "\n");
        }
        return 0;
    }

    private static SparkSession session(String master) {
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("lstmforge-spark-bench")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** One warm-up job on a few entities, then {@code repeats} measured jobs on the whole table. */
    private void scoring(
            SparkSession spark,
            String ref,
            Path dir,
            ForgeSettings settings,
            String m,
            int round,
            Map<String, Object> run) {
        int cores = spark.sparkContext().defaultParallelism();
        Dataset<Row> table = prices(spark, entities, rows / entities).cache();
        long n = table.count();
        run.put("cores", cores);
        run.put("rows", n);
        if (round == 1) {
            balance(table, 4 * cores, run);
        }
        ScoringOptions options = ScoringOptions.series("ticker", "Date");
        // warm-up: every task slot loads the model and the JIT compiles the scoring path
        Dataset<Row> warm = prices(spark, 4 * cores, Math.min(rows / entities, 2000));
        score(spark, warm, ref, dir, settings, options);
        List<Double> rates = new ArrayList<>();
        List<Double> busy = new ArrayList<>();
        TaskTime tasks = new TaskTime();
        spark.sparkContext().addSparkListener(tasks);
        for (int i = 0; i < repeats; i++) {
            tasks.reset();
            long t0 = System.nanoTime();
            long scored = score(spark, table, ref, dir, settings, options);
            double s = (System.nanoTime() - t0) / 1e9;
            rates.add(n / s);
            tasks.awaitEvents(spark);
            busy.add(tasks.runSeconds() / (s * cores));
            System.out.printf(
                    Locale.ROOT,
                    "scoring %s round %d: %,d rows (%,d scored) in %.1f s = %,.0f rows/s; tasks ran %.1f s (CPU %.1f s, GC %.1f s), %.0f%% of %d task slots%n",
                    m,
                    round,
                    n,
                    scored,
                    s,
                    n / s,
                    tasks.runSeconds(),
                    tasks.cpuSeconds(),
                    tasks.gcSeconds(),
                    100 * tasks.runSeconds() / (s * cores),
                    cores);
        }
        spark.sparkContext().removeSparkListener(tasks);
        run.put("scoringRowsPerSecond", rates);
        run.put("scoringSlotsBusy", busy);
        table.unpersist();
    }

    /** One warm-up job (one entity per core, one epoch), then {@code trainEntities} trainings. */
    private void training(
            SparkSession spark, Path dir, ForgeSettings settings, String m, int round, Map<String, Object> run) {
        int cores = spark.sparkContext().defaultParallelism();
        Dataset<Row> many = prices(spark, trainEntities, trainRows).cache();
        many.count();
        String tag = m.replaceAll("[^A-Za-z0-9]+", "") + "-" + round;
        EntityTraining.train(
                        prices(spark, cores, trainRows),
                        new EntityTraining.Options(
                                "stock-forecast",
                                "ticker",
                                "Date",
                                dir.resolve("warm-up-" + tag).toString(),
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
                                dir.resolve("entities-" + tag).toString(),
                                Map.of("epochs", String.valueOf(epochs)),
                                42,
                                settings))
                .collectAsList();
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Double> each =
                summary.stream().map(r -> r.<Double>getAs("seconds")).sorted().toList();
        long failed = summary.stream().filter(r -> r.getAs("error") != null).count();
        System.out.printf(
                Locale.ROOT,
                "training %s round %d: %d entities x %d rows, %d epochs: %.1f s wall, per entity median %.2f s (min %.2f, max %.2f), %d failed%n",
                m,
                round,
                trainEntities,
                trainRows,
                epochs,
                wall,
                each.get(each.size() / 2),
                each.get(0),
                each.get(each.size() - 1),
                failed);
        run.put("trainEntities", trainEntities);
        run.put("trainRowsPerEntity", trainRows);
        run.put("trainEpochs", epochs);
        run.put("trainWallSeconds", wall);
        run.put("trainSecondsPerEntity", each);
        run.put("trainFailed", failed);
        many.unpersist();
    }

    /**
     * With two masters or more: each one's median over all its rounds, and the ratio of each
     * master's median to the first's (scoring rows/s; training wall time the other way round).
     */
    private static void summary(Map<String, List<Map<String, Object>>> runs, Map<String, Object> out) {
        Map<String, Object> medians = new LinkedHashMap<>();
        Double baseRate = null;
        Double baseWall = null;
        for (Map.Entry<String, List<Map<String, Object>>> e : runs.entrySet()) {
            List<Double> rates = new ArrayList<>();
            List<Double> walls = new ArrayList<>();
            for (Map<String, Object> run : e.getValue()) {
                @SuppressWarnings("unchecked")
                List<Double> r = (List<Double>) run.get("scoringRowsPerSecond");
                rates.addAll(r);
                if (run.get("trainWallSeconds") != null) {
                    walls.add((Double) run.get("trainWallSeconds"));
                }
            }
            double rate = median(rates);
            Double wall = walls.isEmpty() ? null : median(walls);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scoringRowsPerSecond", rate);
            m.put("trainWallSeconds", wall);
            if (baseRate == null) {
                baseRate = rate;
                baseWall = wall;
            } else {
                m.put("scoringSpeedUp", rate / baseRate);
                if (wall != null && baseWall != null) {
                    m.put("trainingSpeedUp", baseWall / wall);
                }
            }
            medians.put(e.getKey(), m);
            System.out.printf(
                    Locale.ROOT,
                    "median %s: scoring %,.0f rows/s%s%s%n",
                    e.getKey(),
                    rate,
                    wall == null ? "" : String.format(Locale.ROOT, ", training %.1f s", wall),
                    m.containsKey("scoringSpeedUp")
                            ? String.format(
                                    Locale.ROOT,
                                    " (scoring %.2fx%s the first master)",
                                    (Double) m.get("scoringSpeedUp"),
                                    m.containsKey("trainingSpeedUp")
                                            ? String.format(
                                                    Locale.ROOT, ", training %.2fx", (Double) m.get("trainingSpeedUp"))
                                            : "")
                            : "");
        }
        out.put("medians", medians);
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /**
     * Sums the tasks' own time, so a job's wall time can be split into work and idle slots: a
     * ratio below the core count is either idle task slots (stage boundaries, the driver's own
     * work, the last tasks of a stage) or slower tasks.
     */
    private static final class TaskTime extends org.apache.spark.scheduler.SparkListener {
        private final java.util.concurrent.atomic.AtomicLong runMs = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong cpuNs = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong gcMs = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                runMs.addAndGet(end.taskMetrics().executorRunTime());
                cpuNs.addAndGet(end.taskMetrics().executorCpuTime());
                gcMs.addAndGet(end.taskMetrics().jvmGCTime());
            }
        }

        /** Waits for the events still queued: the listener hears of a task a moment after its job returns. */
        void awaitEvents(SparkSession spark) {
            try {
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Spark's listener bus did not empty", e);
            }
        }

        void reset() {
            runMs.set(0);
            cpuNs.set(0);
            gcMs.set(0);
        }

        double runSeconds() {
            return runMs.get() / 1e3;
        }

        double cpuSeconds() {
            return cpuNs.get() / 1e9;
        }

        double gcSeconds() {
            return gcMs.get() / 1e3;
        }
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
}
