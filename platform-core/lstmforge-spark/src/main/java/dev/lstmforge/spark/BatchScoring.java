package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.col;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.TableScoring;
import dev.lstmforge.spi.TableScoring.ScoreColumn;
import dev.lstmforge.spi.TableScoring.Unit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Scores a table with a saved model on Spark: forecasts, anomaly scores and flags, or class
 * probabilities for every row, the same numbers {@code lstmforge predict} gives for the same
 * requests.
 *
 * <p>The driver exports the model once (a zip with its manifest of checksums) and ships it with
 * {@code SparkContext.addFile}; each executor loads it from there, which checks every file
 * against the manifest, and keeps one loaded model (one predictor) per task slot
 * ({@link ExecutorModels}). Rows are grouped by entity and sorted by time before any window is
 * built; each entity's requests go to the model's serving translator in batches, one forward
 * pass per batch.
 *
 * <pre>{@code
 * Dataset<Row> prices = spark.read().option("header", "true").csv("prices.csv");   // ticker,Date,Close
 * ScoredTable t = BatchScoring.score(spark, prices, "stock-forecast/v3", Path.of("models"),
 *         ForgeSettings.of(Path.of("plugins")), ScoringOptions.series("ticker", "Date"));
 * t.predictions().write().parquet("forecasts.parquet");   // ticker, Date, row, forecast, forecastPath
 * t.problems().show();                                   // entity, row, error
 * }</pre>
 */
public final class BatchScoring {

    /** The columns every scored row has besides the model's own. */
    static final String ENTITY = "entity";

    static final String TIME = "time";
    static final String ROW = "row";
    static final String FILE = "file";
    static final String ERROR = "error";
    /** The time column in its own type, to sort by. */
    private static final String SORT_TIME = "__lstmforge_sort_time";

    private BatchScoring() {}

    /**
     * Scores a table.
     *
     * @param spark the session
     * @param input the table
     * @param modelRef {@code PROJECT}, {@code PROJECT/vN}, a model folder or a zip
     * @param modelsDir the model store a project reference is looked up in
     * @param settings how executors start LSTM Forge
     * @param options the columns and batching
     * @return the scored rows and the problems, computed once and kept until
     *     {@link ScoredTable#close()}
     * @throws LstmForgeException if the model cannot score tables or the table lacks a column it
     *     needs, before any work is sent to the executors
     */
    public static ScoredTable score(
            SparkSession spark,
            Dataset<Row> input,
            String modelRef,
            Path modelsDir,
            ForgeSettings settings,
            ScoringOptions options) {
        Path shipped;
        Plan plan;
        try (LstmForge forge = settings.start(modelsDir)) {
            shipped = export(forge, modelRef);
            try (LoadedModel m = forge.load(shipped.toString())) {
                TableScoring t = m.tableScoring()
                        .orElseThrow(
                                () -> new LstmForgeException(
                                        "the model " + m.version().ref()
                                                + " cannot score tables: its project's serving translator has no table scoring"));
                plan = new Plan(
                        describe(forge, modelRef),
                        t.scoringUnit(),
                        t.valueColumns(),
                        t.scoreColumns(),
                        shipped.getFileName().toString(),
                        settings,
                        options);
            }
        }
        plan.check(input);
        spark.sparkContext().addFile(shipped.toString());
        JavaRDD<Row> prepared = plan.prepare(input, spark.sparkContext().defaultParallelism());
        Dataset<Row> scored = spark.createDataFrame(prepared.mapPartitions(new ScorePartition(plan)), plan.schema())
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new ScoredTable(plan.modelRef(), scored);
    }

    /** The store version a reference names ({@code stock-forecast/v3} for {@code stock-forecast}), or the reference itself. */
    private static String describe(LstmForge forge, String modelRef) {
        try {
            return forge.store().resolve(modelRef).ref();
        } catch (RuntimeException notInTheStore) {
            return modelRef;
        }
    }

    /**
     * Exports the model to a zip with its manifest (a zip or folder given is exported again,
     * which checks it). The zip's name carries a hash of its bytes: Spark ships a file name
     * once per application and refuses another file under the same name.
     */
    private static Path export(LstmForge forge, String modelRef) {
        try {
            Path dir = Files.createTempDirectory("lstmforge-spark-model");
            dir.toFile().deleteOnExit();
            String name = modelRef.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-|-$", "");
            Path zip = forge.export(modelRef, dir.resolve("model.zip"));
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            String hash = java.util.HexFormat.of()
                    .formatHex(sha.digest(Files.readAllBytes(zip)))
                    .substring(0, 12);
            Path named = Files.move(zip, dir.resolve("lstmforge-" + name + "-" + hash + ".zip"));
            named.toFile().deleteOnExit();
            return named;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Everything the executors need, decided on the driver.
     *
     * @param modelRef the model, for messages
     * @param unit how rows become requests
     * @param valueColumns the model's value columns
     * @param scoreColumns the answer's columns
     * @param modelFile the shipped zip's file name
     * @param settings how executors start LSTM Forge
     * @param options the job's options
     */
    record Plan(
            String modelRef,
            Unit unit,
            List<String> valueColumns,
            List<ScoreColumn> scoreColumns,
            String modelFile,
            ForgeSettings settings,
            ScoringOptions options)
            implements java.io.Serializable {

        Plan {
            valueColumns = List.copyOf(valueColumns);
            scoreColumns = List.copyOf(scoreColumns);
        }

        /** Refuses a table that lacks a column the job or the model needs, naming it. */
        void check(Dataset<Row> input) {
            List<String> have = Arrays.asList(input.columns());
            List<String> need = new ArrayList<>();
            if (unit == Unit.FILE) {
                need.add(require(options.fileColumn(), "a file column (ScoringOptions.files)"));
                if (options.entityColumn() != null) {
                    need.add(options.entityColumn());
                }
            } else {
                if (options.entityColumn() != null) {
                    need.add(options.entityColumn());
                }
                need.add(require(options.timeColumn(), "a time column (ScoringOptions.series)"));
                need.addAll(valueColumns);
            }
            for (String c : need) {
                if (!have.contains(c)) {
                    throw new LstmForgeException("the input has no column '" + c + "' (the model " + modelRef
                            + " needs " + String.join(", ", need) + "); its columns are " + String.join(", ", have));
                }
            }
        }

        private String require(String column, String what) {
            if (column == null) {
                throw new LstmForgeException(
                        "the model " + modelRef + " scores " + unit.name().toLowerCase() + "s: give " + what);
            }
            return column;
        }

        /**
         * Selects the needed columns as text (entity, time or file, values) and, for series,
         * puts each entity in one partition sorted by time ({@link EntityGroups}).
         */
        JavaRDD<Row> prepare(Dataset<Row> input, int cores) {
            List<Column> cols = new ArrayList<>();
            cols.add(
                    options.entityColumn() == null
                            ? org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .lit(null)
                                    .cast("string")
                                    .as(ENTITY)
                            : col(options.entityColumn()).cast("string").as(ENTITY));
            if (unit == Unit.FILE) {
                cols.add(col(options.fileColumn()).cast("string").as(FILE));
                return input.select(cols.toArray(Column[]::new)).javaRDD();
            }
            cols.add(col(options.timeColumn()).cast("string").as(TIME));
            for (String v : valueColumns) {
                cols.add(col(v).cast("string"));
            }
            cols.add(col(options.timeColumn()).as(SORT_TIME));
            int partitions = options.partitions() > 0 ? options.partitions() : Math.max(1, 4 * cores);
            return EntityGroups.sorted(
                    input.select(cols.toArray(Column[]::new)),
                    options.entityColumn() == null ? null : ENTITY,
                    SORT_TIME,
                    partitions);
        }

        /** entity, time (or file), row, the model's columns, error. */
        StructType schema() {
            List<StructField> f = new ArrayList<>();
            f.add(DataTypes.createStructField(ENTITY, DataTypes.StringType, true));
            if (unit == Unit.FILE) {
                f.add(DataTypes.createStructField(FILE, DataTypes.StringType, true));
            } else {
                f.add(DataTypes.createStructField(TIME, DataTypes.StringType, true));
                f.add(DataTypes.createStructField(ROW, DataTypes.LongType, true));
            }
            for (ScoreColumn c : scoreColumns) {
                f.add(DataTypes.createStructField(c.name(), sparkType(c.type()), true));
            }
            f.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
            return DataTypes.createStructType(f);
        }

        private static DataType sparkType(ScoreColumn.Type t) {
            return switch (t) {
                case DOUBLE -> DataTypes.DoubleType;
                case BOOLEAN -> DataTypes.BooleanType;
                case STRING -> DataTypes.StringType;
                case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
                case DOUBLE_MAP -> DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);
            };
        }
    }

    /** The executor side: one borrowed model per task, one entity at a time. */
    static final class ScorePartition implements FlatMapFunction<Iterator<Row>, Row> {

        private static final long serialVersionUID = 1L;
        private final Plan plan;

        ScorePartition(Plan plan) {
            this.plan = plan;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            Path file = Path.of(SparkFiles.get(plan.modelFile()));
            LoadedModel model = ExecutorModels.borrow(plan.settings(), file);
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener)
                        ctx -> ExecutorModels.giveBack(plan.settings(), file, model));
            }
            TableScoring scoring = model.tableScoring().orElseThrow();
            EntityScorer scorer = new EntityScorer(
                    model, scoring, plan.options().properties(), plan.options().batchSize());
            return new ScoredRows(plan, scorer, rows);
        }
    }

    /** Reads one entity's rows, scores them, and hands out the results, lazily. */
    private static final class ScoredRows implements Iterator<Row> {

        private final Plan plan;
        private final EntityScorer scorer;
        private final Iterator<Row> in;
        private final ArrayDeque<Row> out = new ArrayDeque<>();
        private Row next;

        ScoredRows(Plan plan, EntityScorer scorer, Iterator<Row> in) {
            this.plan = plan;
            this.scorer = scorer;
            this.in = in;
            this.next = in.next();
        }

        @Override
        public boolean hasNext() {
            while (out.isEmpty() && next != null) {
                scoreNextEntity();
            }
            return !out.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.pollFirst();
        }

        private void scoreNextEntity() {
            String entity = next.getString(0);
            List<Row> group = new ArrayList<>();
            while (next != null && java.util.Objects.equals(next.getString(0), entity)) {
                group.add(next);
                next = in.hasNext() ? in.next() : null;
            }
            if (plan.unit() == Unit.FILE) {
                List<String> paths = new ArrayList<>(group.size());
                group.forEach(r -> paths.add(r.getString(1)));
                scorer.scoreFiles(paths, sink(entity, group, i -> paths.get(i)));
                return;
            }
            int k = plan.valueColumns().size();
            List<String> times = new ArrayList<>(group.size());
            List<String[]> values = new ArrayList<>(group.size());
            for (Row r : group) {
                times.add(r.getString(1));
                String[] v = new String[k];
                for (int c = 0; c < k; c++) {
                    v[c] = r.getString(2 + c);
                }
                values.add(v);
            }
            scorer.scoreRows(times, values, sink(entity, group, times::get));
        }

        private EntityScorer.Sink sink(String entity, List<Row> group, java.util.function.IntFunction<String> key) {
            int n = plan.schema().size();
            int first = plan.unit() == Unit.FILE ? 2 : 3;
            return new EntityScorer.Sink() {
                @Override
                public void scored(int row, Object[] values) {
                    Object[] cells = base(row);
                    for (int c = 0; c < values.length; c++) {
                        cells[first + c] = SparkValues.external(values[c]);
                    }
                    out.add(RowFactory.create(cells));
                }

                @Override
                public void failed(int row, String message) {
                    Object[] cells = base(row);
                    String where = row < 0 ? "" : (plan.unit() == Unit.FILE ? "" : "row " + (row + 1) + ": ");
                    cells[n - 1] = where + message;
                    out.add(RowFactory.create(cells));
                }

                private Object[] base(int row) {
                    Object[] cells = new Object[n];
                    cells[0] = entity;
                    if (row >= 0) {
                        cells[1] = key.apply(row);
                        if (plan.unit() != Unit.FILE) {
                            cells[2] = (long) row + 1;
                        }
                    }
                    return cells;
                }
            };
        }
    }
}
