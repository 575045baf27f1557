package dev.lstmforge.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which columns of a table a scoring job reads, and how it batches.
 *
 * <ul>
 *   <li>{@code entityColumn}: rows with the same value form one series (a ticker, a sensor); the
 *       job groups on it and sorts each group by {@code timeColumn} before any window is built,
 *       so no window is cut by a partition boundary. Null when the table is one series, or for
 *       file scoring.
 *   <li>{@code timeColumn}: the order within an entity; its text is what the model's requests
 *       carry as their time column (dates as {@code yyyy-MM-dd}, timestamps as
 *       {@code yyyy-MM-dd HH:mm:ss}).
 *   <li>The value columns are the model's own ({@code Close} for the stock forecaster, the sensor
 *       columns it was trained on); the job refuses a table without them.
 *   <li>{@code fileColumn}: for models that score files (audio and video clips), the column
 *       with each row's path, readable on the executors.
 *   <li>{@code properties}: request properties, for example {@code horizon=5}.
 *   <li>{@code batchSize}: rows scored per forward pass (default 64): requests, or for a
 *       translator that answers several rows per request
 *       ({@link dev.lstmforge.spi.TableScoring#windowsPerRequest()}), up to that many rows in
 *       each request.
 *   <li>{@code partitions}: how many groups of entities the table is split into, 0 for four per
 *       core of the cluster.
 * </ul>
 *
 * <pre>{@code
 * ScoringOptions o = ScoringOptions.series("ticker", "Date").withProperty("horizon", "5");
 * }</pre>
 */
public final class ScoringOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String entityColumn;
    private final String timeColumn;
    private final String fileColumn;
    private final Map<String, String> properties;
    private final int batchSize;
    private final int partitions;

    private ScoringOptions(
            String entityColumn,
            String timeColumn,
            String fileColumn,
            Map<String, String> properties,
            int batchSize,
            int partitions) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (automatic) or more: " + partitions);
        }
        this.entityColumn = entityColumn;
        this.timeColumn = timeColumn;
        this.fileColumn = fileColumn;
        this.properties = Map.copyOf(properties);
        this.batchSize = batchSize;
        this.partitions = partitions;
    }

    /**
     * Options for a table of time series.
     *
     * @param entityColumn the entity column, or null when the whole table is one series
     * @param timeColumn the time column
     * @return the options
     */
    public static ScoringOptions series(String entityColumn, String timeColumn) {
        return new ScoringOptions(
                entityColumn, Objects.requireNonNull(timeColumn, "timeColumn"), null, Map.of(), 64, 0);
    }

    /**
     * Options for a table whose rows name files (clips to classify).
     *
     * @param fileColumn the column with each row's path
     * @return the options
     */
    public static ScoringOptions files(String fileColumn) {
        return new ScoringOptions(null, null, Objects.requireNonNull(fileColumn, "fileColumn"), Map.of(), 64, 0);
    }

    /**
     * Adds a request property.
     *
     * @param name the property, e.g. {@code horizon}
     * @param value its value
     * @return the changed options
     */
    public ScoringOptions withProperty(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.put(name, value);
        return new ScoringOptions(entityColumn, timeColumn, fileColumn, p, batchSize, partitions);
    }

    /**
     * Sets the rows scored per forward pass (see the class comment).
     *
     * @param n at least 1
     * @return the changed options
     */
    public ScoringOptions withBatchSize(int n) {
        return new ScoringOptions(entityColumn, timeColumn, fileColumn, properties, n, partitions);
    }

    /**
     * Sets how many partitions the entities are spread over.
     *
     * @param n 0 for four per core of the cluster
     * @return the changed options
     */
    public ScoringOptions withPartitions(int n) {
        return new ScoringOptions(entityColumn, timeColumn, fileColumn, properties, batchSize, n);
    }

    /** @return the entity column, or null */
    public String entityColumn() {
        return entityColumn;
    }

    /** @return the time column, or null for file scoring */
    public String timeColumn() {
        return timeColumn;
    }

    /** @return the file column, or null for series scoring */
    public String fileColumn() {
        return fileColumn;
    }

    /** @return the request properties */
    public Map<String, String> properties() {
        return properties;
    }

    /** @return requests per forward pass */
    public int batchSize() {
        return batchSize;
    }

    /** @return the partitions, 0 for automatic */
    public int partitions() {
        return partitions;
    }
}
