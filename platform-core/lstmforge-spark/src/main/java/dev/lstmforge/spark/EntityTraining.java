package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.col;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.spi.LstmForgeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trains one model per entity on Spark's executors, each with the project's own pipeline: the
 * entity's rows (sorted by time, the entity column left out) are written as a CSV in the table's
 * own columns and given to {@link LstmForge#train}, exactly as {@code lstmforge train PROJECT
 * --data that.csv} would read it. Each entity's model is saved in its own store under a shared
 * root ({@code ROOT/ENTITY/PROJECT/vN}), atomically as every save is; a later job adds a version
 * there. An entity that fails is reported in the summary and the others go on.
 *
 * <p>Every entity gets the same hyper-parameters and its own seed (the job's seed plus a hash of
 * the entity's name), recorded in the summary. Tasks share an executor's cores, so the engine
 * gets one intra-op thread per task by default ({@link ForgeSettings}). The weights' random
 * initialisation comes from the engine's one process-wide generator, so two tasks training at
 * once in one executor can draw from it in either order: a model is reproducible from its seed
 * when the executor runs one task at a time ({@code spark.executor.cores=1} or
 * {@code local[1]}).
 *
 * <pre>{@code
 * Dataset<Row> summary = EntityTraining.train(prices, new EntityTraining.Options(
 *         "stock-forecast", "ticker", "Date", "/shared/models", Map.of("epochs", "20"), 42, settings));
 * summary.show();   // entity, seed, version, modelDir, seconds, metrics, error
 * }</pre>
 */
public final class EntityTraining {

    private EntityTraining() {}

    /**
     * What to train and where.
     *
     * @param projectId the project, e.g. {@code sensor-anomaly}
     * @param entityColumn the column naming each row's entity
     * @param timeColumn the column the rows are sorted by
     * @param storeRoot the shared model store root, as the executors see it
     * @param overrides hyper-parameters for every entity
     * @param seed the job's seed; each entity's is derived from it
     * @param settings how executors start LSTM Forge
     */
    public record Options(
            String projectId,
            String entityColumn,
            String timeColumn,
            String storeRoot,
            Map<String, String> overrides,
            long seed,
            ForgeSettings settings)
            implements Serializable {

        /** Copies the overrides. */
        public Options {
            overrides = Map.copyOf(overrides);
        }
    }

    /** The summary's columns. */
    static final StructType SUMMARY = DataTypes.createStructType(List.of(
            DataTypes.createStructField("entity", DataTypes.StringType, true),
            DataTypes.createStructField("seed", DataTypes.LongType, false),
            DataTypes.createStructField("version", DataTypes.StringType, true),
            DataTypes.createStructField("modelDir", DataTypes.StringType, true),
            DataTypes.createStructField("rows", DataTypes.LongType, false),
            DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
            DataTypes.createStructField(
                    "metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true),
            DataTypes.createStructField("error", DataTypes.StringType, true)));

    /**
     * Trains every entity's model.
     *
     * @param input the table: the entity column, the time column and the project's data columns
     * @param options what to train
     * @return one summary row per entity, computed when an action runs (for example
     *     {@code collectAsList()})
     * @throws LstmForgeException if the entity or time column is missing
     */
    public static Dataset<Row> train(Dataset<Row> input, Options options) {
        List<String> have = Arrays.asList(input.columns());
        for (String c : List.of(options.entityColumn(), options.timeColumn())) {
            if (!have.contains(c)) {
                throw new LstmForgeException(
                        "the input has no column '" + c + "'; its columns are " + String.join(", ", have));
            }
        }
        List<String> dataColumns =
                have.stream().filter(c -> !c.equals(options.entityColumn())).toList();
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        cols.add(col(options.entityColumn()).cast("string").as(options.entityColumn()));
        dataColumns.forEach(c -> cols.add(col(c)));
        Dataset<Row> data = input.select(cols.toArray(org.apache.spark.sql.Column[]::new));
        // one partition per entity (up to 4,096), so entities train side by side
        JavaRDD<Row> grouped = EntityGroups.sorted(data, options.entityColumn(), null, 4096);
        JavaRDD<Row> summary = grouped.mapPartitions(new TrainPartition(options, dataColumns));
        return input.sparkSession().createDataFrame(summary, SUMMARY);
    }

    /**
     * The seed an entity's model is trained with.
     *
     * @param jobSeed the job's seed
     * @param entity the entity
     * @return the job's seed plus a stable hash of the entity's name
     */
    public static long seedOf(long jobSeed, String entity) {
        CRC32 crc = new CRC32();
        crc.update(String.valueOf(entity).getBytes(StandardCharsets.UTF_8));
        return jobSeed + crc.getValue() % 1_000_000;
    }

    /**
     * The folder name an entity's store gets: its name when it is safe as one, otherwise the safe
     * characters and a hash that keeps two names apart.
     *
     * @param entity the entity
     * @return the folder name
     */
    public static String folderOf(String entity) {
        String safe = entity.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.equals(entity) && !safe.startsWith(".")) {
            return safe;
        }
        CRC32 crc = new CRC32();
        crc.update(entity.getBytes(StandardCharsets.UTF_8));
        return safe.replaceAll("^\\.+", "_") + "-" + Long.toHexString(crc.getValue());
    }

    /** The executor side: the entities of a partition, one after the other. */
    static final class TrainPartition implements FlatMapFunction<Iterator<Row>, Row> {

        private static final long serialVersionUID = 1L;
        private final TrainGroup group;

        TrainPartition(Options options, List<String> dataColumns) {
            this.group = new TrainGroup(options, dataColumns);
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            List<Row> out = new ArrayList<>();
            List<Row> current = new ArrayList<>();
            String entity = null;
            while (rows.hasNext()) {
                Row r = rows.next();
                String e = r.isNullAt(0) ? null : r.getString(0);
                if (!current.isEmpty() && !java.util.Objects.equals(e, entity)) {
                    group.call(entity, current.iterator()).forEachRemaining(out::add);
                    current = new ArrayList<>();
                }
                entity = e;
                current.add(r);
            }
            if (!current.isEmpty()) {
                group.call(entity, current.iterator()).forEachRemaining(out::add);
            }
            return out.iterator();
        }
    }

    /** One entity's rows in, one summary row out. */
    static final class TrainGroup implements Serializable {

        private static final long serialVersionUID = 1L;
        private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        private final Options options;
        private final List<String> dataColumns;

        TrainGroup(Options options, List<String> dataColumns) {
            this.options = options;
            this.dataColumns = List.copyOf(dataColumns);
        }

        Iterator<Row> call(String entity, Iterator<Row> rows) {
            long seed = seedOf(options.seed(), entity);
            long start = System.nanoTime();
            List<Row> group = new ArrayList<>();
            rows.forEachRemaining(group::add);
            try {
                if (entity == null || entity.isBlank()) {
                    throw new LstmForgeException(
                            group.size() + " rows have no entity (column " + options.entityColumn() + " is empty)");
                }
                int time = 1 + dataColumns.indexOf(options.timeColumn());
                sortByTime(group, time, entity);
                checkNumbers(group, time);
                Path dir = Files.createTempDirectory("lstmforge-entity");
                Path csv = dir.resolve(folderOf(entity) + ".csv");
                try {
                    writeCsv(group, csv);
                    LstmForge forge = ExecutorModels.forge(options.settings())
                            .withStore(Path.of(options.storeRoot()).resolve(folderOf(entity)), seed);
                    TrainResult r = forge.train(options.projectId(), csv, options.overrides());
                    return List.of(RowFactory.create(
                                    entity,
                                    seed,
                                    r.version().ref(),
                                    r.version().dir().toString(),
                                    (long) group.size(),
                                    seconds(start),
                                    SparkValues.external(r.evaluation().metrics()),
                                    null))
                            .iterator();
                } finally {
                    Files.deleteIfExists(csv);
                    Files.deleteIfExists(dir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failure(entity, seed, group.size(), start, "interrupted");
            } catch (IOException | RuntimeException e) {
                // the project names the temporary file it read; its name is the entity's
                String message = describe(e).replaceAll("\\S*lstmforge-entity[^/\\s]*/", "");
                return failure(entity, seed, group.size(), start, "entity " + entity + ": " + message);
            }
        }

        private Iterator<Row> failure(String entity, long seed, int rows, long start, String message) {
            return List.of(RowFactory.create(entity, seed, null, null, (long) rows, seconds(start), null, message))
                    .iterator();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void sortByTime(List<Row> group, int time, String entity) {
            for (int i = 0; i < group.size(); i++) {
                if (group.get(i).isNullAt(time)) {
                    throw new LstmForgeException("a row has no time (column " + options.timeColumn() + " is empty)");
                }
            }
            group.sort(Comparator.comparing(r -> (Comparable) r.get(time)));
        }

        /**
         * Refuses a value that is not a number in any column but the time, naming the row (in time
         * order), the column and the value: projects may skip such rows on their own, and a model
         * trained around a gap the user did not see is worse than a clear refusal.
         */
        private void checkNumbers(List<Row> group, int time) {
            for (int i = 0; i < group.size(); i++) {
                Row r = group.get(i);
                for (int c = 1; c < r.size(); c++) {
                    if (c == time) {
                        continue;
                    }
                    Object v = r.get(c);
                    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                        continue;
                    }
                    String text = v == null ? "" : v.toString().strip();
                    boolean ok;
                    try {
                        ok = !text.isEmpty() && Double.isFinite(Double.parseDouble(text));
                    } catch (NumberFormatException e) {
                        ok = false;
                    }
                    if (!ok) {
                        throw new LstmForgeException("row " + (i + 1) + " (" + options.timeColumn() + " "
                                + text(r.get(time)) + "): column " + dataColumns.get(c - 1) + ": value '" + text
                                + "' is " + (text.isEmpty() ? "empty" : "not a finite number"));
                    }
                }
            }
        }

        /** The entity's rows in the table's own columns, the entity column left out. */
        private void writeCsv(List<Row> group, Path csv) throws IOException {
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write(String.join(
                        ",", dataColumns.stream().map(TrainGroup::quote).toList()));
                w.write('\n');
                for (Row r : group) {
                    for (int c = 0; c < dataColumns.size(); c++) {
                        if (c > 0) {
                            w.write(',');
                        }
                        w.write(quote(text(r.get(c + 1))));
                    }
                    w.write('\n');
                }
            }
        }

        private static String text(Object v) {
            if (v == null) {
                return "";
            }
            if (v instanceof java.sql.Date d) {
                return d.toLocalDate().toString();
            }
            if (v instanceof Timestamp t) {
                return t.toLocalDateTime().format(TIMESTAMP);
            }
            if (v instanceof java.time.LocalDate d) {
                return d.toString();
            }
            if (v instanceof java.time.Instant i) {
                return TIMESTAMP.format(i.atZone(java.time.ZoneOffset.UTC));
            }
            return v.toString();
        }

        private static String quote(String s) {
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }

        private static double seconds(long start) {
            return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        }

        private static String describe(Throwable e) {
            String m = e.getMessage();
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        }
    }
}
