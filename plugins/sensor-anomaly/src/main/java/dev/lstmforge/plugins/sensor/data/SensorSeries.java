package dev.lstmforge.plugins.sensor.data;

import dev.lstmforge.support.DataException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable multivariate sensor time series: strictly increasing UTC timestamps, one row of
 * numeric sensor values per timestamp, optional point labels (true = anomalous) and optional
 * change-point marks, plus the notes of every repair made while loading it.
 *
 * <p>Array accessors ({@link #epochMillis()}, {@link #values()}, {@link #labels()}, ...) return
 * fresh copies so that the series cannot be changed from outside; call them once and keep the
 * result rather than calling them inside a loop. The per-cell accessors ({@link #value(int, int)},
 * {@link #epochMillis(int)}, {@link #label(int)}) do not allocate.
 */
public final class SensorSeries {

    private final String source;
    private final List<String> columns;
    private final long[] epochMillis;
    private final double[][] values;
    private final boolean[] labels;
    private final boolean hasLabels;
    private final boolean[] changepoints;
    private final boolean hasChangepoints;
    private final List<String> repairs;

    /**
     * Creates a series from caller-owned arrays, which are copied and checked.
     *
     * @param source where the data came from (a file path, "synthetic (seed 7)", ...); used in
     *     messages
     * @param columns the names of the numeric sensor columns, non-empty and unique
     * @param epochMillis the timestamps (UTC epoch milliseconds), strictly increasing, at least one
     * @param values the sensor values as [row][column], all finite
     * @param labels the point labels (true = anomalous), or {@code null} when unknown
     * @param repairs notes of repairs or warnings made while building the data (may be empty)
     * @throws DataException if the parts do not fit together (naming source, row, column)
     */
    public SensorSeries(
            String source,
            List<String> columns,
            long[] epochMillis,
            double[][] values,
            boolean[] labels,
            List<String> repairs) {
        this(
                source,
                List.copyOf(columns),
                epochMillis.clone(),
                deepCopy(values),
                labels == null ? null : labels.clone(),
                null,
                List.copyOf(repairs),
                true);
    }

    /** Internal constructor: takes ownership of the arrays; {@code check} runs the validation. */
    SensorSeries(
            String source,
            List<String> columns,
            long[] epochMillis,
            double[][] values,
            boolean[] labels,
            boolean[] changepoints,
            List<String> repairs,
            boolean check) {
        if (source == null) {
            throw new DataException("a sensor series needs a source name");
        }
        this.source = source;
        this.columns = columns;
        this.epochMillis = epochMillis;
        this.values = values;
        int n = epochMillis.length;
        this.hasLabels = labels != null;
        this.labels = labels != null ? labels : new boolean[n];
        this.hasChangepoints = changepoints != null;
        this.changepoints = changepoints != null ? changepoints : new boolean[n];
        this.repairs = repairs;
        if (check) {
            validate();
        }
    }

    private void validate() {
        int n = epochMillis.length;
        if (columns.isEmpty()) {
            throw new DataException(source + " has no sensor columns");
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                throw new DataException(source + " has the column name '" + c + "' twice");
            }
        }
        if (n < 1) {
            throw new DataException(source + " has no rows");
        }
        if (values.length != n) {
            throw new DataException(source + " has " + n + " timestamps but " + values.length + " value rows");
        }
        if (labels.length != n) {
            throw new DataException(source + " has " + n + " rows but " + labels.length + " labels");
        }
        if (changepoints.length != n) {
            throw new DataException(source + " has " + n + " rows but " + changepoints.length + " change-point marks");
        }
        for (int r = 0; r < n; r++) {
            double[] row = values[r];
            if (row == null || row.length != columns.size()) {
                throw new DataException(source + " row " + r + " has "
                        + (row == null ? 0 : row.length) + " values; expected " + columns.size()
                        + " (" + String.join(", ", columns) + ")");
            }
            for (int c = 0; c < row.length; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new DataException(source + " row " + r + ", column '" + columns.get(c) + "': value " + row[c]
                            + " is not finite");
                }
            }
            if (r > 0 && epochMillis[r] <= epochMillis[r - 1]) {
                throw new DataException(source + " row " + r + ": timestamp "
                        + TimeText.format(epochMillis[r]) + " does not come after row " + (r - 1)
                        + " (" + TimeText.format(epochMillis[r - 1])
                        + "); timestamps must be strictly increasing");
            }
        }
    }

    private static double[][] deepCopy(double[][] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == null ? null : v[i].clone();
        }
        return out;
    }

    /**
     * Where the data came from (file path or a description); used in messages.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * The names of the numeric sensor columns, in file order (time and label columns excluded).
     *
     * @return an unmodifiable list of column names
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * The number of rows (time steps).
     *
     * @return the row count
     */
    public int rows() {
        return epochMillis.length;
    }

    /**
     * A copy of the timestamps as UTC epoch milliseconds, strictly increasing.
     *
     * @return a fresh array of length {@link #rows()}
     */
    public long[] epochMillis() {
        return epochMillis.clone();
    }

    /**
     * The timestamp of one row as UTC epoch milliseconds, without copying.
     *
     * @param row the row index
     * @return epoch milliseconds
     */
    public long epochMillis(int row) {
        return epochMillis[row];
    }

    /**
     * The timestamp of one row as a UTC wall-clock time.
     *
     * @param row the row index
     * @return the local date-time in UTC
     */
    public LocalDateTime timestamp(int row) {
        return TimeText.toLocal(epochMillis[row]);
    }

    /**
     * A deep copy of the values as [row][column].
     *
     * @return a fresh two-dimensional array
     */
    public double[][] values() {
        return deepCopy(values);
    }

    /**
     * One value, without copying.
     *
     * @param row the row index
     * @param column the column index (into {@link #columns()})
     * @return the value
     */
    public double value(int row, int column) {
        return values[row][column];
    }

    /**
     * A copy of one column's values over all rows (handy for univariate baselines).
     *
     * @param column the column index
     * @return a fresh array of length {@link #rows()}
     */
    public double[] column(int column) {
        if (column < 0 || column >= columns.size()) {
            throw new IndexOutOfBoundsException("column " + column + " of " + columns.size());
        }
        double[] out = new double[values.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = values[r][column];
        }
        return out;
    }

    /**
     * A copy of the point labels (true = anomalous); all false when the labels are unknown.
     *
     * @return a fresh array of length {@link #rows()}
     */
    public boolean[] labels() {
        return labels.clone();
    }

    /**
     * One point label, without copying.
     *
     * @param row the row index
     * @return true when the row is labelled anomalous
     */
    public boolean label(int row) {
        return labels[row];
    }

    /**
     * Whether labels are known (a label column was read or {@link #withLabels} was called).
     *
     * @return true when {@link #labels()} carries real labels
     */
    public boolean hasLabels() {
        return hasLabels;
    }

    /**
     * A copy of the change-point marks (SKAB's {@code changepoint} column); all false when the
     * file has none. They are never treated as a sensor.
     *
     * @return a fresh array of length {@link #rows()}
     */
    public boolean[] changepoints() {
        return changepoints.clone();
    }

    /**
     * Whether the source had a change-point column.
     *
     * @return true when {@link #changepoints()} carries real marks
     */
    public boolean hasChangepoints() {
        return hasChangepoints;
    }

    /**
     * Human-readable notes of every repair or warning made while loading (interpolated cells,
     * sorted rows, dropped duplicates, dropped columns). Empty when the data needed no repair.
     *
     * @return an unmodifiable list of notes
     */
    public List<String> repairs() {
        return repairs;
    }

    /**
     * The rows {@code [from, to)} as a new series with the same source, columns, labels and
     * repair notes.
     *
     * @param from first row, inclusive
     * @param to last row, exclusive; {@code from < to <= rows()}
     * @return the slice
     * @throws IndexOutOfBoundsException if the range is empty or outside the series
     */
    public SensorSeries slice(int from, int to) {
        if (from < 0 || to > rows() || from >= to) {
            throw new IndexOutOfBoundsException(
                    "slice [" + from + ", " + to + ") of " + source + " with " + rows() + " rows");
        }
        double[][] v = new double[to - from][];
        for (int r = from; r < to; r++) {
            v[r - from] = values[r].clone();
        }
        return new SensorSeries(
                source,
                columns,
                Arrays.copyOfRange(epochMillis, from, to),
                v,
                hasLabels ? Arrays.copyOfRange(labels, from, to) : null,
                hasChangepoints ? Arrays.copyOfRange(changepoints, from, to) : null,
                repairs,
                false);
    }

    /**
     * The same series with the given point labels (for example from {@link NabLabels}).
     *
     * @param newLabels one label per row
     * @return a new series whose {@link #hasLabels()} is true
     * @throws DataException if the length differs from {@link #rows()}
     */
    public SensorSeries withLabels(boolean[] newLabels) {
        if (newLabels == null || newLabels.length != rows()) {
            throw new DataException("labels for " + source + " must have one entry per row: "
                    + rows() + " rows but " + (newLabels == null ? "no" : newLabels.length)
                    + " labels");
        }
        return new SensorSeries(
                source,
                columns,
                epochMillis,
                values,
                newLabels.clone(),
                hasChangepoints ? changepoints : null,
                repairs,
                false);
    }

    /**
     * The same series with one more repair note appended (used by loaders that post-process a
     * series).
     *
     * @param note the note to append
     * @return a new series
     */
    public SensorSeries withRepair(String note) {
        List<String> r = new ArrayList<>(repairs);
        r.add(note);
        return new SensorSeries(
                source,
                columns,
                epochMillis,
                values,
                hasLabels ? labels : null,
                hasChangepoints ? changepoints : null,
                List.copyOf(r),
                false);
    }

    /**
     * The same series with only the named columns, in the given order (for example the columns a
     * model was trained on, picked from a request with more).
     *
     * @param names the columns to keep
     * @return a new series
     * @throws DataException naming the first missing column
     */
    public SensorSeries select(List<String> names) {
        int[] idx = new int[names.size()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = columns.indexOf(names.get(j));
            if (idx[j] < 0) {
                throw DataException.at(
                        source,
                        0,
                        names.get(j),
                        "missing; the model reads " + names + " and " + source + " has " + columns);
            }
        }
        double[][] v = new double[rows()][idx.length];
        for (int r = 0; r < v.length; r++) {
            for (int j = 0; j < idx.length; j++) {
                v[r][j] = values[r][idx[j]];
            }
        }
        return new SensorSeries(
                source,
                List.copyOf(names),
                epochMillis,
                v,
                hasLabels ? labels : null,
                hasChangepoints ? changepoints : null,
                repairs,
                false);
    }

    /** Package-private view of the value rows, not copied; callers must not modify it. */
    double[][] valuesView() {
        return values;
    }

    /** Package-private view of the timestamps, not copied; callers must not modify it. */
    long[] epochMillisView() {
        return epochMillis;
    }

    /**
     * A one-line summary: source, rows, columns, time span and label count.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        int positives = 0;
        for (boolean b : labels) {
            if (b) {
                positives++;
            }
        }
        return source + " (" + rows() + " rows x " + columns.size() + " columns " + columns + ", "
                + TimeText.formatShort(epochMillis[0]) + " .. "
                + TimeText.formatShort(epochMillis[rows() - 1])
                + (hasLabels ? ", " + positives + " labelled anomalous" : ", unlabelled") + ")";
    }
}
