package dev.lstmforge.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: {@code score} a table with a saved model, or
 * {@code train} one model per entity. Exit codes: 0 when every row or entity went through,
 * 2 when some were refused (they are listed, the others are written) or the table lacks a
 * column the job needs (nothing is written), 1 when the job failed otherwise.
 *
 * <pre>
 * spark-submit --class dev.lstmforge.spark.SparkJob lstmforge-spark-0.1.0-job.jar score \
 *     --input prices.csv --entity ticker --time Date --model stock-forecast/v3 \
 *     --models /shared/models --plugins plugins --output forecasts.parquet
 * </pre>
 */
@Command(
        name = "lstmforge-spark",
        mixinStandardHelpOptions = true,
        subcommands = {SparkJob.Score.class, SparkJob.Train.class, SparkBench.class},
        description = "LSTM Forge on Apache Spark: batch scoring and one model per entity.")
public final class SparkJob implements Callable<Integer> {

    /** Exit code when some rows or entities were refused. */
    static final int BAD_INPUT = 2;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /**
     * Runs the job.
     *
     * @param args {@code score ...} or {@code train ...}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the job and returns its exit code (tests call this).
     *
     * @param args the arguments
     * @return the exit code
     */
    static int run(String... args) {
        return new CommandLine(new SparkJob())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("lstmforge-spark: " + (e.getMessage() == null ? e : e.getMessage()));
                    // a table or model the job cannot use (a missing column) is bad input, like a refused row
                    return e instanceof dev.lstmforge.spi.LstmForgeException ? BAD_INPUT : 1;
                })
                .execute(args);
    }

    /** Where executors find the plugins and engine profiles, and their per-task threads. */
    static final class ForgeOptions {

        @Option(
                names = "--plugins",
                defaultValue = "plugins",
                description = "Plugins folder, as the executors see it (default ${DEFAULT-VALUE}).")
        Path plugins;

        @Option(names = "--engines", description = "Engine profiles folder (default: the built-in profiles).")
        Path engines;

        @Option(
                names = "--engine",
                defaultValue = "pytorch-cpu",
                description = "Engine profile (default ${DEFAULT-VALUE}).")
        String engine;

        @Option(
                names = "--task-threads",
                defaultValue = "1",
                description = "Intra-op threads per task (default ${DEFAULT-VALUE}; 0 = one per core).")
        int taskThreads;

        ForgeSettings settings() {
            return ForgeSettings.of(plugins)
                    .withEngine(engine)
                    .withEnginesDir(engines)
                    .withThreads(taskThreads, taskThreads);
        }
    }

    /** Options both jobs share. */
    abstract static class Common {

        @CommandLine.Mixin
        ForgeOptions forge;

        @Option(
                names = "--input",
                required = true,
                description = "The table: a CSV file or folder (with a header), or Parquet.")
        String input;

        @Option(names = "--format", description = "csv or parquet (default: from the input's name).")
        String format;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[2].")
        String master;

        SparkSession session(String name) {
            SparkSession.Builder b = SparkSession.builder().appName(name);
            if (master != null) {
                b.master(master);
            }
            return b.getOrCreate();
        }

        Dataset<Row> read(SparkSession spark) {
            String f =
                    format != null ? format : (input.toLowerCase(Locale.ROOT).contains(".parquet") ? "parquet" : "csv");
            return f.equals("parquet")
                    ? spark.read().parquet(input)
                    : spark.read().option("header", "true").csv(input);
        }

        ForgeSettings settings() {
            return forge.settings();
        }
    }

    /** {@code score}: predictions for every row of a table. */
    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description = "Score a table with a saved model and write Parquet.")
    static final class Score extends Common implements Callable<Integer> {

        @Option(names = "--model", required = true, description = "PROJECT, PROJECT/vN, a model folder or zip.")
        String model;

        @Option(
                names = "--models",
                defaultValue = "models",
                description = "Model store root (default ${DEFAULT-VALUE}).")
        Path models;

        @Option(names = "--entity", description = "Entity column (none: the table is one series).")
        String entity;

        @Option(names = "--time", description = "Time column (series models).")
        String time;

        @Option(names = "--file-column", description = "Column with file paths (clip classifiers).")
        String fileColumn;

        @Option(
                names = {"-P", "--param"},
                description = "Request property KEY=VALUE, repeatable.")
        Map<String, String> properties = new LinkedHashMap<>();

        @Option(
                names = "--batch-size",
                defaultValue = "64",
                description = "Rows scored per forward pass (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--partitions", defaultValue = "0", description = "Partitions (default 0: four per core).")
        int partitions;

        @Option(names = "--output", required = true, description = "Where to write the predictions (Parquet).")
        String output;

        @Option(names = "--problems", description = "Also write the problems here (CSV).")
        String problemsOut;

        @Override
        public Integer call() {
            SparkSession spark = session("lstmforge-score");
            ScoringOptions o =
                    fileColumn != null ? ScoringOptions.files(fileColumn) : ScoringOptions.series(entity, time);
            for (Map.Entry<String, String> p : properties.entrySet()) {
                o = o.withProperty(p.getKey(), p.getValue());
            }
            o = o.withBatchSize(batchSize).withPartitions(partitions);
            try (ScoredTable t = BatchScoring.score(spark, read(spark), model, models, settings(), o)) {
                t.predictions().write().mode("overwrite").parquet(output);
                long scored = spark.read().parquet(output).count();
                List<Row> problems = t.problems().collectAsList();
                if (problemsOut != null) {
                    t.problems()
                            .coalesce(1)
                            .write()
                            .mode("overwrite")
                            .option("header", "true")
                            .csv(problemsOut);
                }
                System.out.println("scored " + scored + " rows with " + t.modelRef() + " into " + output + "; "
                        + problems.size() + " problem(s)");
                problems.stream().limit(50).forEach(r -> System.out.println("  " + describe(r)));
                return problems.isEmpty() ? 0 : BAD_INPUT;
            }
        }

        private static String describe(Row r) {
            StringBuilder sb = new StringBuilder();
            for (String f : r.schema().fieldNames()) {
                Object v = r.getAs(f);
                if (v != null && !f.equals(BatchScoring.ERROR) && !f.equals(BatchScoring.ROW)) {
                    sb.append(f).append(' ').append(v).append(", ");
                }
            }
            return sb.append(r.<String>getAs(BatchScoring.ERROR)).toString();
        }
    }

    /** {@code train}: one model per entity. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train one model per entity into a shared store.")
    static final class Train extends Common implements Callable<Integer> {

        @Option(names = "--project", required = true, description = "The project, e.g. stock-forecast.")
        String project;

        @Option(names = "--entity", required = true, description = "Entity column.")
        String entity;

        @Option(names = "--time", required = true, description = "Time column.")
        String time;

        @Option(
                names = "--store",
                required = true,
                description = "Shared model store root; entity E's model goes to STORE/E/PROJECT/vN.")
        String store;

        @Option(
                names = {"-H", "--hyper"},
                description = "Hyper-parameter KEY=VALUE for every entity, repeatable.")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--seed", defaultValue = "42", description = "The job's seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--summary", description = "Also write the summary here (Parquet).")
        String summaryOut;

        @Override
        public Integer call() {
            SparkSession spark = session("lstmforge-train");
            Dataset<Row> summary = EntityTraining.train(
                            read(spark),
                            new EntityTraining.Options(project, entity, time, store, overrides, seed, settings()))
                    .cache();
            List<Row> rows = summary.collectAsList();
            if (summaryOut != null) {
                summary.write().mode("overwrite").parquet(summaryOut);
            }
            long failed = rows.stream().filter(r -> r.getAs("error") != null).count();
            System.out.println("trained " + (rows.size() - failed) + " of " + rows.size() + " entities into " + store);
            for (Row r : rows) {
                System.out.println("  " + r.getAs("entity") + ": "
                        + (r.getAs("error") == null
                                ? r.getAs("version") + " in " + r.getAs("seconds") + " s " + r.getJavaMap(6)
                                : "FAILED: " + r.getAs("error")));
            }
            summary.unpersist();
            return failed == 0 ? 0 : BAD_INPUT;
        }
    }
}
