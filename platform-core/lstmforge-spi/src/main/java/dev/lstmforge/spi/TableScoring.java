package dev.lstmforge.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Implemented by a serving translator whose model can score the rows of a table, so a batch job
 * (the Spark bridge, {@code lstmforge-spark}) can turn rows into this translator's own requests
 * and its answers back into columns. The translator stays the one inference path: the job sends
 * the same request bodies {@code predict} accepts, through the same batchifier.
 *
 * <p>A table holds one or more entities (a ticker, a machine, a sensor), each a time-ordered run
 * of rows. How rows become requests is the {@link Unit}: a forecaster answers one request per row
 * from the rows up to it ({@link Unit#WINDOW}), an anomaly scorer answers one request per entity
 * with a score for each of its rows ({@link Unit#SERIES}), a clip classifier answers one request
 * per row naming a file ({@link Unit#FILE}).
 *
 * <pre>{@code
 * public final class ForecastTranslator extends ProjectServingTranslator<ForecastState>
 *         implements TableScoring {
 *     public Unit scoringUnit() { return Unit.WINDOW; }
 *     public String timeColumn() { return "Date"; }
 *     public List<String> valueColumns() { return List.of("Close"); }
 *     public int contextRows() { return encoder.windowSize(); }
 *     public Map<String, String> scoringProperties() { return Map.of("horizon", "1"); }
 *     public List<ScoreColumn> scoreColumns() {
 *         return List.of(new ScoreColumn("forecast", ScoreColumn.Type.DOUBLE));
 *     }
 *     public List<Object[]> scoreRows(String answer, int rows) {
 *         return List.of(new Object[] {firstForecastClose(answer)});
 *     }
 * }
 * }</pre>
 */
public interface TableScoring {

    /** How the rows of one entity become requests. */
    enum Unit {
        /**
         * One request per row: a CSV of the {@link #contextRows()} rows ending at that row, with
         * the header {@link #timeColumn()} followed by {@link #valueColumns()}. Rows before the
         * first full context get no score. A translator that answers several consecutive rows
         * at once says so in {@link #windowsPerRequest()}.
         */
        WINDOW,
        /** One request per entity: a CSV of all its rows, same header; the answer scores each row. */
        SERIES,
        /** One request per row: the bytes of the file the row's path names. */
        FILE
    }

    /**
     * Reads what the other methods need from the model directory, once; the caller invokes it
     * before anything else. Translators built on the support layer's base class have it already.
     *
     * @param modelDir the model directory
     * @throws IOException if a model file is unusable
     */
    void loadModelFiles(Path modelDir) throws IOException;

    /**
     * Returns how rows become requests.
     *
     * @return the unit
     */
    Unit scoringUnit();

    /**
     * Returns the header name the request CSV gives the time column; the table's own time column
     * may be named anything. Unused for {@link Unit#FILE}.
     *
     * @return for example {@code Date} or {@code timestamp}
     */
    default String timeColumn() {
        return "timestamp";
    }

    /**
     * Returns the value columns a request must carry, named as the model was trained on them; a
     * table that lacks one is refused before any work starts. Empty for {@link Unit#FILE}.
     *
     * @return the column names, in request order
     */
    default List<String> valueColumns() {
        return List.of();
    }

    /**
     * Returns how many rows a {@link Unit#WINDOW} request carries (the scored row last), or the
     * fewest rows a {@link Unit#SERIES} request may carry; an entity with fewer is reported, not
     * sent. 0 for {@link Unit#FILE}.
     *
     * @return the rows per request, or per series at least
     */
    default int contextRows() {
        return 0;
    }

    /**
     * Returns how many consecutive rows one {@link Unit#WINDOW} request may score. Above 1 a
     * request carries {@code contextRows() + k - 1} rows (k at most this) and its answer scores
     * its last k rows, each as if its own {@link #contextRows()} rows had been sent alone: one
     * parse and one batched pass for k rows instead of k requests. 1 (the default) is one row
     * per request.
     *
     * @return at least 1
     */
    default int windowsPerRequest() {
        return 1;
    }

    /**
     * Returns the request properties every request of a batch job gets unless the job sets them
     * (for example {@code scores=true} so an anomaly answer lists every row's score).
     *
     * @return property name to value
     */
    default Map<String, String> scoringProperties() {
        return Map.of();
    }

    /**
     * Returns the columns an answer gives each scored row.
     *
     * @return names and types, in the order of {@link #scoreRows}' values
     */
    List<ScoreColumn> scoreColumns();

    /**
     * Reads one successful answer into one value array per scored row, in table order: one row
     * for {@link Unit#FILE}, {@code rows - contextRows() + 1} rows for {@link Unit#WINDOW} (one
     * unless {@link #windowsPerRequest()} is above 1), {@code rows} rows for {@link Unit#SERIES}.
     *
     * @param answer the response body of this translator
     * @param rows how many rows the request carried
     * @return per row, values matching {@link #scoreColumns()} ({@code Double}, {@code Boolean},
     *     {@code String}, {@code double[]}, or {@code Map<String, Double>}; null where unknown)
     * @throws IllegalArgumentException if the answer does not have the expected shape, saying
     *     what is wrong
     */
    List<Object[]> scoreRows(String answer, int rows);

    /**
     * One output column of a scored row.
     *
     * @param name the column name, for example {@code score}
     * @param type its type
     */
    record ScoreColumn(String name, Type type) implements java.io.Serializable {

        /** The value types a score may have. */
        public enum Type {
            /** A {@code Double}. */
            DOUBLE,
            /** A {@code Boolean}. */
            BOOLEAN,
            /** A {@code String}. */
            STRING,
            /** A {@code double[]}, for example a forecast path. */
            DOUBLE_ARRAY,
            /** A {@code Map<String, Double>}, for example class probabilities. */
            DOUBLE_MAP
        }
    }
}
