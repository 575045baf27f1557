package dev.lstmforge.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of {@link BatchScoring#score}: every row's answer or problem, computed once and
 * kept (memory, then disk) until {@link #close()}.
 *
 * <pre>{@code
 * try (ScoredTable t = BatchScoring.score(...)) {
 *     t.predictions().write().parquet("out.parquet");
 *     if (t.problemCount() > 0) {
 *         t.problems().show(false);
 *     }
 * }
 * }</pre>
 */
public final class ScoredTable implements AutoCloseable {

    private final String modelRef;
    private final Dataset<Row> scored;

    ScoredTable(String modelRef, Dataset<Row> scored) {
        this.modelRef = modelRef;
        this.scored = scored;
    }

    /**
     * Returns which model scored the table.
     *
     * @return its reference, e.g. {@code stock-forecast/v3}
     */
    public String modelRef() {
        return modelRef;
    }

    /**
     * Returns the scored rows: {@code entity}, {@code time} and {@code row} (1-based, in time
     * order within the entity) or {@code file}, then the model's columns.
     *
     * @return the rows
     */
    public Dataset<Row> predictions() {
        return scored.filter(col(BatchScoring.ERROR).isNull()).drop(BatchScoring.ERROR);
    }

    /**
     * Returns the problems: {@code entity}, where ({@code time} and {@code row}, or {@code file};
     * null when the whole entity is concerned) and {@code error}.
     *
     * @return one row per problem
     */
    public Dataset<Row> problems() {
        List<String> keep = Arrays.asList(scored.columns()).stream()
                .filter(c -> c.equals(BatchScoring.ENTITY)
                        || c.equals(BatchScoring.TIME)
                        || c.equals(BatchScoring.ROW)
                        || c.equals(BatchScoring.FILE)
                        || c.equals(BatchScoring.ERROR))
                .toList();
        return scored.filter(col(BatchScoring.ERROR).isNotNull())
                .select(keep.stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    /**
     * Counts the problems.
     *
     * @return how many rows or entities could not be scored
     */
    public long problemCount() {
        return scored.filter(col(BatchScoring.ERROR).isNotNull()).count();
    }

    /** Releases the kept rows. */
    @Override
    public void close() {
        scored.unpersist();
    }
}
