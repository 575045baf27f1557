package dev.lstmforge.plugins.sensor.data;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-column scaling fitted on a row range only (the training part), then applied to every row:
 * {@code scaled = (x - center[c]) / scale[c]}.
 * <ul>
 *   <li>Standard (z-score): center = mean, scale = population standard deviation (divisor n) of the
 *       fitting rows, so the fitting rows get mean 0 and standard deviation 1.</li>
 *   <li>Min-max: center = minimum, scale = maximum - minimum of the fitting rows, so the fitting
 *       rows map onto [0, 1]; later rows may fall outside.</li>
 * </ul>
 * A column that is constant in the fitting rows (maximum - minimum no larger than
 * {@code 1e-12 * max(1, |max|, |min|)}) is rejected: it carries no information and would divide by
 * zero. Instances are immutable; {@link #state()} / {@link #fromState(State)} and
 * {@link #toJson()} / {@link #fromJson(String)} save and restore them.
 */
public final class Scaler {

    /** The two scaling rules. */
    public enum Kind {
        /** z-score: mean 0, standard deviation 1 on the fitting rows. */
        STANDARD,
        /** min-max: [0, 1] on the fitting rows. */
        MIN_MAX
    }

    /**
     * The saved form of a scaler, with public fields for Gson or any other JSON mapper.
     */
    public static final class State {
        /** "STANDARD" or "MIN_MAX". */
        public String kind;
        /** The column names, one per column. */
        public List<String> columns;
        /** Subtracted from each column. */
        public double[] center;
        /** Each column is divided by this after subtracting the center; positive. */
        public double[] scale;

        /** Creates an empty state (for JSON mappers). */
        public State() {
        }
    }

    private final Kind kind;
    private final List<String> columns;
    private final double[] center;
    private final double[] scale;
    private final double[] inv;

    private Scaler(Kind kind, List<String> columns, double[] center, double[] scale) {
        this.kind = kind;
        this.columns = columns;
        this.center = center;
        this.scale = scale;
        this.inv = new double[scale.length];
        for (int c = 0; c < scale.length; c++) {
            inv[c] = 1.0 / scale[c];
        }
    }

    /**
     * Fits a z-score scaler on rows {@code [from, to)} of a [row][column] array; the columns are
     * named "#0", "#1", ... in messages.
     *
     * @param v the values, [row][column]
     * @param from first fitting row, inclusive
     * @param to last fitting row, exclusive; at least one row
     * @return the scaler
     * @throws SensorDataException if a column is constant in the fitting rows or not finite
     */
    public static Scaler fitStandard(double[][] v, int from, int to) {
        return fit(Kind.STANDARD, v, from, to, null, "the given data");
    }

    /**
     * Fits a min-max scaler on rows {@code [from, to)} of a [row][column] array.
     *
     * @param v the values, [row][column]
     * @param from first fitting row, inclusive
     * @param to last fitting row, exclusive; at least one row
     * @return the scaler
     * @throws SensorDataException if a column is constant in the fitting rows or not finite
     */
    public static Scaler fitMinMax(double[][] v, int from, int to) {
        return fit(Kind.MIN_MAX, v, from, to, null, "the given data");
    }

    /**
     * Fits a z-score scaler on rows {@code [from, to)} of a series; messages name its columns and
     * source.
     *
     * @param s the series
     * @param from first fitting row, inclusive
     * @param to last fitting row, exclusive; at least one row
     * @return the scaler
     * @throws SensorDataException if a column is constant in the fitting rows
     */
    public static Scaler fitStandard(SensorSeries s, int from, int to) {
        return fit(Kind.STANDARD, s.valuesView(), from, to, s.columns(), s.source());
    }

    /**
     * Fits a min-max scaler on rows {@code [from, to)} of a series.
     *
     * @param s the series
     * @param from first fitting row, inclusive
     * @param to last fitting row, exclusive; at least one row
     * @return the scaler
     * @throws SensorDataException if a column is constant in the fitting rows
     */
    public static Scaler fitMinMax(SensorSeries s, int from, int to) {
        return fit(Kind.MIN_MAX, s.valuesView(), from, to, s.columns(), s.source());
    }

    private static Scaler fit(Kind kind, double[][] v, int from, int to, List<String> names,
            String source) {
        if (v.length == 0 || from < 0 || to > v.length || from >= to) {
            throw new SensorDataException("cannot fit a scaler on rows [" + from + ", " + to
                    + ") of " + source + " with " + v.length + " rows");
        }
        int cols = v[from].length;
        if (cols == 0) {
            throw new SensorDataException("cannot fit a scaler: " + source + " has no columns");
        }
        List<String> colNames = names;
        if (colNames == null) {
            List<String> gen = new ArrayList<>(cols);
            for (int c = 0; c < cols; c++) {
                gen.add("#" + c);
            }
            colNames = List.copyOf(gen);
        }
        double[] sum = new double[cols];
        double[] min = new double[cols];
        double[] max = new double[cols];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = from; r < to; r++) {
            double[] row = v[r];
            if (row.length != cols) {
                throw new SensorDataException("row " + r + " of " + source + " has " + row.length
                        + " values; expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                double x = row[c];
                if (!Double.isFinite(x)) {
                    throw new SensorDataException("row " + r + ", column '" + colNames.get(c)
                            + "' of " + source + ": value " + x + " is not finite");
                }
                sum[c] += x;
                if (x < min[c]) {
                    min[c] = x;
                }
                if (x > max[c]) {
                    max[c] = x;
                }
            }
        }
        int n = to - from;
        double[] center = new double[cols];
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            double tol = 1e-12 * Math.max(1.0, Math.max(Math.abs(max[c]), Math.abs(min[c])));
            if (max[c] - min[c] <= tol) {
                throw new SensorDataException("column " + colNames.get(c) + " is constant (value "
                        + fmt(min[c]) + ") in the training part (rows " + from + ".." + (to - 1)
                        + ") of " + source + "; it carries no information — drop it or use "
                        + "another split");
            }
            if (kind == Kind.MIN_MAX) {
                center[c] = min[c];
                scale[c] = max[c] - min[c];
            } else {
                center[c] = sum[c] / n;
            }
        }
        if (kind == Kind.STANDARD) {
            double[] ss = new double[cols];
            for (int r = from; r < to; r++) {
                double[] row = v[r];
                for (int c = 0; c < cols; c++) {
                    double d = row[c] - center[c];
                    ss[c] += d * d;
                }
            }
            for (int c = 0; c < cols; c++) {
                scale[c] = Math.sqrt(ss[c] / n);
            }
        }
        return new Scaler(kind, colNames, center, scale);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
                : String.format(Locale.ROOT, "%.6g", x);
    }

    /**
     * Which rule this scaler applies.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The number of columns.
     *
     * @return the column count
     */
    public int columns() {
        return center.length;
    }

    /**
     * The column names the scaler was fitted on.
     *
     * @return an unmodifiable list
     */
    public List<String> columnNames() {
        return columns;
    }

    /**
     * The value subtracted from a column (mean or minimum).
     *
     * @param column the column index
     * @return the center
     */
    public double center(int column) {
        return center[column];
    }

    /**
     * The divisor of a column (standard deviation or range), always positive.
     *
     * @param column the column index
     * @return the scale
     */
    public double scale(int column) {
        return scale[column];
    }

    /**
     * Scales one row into a new array.
     *
     * @param row the raw values, one per column
     * @return the scaled values
     */
    public double[] transform(double[] row) {
        double[] out = new double[center.length];
        transform(row, out);
        return out;
    }

    /**
     * Scales one row into a caller-owned array (no allocation).
     *
     * @param row the raw values, one per column
     * @param dst receives the scaled values; may be {@code row} itself
     */
    public void transform(double[] row, double[] dst) {
        checkWidth(row.length);
        for (int c = 0; c < center.length; c++) {
            dst[c] = (row[c] - center[c]) * inv[c];
        }
    }

    /**
     * Scales every row into a new [row][column] array.
     *
     * @param v the raw values
     * @return the scaled values
     */
    public double[][] transformAll(double[][] v) {
        double[][] out = new double[v.length][];
        for (int r = 0; r < v.length; r++) {
            out[r] = transform(v[r]);
        }
        return out;
    }

    /**
     * Scales every row of a series into a new [row][column] array.
     *
     * @param s the series; its columns must match the fitted ones in number
     * @return the scaled values
     */
    public double[][] transformAll(SensorSeries s) {
        return transformAll(s.valuesView());
    }

    /**
     * Maps a scaled value of one column back to raw units.
     *
     * @param column the column index
     * @param scaled the scaled value
     * @return the raw value
     */
    public double inverse(int column, double scaled) {
        return scaled * scale[column] + center[column];
    }

    /**
     * Scales and flattens the raw rows {@code [start, start + w)} into a new float array, step-major
     * (all columns of step 0, then of step 1, ...), as {@link Windows#fill} does for scaled rows.
     *
     * @param v the raw values, [row][column]
     * @param start first row of the window
     * @param w window length in rows
     * @return {@code w * columns()} floats
     */
    public float[] transformWindow(double[][] v, int start, int w) {
        float[] out = new float[w * center.length];
        transformWindow(v, start, w, out, 0);
        return out;
    }

    /**
     * Scales and flattens the raw rows {@code [start, start + w)} into {@code dst} from
     * {@code off}, step-major, without allocating.
     *
     * @param v the raw values, [row][column]
     * @param start first row of the window
     * @param w window length in rows
     * @param dst receives {@code w * columns()} floats
     * @param off where to start writing in {@code dst}
     */
    public void transformWindow(double[][] v, int start, int w, float[] dst, int off) {
        if (start < 0 || w < 1 || start + w > v.length) {
            throw new IndexOutOfBoundsException("window [" + start + ", " + (start + w) + ") of "
                    + v.length + " rows");
        }
        int cols = center.length;
        int p = off;
        for (int r = start; r < start + w; r++) {
            double[] row = v[r];
            checkWidth(row.length);
            for (int c = 0; c < cols; c++) {
                dst[p++] = (float) ((row[c] - center[c]) * inv[c]);
            }
        }
    }

    private void checkWidth(int width) {
        if (width != center.length) {
            throw new SensorDataException("row has " + width + " values but the scaler was fitted on "
                    + center.length + " columns " + columns);
        }
    }

    /**
     * The saved form of this scaler (fresh copies of the arrays).
     *
     * @return the state
     */
    public State state() {
        State s = new State();
        s.kind = kind.name();
        s.columns = List.copyOf(columns);
        s.center = center.clone();
        s.scale = scale.clone();
        return s;
    }

    /**
     * Restores a scaler from its saved form.
     *
     * @param s the state
     * @return the scaler
     * @throws SensorDataException if the state is incomplete or inconsistent
     */
    public static Scaler fromState(State s) {
        if (s == null || s.kind == null || s.center == null || s.scale == null) {
            throw new SensorDataException("scaler state is incomplete: kind, center and scale are "
                    + "required");
        }
        Kind k;
        try {
            k = Kind.valueOf(s.kind);
        } catch (IllegalArgumentException e) {
            throw new SensorDataException("scaler state has unknown kind '" + s.kind
                    + "' (expected STANDARD or MIN_MAX)", e);
        }
        int cols = s.center.length;
        if (cols == 0 || s.scale.length != cols || (s.columns != null && s.columns.size() != cols)) {
            throw new SensorDataException("scaler state is inconsistent: " + cols + " centers, "
                    + s.scale.length + " scales, "
                    + (s.columns == null ? "no" : String.valueOf(s.columns.size())) + " column names");
        }
        for (int c = 0; c < cols; c++) {
            if (!Double.isFinite(s.center[c]) || !(s.scale[c] > 0) || !Double.isFinite(s.scale[c])) {
                throw new SensorDataException("scaler state column " + c + " has center "
                        + s.center[c] + " and scale " + s.scale[c]
                        + "; the center must be finite and the scale positive");
            }
        }
        List<String> names = s.columns;
        if (names == null) {
            List<String> gen = new ArrayList<>(cols);
            for (int c = 0; c < cols; c++) {
                gen.add("#" + c);
            }
            names = gen;
        }
        return new Scaler(k, List.copyOf(names), s.center.clone(), s.scale.clone());
    }

    /**
     * The state as JSON text (Gson).
     *
     * @return a JSON object with fields kind, columns, center, scale
     */
    public String toJson() {
        return new Gson().toJson(state());
    }

    /**
     * Restores a scaler from {@link #toJson()} text.
     *
     * @param json the JSON text
     * @return the scaler
     * @throws SensorDataException if the text is not a valid scaler state
     */
    public static Scaler fromJson(String json) {
        State s;
        try {
            s = new Gson().fromJson(json, State.class);
        } catch (JsonParseException e) {
            throw new SensorDataException("scaler JSON is not valid: " + e.getMessage(), e);
        }
        return fromState(s);
    }

    /**
     * A short description: kind and per-column center/scale.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Scaler(").append(kind);
        for (int c = 0; c < center.length; c++) {
            b.append(", ").append(columns.get(c)).append(": ").append(fmt(center[c])).append('/')
                    .append(fmt(scale[c]));
        }
        return b.append(')').toString();
    }
}
