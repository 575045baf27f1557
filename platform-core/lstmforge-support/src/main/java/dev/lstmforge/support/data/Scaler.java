package dev.lstmforge.support.data;

import dev.lstmforge.support.DataException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-column scaling fitted on a row range only (the training part), then applied to every row:
 * {@code scaled = (x - center[c]) / scale[c]}. Fitting on the training rows alone keeps the test
 * part out of the preprocessing, as an honest evaluation needs.
 *
 * <ul>
 *   <li>{@link Kind#STANDARD} (z-score): center = mean, scale = population standard deviation
 *       (divisor n) of the fitting rows, so they get mean 0 and standard deviation 1;
 *   <li>{@link Kind#MIN_MAX}: center = minimum, scale = maximum - minimum of the fitting rows, so
 *       they map onto [0, 1]; later rows may fall outside.
 * </ul>
 *
 * <p>A column that is constant in the fitting rows (range no larger than
 * {@code 1e-12 * max(1, |max|, |min|)}) is rejected with a {@link DataException}: it carries no
 * information and would divide by zero. {@link Builder#optKeepConstant(boolean)} keeps it with
 * scale 1 instead. The scaler also remembers each column's training minimum and maximum, so
 * {@link #outOfRange(double[][], double)} can tell when new data lies far outside what the model
 * saw. Instances are immutable; {@link #state()} and {@link #fromState(State)} save and restore
 * them (the state is a plain object Gson writes as it is).
 *
 * <pre>{@code
 * double[][] rows = {{1, 10}, {2, 20}, {3, 60}, {100, -5}};
 * Scaler s = Scaler.fitStandard(rows, 0, 3);           // statistics of rows 0..2 only
 * double[][] z = s.transformAll(rows);                 // z[0][0] = -1.2247...
 * Scaler named = Scaler.builder().setKind(Scaler.Kind.MIN_MAX)
 *         .optColumns(List.of("Close", "Volume")).optSource("AAPL.csv").fit(rows, 0, 3);
 * }</pre>
 */
public final class Scaler {

    /** The two scaling rules. */
    public enum Kind {
        /** z-score: mean 0, standard deviation 1 on the fitting rows. */
        STANDARD,
        /** min-max: [0, 1] on the fitting rows. */
        MIN_MAX
    }

    /** The saved form of a scaler, with public fields for Gson. */
    public static final class State {
        /** {@code STANDARD} or {@code MIN_MAX}. */
        public String kind;
        /** The column names, one per column. */
        public List<String> columns;
        /** Subtracted from each column. */
        public double[] center;
        /** Each column is divided by this after subtracting the center; positive. */
        public double[] scale;
        /** Each column's minimum over the fitting rows; null in states saved before it existed. */
        public double[] min;
        /** Each column's maximum over the fitting rows; null in states saved before it existed. */
        public double[] max;

        /** Creates an empty state (for JSON mappers). */
        public State() {}
    }

    /**
     * Rows of new data outside one column's training range.
     *
     * @param column the column index
     * @param name the column name
     * @param outside how many rows lie below the training minimum or above the maximum
     * @param rows how many rows were checked
     * @param min the training minimum
     * @param max the training maximum
     * @param farthestRow the row whose value lies farthest outside
     * @param farthestValue that value
     */
    public record OutOfRange(
            int column,
            String name,
            int outside,
            int rows,
            double min,
            double max,
            int farthestRow,
            double farthestValue) {

        /**
         * Returns the share of checked rows outside the range.
         *
         * @return {@code outside / rows}
         */
        public double share() {
            return rows == 0 ? 0 : (double) outside / rows;
        }

        /**
         * Describes the finding in one line, for example {@code "column temp: 812 of 1000 rows
         * outside the training range [20, 80]; farthest 131.5"}.
         *
         * @return the description
         */
        public String describe() {
            return "column " + name + ": " + outside + " of " + rows + " rows outside the training range ["
                    + format(min) + ", " + format(max) + "]; farthest " + format(farthestValue);
        }
    }

    /** Fits a {@link Scaler}: the kind is required, column names, source and constant policy optional. */
    public static final class Builder {
        private Kind kind;
        private List<String> columns;
        private String source = "the given data";
        private boolean keepConstant;

        private Builder() {}

        /**
         * Sets the scaling rule (required).
         *
         * @param kind the rule
         * @return this builder
         */
        public Builder setKind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * Names the columns, for messages and the state; default {@code #0, #1, ...}.
         *
         * @param names one name per column
         * @return this builder
         */
        public Builder optColumns(List<String> names) {
            this.columns = List.copyOf(names);
            return this;
        }

        /**
         * Names where the rows came from, for messages (a file name).
         *
         * @param source the source name
         * @return this builder
         */
        public Builder optSource(String source) {
            this.source = source;
            return this;
        }

        /**
         * Keeps columns that are constant in the fitting rows, with scale 1, instead of rejecting
         * them.
         *
         * @param keep true to keep them
         * @return this builder
         */
        public Builder optKeepConstant(boolean keep) {
            this.keepConstant = keep;
            return this;
        }

        /**
         * Fits on rows {@code [from, to)}.
         *
         * @param rows the values, [row][column]
         * @param from first fitting row, inclusive
         * @param to last fitting row, exclusive; at least one row
         * @return the scaler
         * @throws DataException if the range is empty, a value is not finite, rows differ in width,
         *     or (unless kept) a column is constant in the fitting rows
         * @throws IllegalStateException if no kind was set
         */
        public Scaler fit(double[][] rows, int from, int to) {
            if (kind == null) {
                throw new IllegalStateException("Scaler.Builder: setKind is required");
            }
            return Scaler.fit(this, rows, from, to);
        }
    }

    private final Kind kind;
    private final List<String> columns;
    private final double[] center;
    private final double[] scale;
    private final double[] inv;
    private final double[] min;
    private final double[] max;

    private Scaler(Kind kind, List<String> columns, double[] center, double[] scale, double[] min, double[] max) {
        this.kind = kind;
        this.columns = columns;
        this.center = center;
        this.scale = scale;
        this.min = min;
        this.max = max;
        this.inv = new double[scale.length];
        for (int c = 0; c < scale.length; c++) {
            inv[c] = 1.0 / scale[c];
        }
    }

    /**
     * Returns a builder for a scaler with named columns, a source for messages or kept constant
     * columns.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits a z-score scaler on rows {@code [from, to)}; columns are named {@code #0, #1, ...}.
     *
     * @param rows the values, [row][column]
     * @param from first fitting row, inclusive
     * @param to last fitting row, exclusive; at least one row
     * @return the scaler
     * @throws DataException if a column is constant in the fitting rows or a value is not finite
     */
    public static Scaler fitStandard(double[][] rows, int from, int to) {
        return builder().setKind(Kind.STANDARD).fit(rows, from, to);
    }

    /**
     * Fits a min-max scaler on rows {@code [from, to)}; columns are named {@code #0, #1, ...}.
     *
     * @param rows the values, [row][column]
     * @param from first fitting row, inclusive
     * @param to last fitting row, exclusive; at least one row
     * @return the scaler
     * @throws DataException if a column is constant in the fitting rows or a value is not finite
     */
    public static Scaler fitMinMax(double[][] rows, int from, int to) {
        return builder().setKind(Kind.MIN_MAX).fit(rows, from, to);
    }

    private static Scaler fit(Builder b, double[][] v, int from, int to) {
        String source = b.source;
        if (v.length == 0 || from < 0 || to > v.length || from >= to) {
            throw new DataException(
                    source + ": cannot fit a scaler on rows [" + from + ", " + to + ") of " + v.length + " rows");
        }
        int cols = v[from].length;
        if (cols == 0) {
            throw new DataException(source + ": cannot fit a scaler on rows without columns");
        }
        List<String> names = b.columns != null ? b.columns : defaultNames(cols);
        if (names.size() != cols) {
            throw new DataException(
                    source + ": " + names.size() + " column names " + names + " for rows of " + cols + " values");
        }
        double[] sum = new double[cols];
        double[] min = new double[cols];
        double[] max = new double[cols];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = from; r < to; r++) {
            double[] row = v[r];
            if (row.length != cols) {
                throw new DataException(source + " row " + r + ": " + row.length + " values; expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                double x = row[c];
                if (!Double.isFinite(x)) {
                    throw new DataException(source + " row " + r + ", column " + names.get(c) + ": value " + x
                            + " is not a finite number");
                }
                sum[c] += x;
                min[c] = Math.min(min[c], x);
                max[c] = Math.max(max[c], x);
            }
        }
        int n = to - from;
        double[] center = new double[cols];
        double[] scale = new double[cols];
        boolean[] constant = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            double tol = 1e-12 * Math.max(1.0, Math.max(Math.abs(max[c]), Math.abs(min[c])));
            constant[c] = max[c] - min[c] <= tol;
            if (constant[c] && !b.keepConstant) {
                throw DataException.at(
                        source,
                        0,
                        names.get(c),
                        "constant (value " + format(min[c])
                                + ") in the training rows " + from + ".." + (to - 1)
                                + "; it carries no information: drop the column or use another split");
            }
            center[c] = b.kind == Kind.MIN_MAX ? min[c] : sum[c] / n;
            scale[c] = b.kind == Kind.MIN_MAX ? max[c] - min[c] : 0;
        }
        if (b.kind == Kind.STANDARD) {
            double[] ss = new double[cols];
            for (int r = from; r < to; r++) {
                for (int c = 0; c < cols; c++) {
                    double d = v[r][c] - center[c];
                    ss[c] += d * d;
                }
            }
            for (int c = 0; c < cols; c++) {
                scale[c] = Math.sqrt(ss[c] / n);
            }
        }
        for (int c = 0; c < cols; c++) {
            if (constant[c]) {
                scale[c] = 1.0;
            }
        }
        return new Scaler(b.kind, names, center, scale, min, max);
    }

    private static List<String> defaultNames(int cols) {
        List<String> gen = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            gen.add("#" + c);
        }
        return List.copyOf(gen);
    }

    /**
     * Formats a number for messages: whole numbers without a decimal point, others with at most
     * six significant digits.
     *
     * @param x the number
     * @return the text
     */
    static String format(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Returns the scaling rule.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the number of columns.
     *
     * @return the column count
     */
    public int columns() {
        return center.length;
    }

    /**
     * Returns the column names the scaler was fitted on.
     *
     * @return an unmodifiable list
     */
    public List<String> columnNames() {
        return columns;
    }

    /**
     * Returns the value subtracted from a column (mean or minimum).
     *
     * @param column the column index
     * @return the center
     */
    public double center(int column) {
        return center[column];
    }

    /**
     * Returns the divisor of a column (standard deviation or range; 1 for a kept constant column).
     *
     * @param column the column index
     * @return the scale, positive
     */
    public double scale(int column) {
        return scale[column];
    }

    /**
     * Scales one value of one column.
     *
     * @param column the column index
     * @param raw the raw value
     * @return the scaled value
     */
    public double transform(int column, double raw) {
        return (raw - center[column]) * inv[column];
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
     * @param rows the raw values
     * @return the scaled values
     */
    public double[][] transformAll(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = transform(rows[r]);
        }
        return out;
    }

    /**
     * Scales and flattens the raw rows {@code [start, start + w)} into a new float array,
     * step-major, as {@link Windows#fill} does for scaled rows.
     *
     * @param rows the raw values, [row][column]
     * @param start first row of the window
     * @param w window length in rows
     * @return {@code w * columns()} floats
     */
    public float[] transformWindow(double[][] rows, int start, int w) {
        float[] out = new float[w * center.length];
        transformWindow(rows, start, w, out, 0);
        return out;
    }

    /**
     * Scales and flattens the raw rows {@code [start, start + w)} into {@code dst} from
     * {@code off}, step-major, without allocating.
     *
     * @param rows the raw values, [row][column]
     * @param start first row of the window
     * @param w window length in rows
     * @param dst receives {@code w * columns()} floats
     * @param off where to start writing in {@code dst}
     */
    public void transformWindow(double[][] rows, int start, int w, float[] dst, int off) {
        if (start < 0 || w < 1 || start + w > rows.length) {
            throw new IndexOutOfBoundsException(
                    "window [" + start + ", " + (start + w) + ") of " + rows.length + " rows");
        }
        int p = off;
        for (int r = start; r < start + w; r++) {
            double[] row = rows[r];
            checkWidth(row.length);
            for (int c = 0; c < center.length; c++) {
                dst[p++] = (float) ((row[c] - center[c]) * inv[c]);
            }
        }
    }

    /**
     * Counts, per column, the rows of new data outside the training minimum and maximum, and
     * returns the columns where that share reaches {@code minShare}. Use it to warn when a model
     * is asked about values it never saw (every point of such a series tends to be flagged or
     * mispredicted). Returns nothing for a scaler restored from a state without the range.
     *
     * @param rows the raw values, [row][column]
     * @param minShare report a column when at least this share of rows is outside, in [0, 1]
     * @return the columns to report, in column order
     */
    public List<OutOfRange> outOfRange(double[][] rows, double minShare) {
        List<OutOfRange> out = new ArrayList<>();
        if (min == null || max == null || rows.length == 0) {
            return out;
        }
        for (int c = 0; c < center.length; c++) {
            int outside = 0;
            int farRow = -1;
            double farBy = 0;
            for (int r = 0; r < rows.length; r++) {
                checkWidth(rows[r].length);
                double x = rows[r][c];
                double by = x < min[c] ? min[c] - x : x > max[c] ? x - max[c] : 0;
                if (by > 0) {
                    outside++;
                    if (by > farBy) {
                        farBy = by;
                        farRow = r;
                    }
                }
            }
            if (outside > 0 && (double) outside / rows.length >= minShare) {
                out.add(new OutOfRange(
                        c, columns.get(c), outside, rows.length, min[c], max[c], farRow, rows[farRow][c]));
            }
        }
        return out;
    }

    private void checkWidth(int width) {
        if (width != center.length) {
            throw new DataException("a row has " + width + " values but the scaler was fitted on " + center.length
                    + " columns " + columns);
        }
    }

    /**
     * Returns the saved form of this scaler (fresh copies of the arrays).
     *
     * @return the state
     */
    public State state() {
        State s = new State();
        s.kind = kind.name();
        s.columns = List.copyOf(columns);
        s.center = center.clone();
        s.scale = scale.clone();
        s.min = min == null ? null : min.clone();
        s.max = max == null ? null : max.clone();
        return s;
    }

    /**
     * Restores a scaler from its saved form.
     *
     * @param s the state
     * @return the scaler
     * @throws DataException if the state is incomplete or inconsistent
     */
    public static Scaler fromState(State s) {
        if (s == null || s.kind == null || s.center == null || s.scale == null) {
            throw new DataException("scaler state is incomplete: kind, center and scale are required");
        }
        Kind k;
        try {
            k = Kind.valueOf(s.kind);
        } catch (IllegalArgumentException e) {
            throw new DataException("scaler state has unknown kind '" + s.kind + "' (expected STANDARD or MIN_MAX)");
        }
        int cols = s.center.length;
        if (cols == 0
                || s.scale.length != cols
                || (s.columns != null && s.columns.size() != cols)
                || (s.min != null && s.min.length != cols)
                || (s.max != null && s.max.length != cols)) {
            throw new DataException("scaler state is inconsistent: " + cols + " centers, " + s.scale.length
                    + " scales, " + (s.columns == null ? "no" : String.valueOf(s.columns.size())) + " column names");
        }
        for (int c = 0; c < cols; c++) {
            if (!Double.isFinite(s.center[c]) || !(s.scale[c] > 0) || !Double.isFinite(s.scale[c])) {
                throw new DataException("scaler state column " + c + " has center " + s.center[c] + " and scale "
                        + s.scale[c] + "; the center must be finite and the scale positive");
            }
        }
        boolean range = s.min != null && s.max != null;
        return new Scaler(
                k,
                s.columns == null ? defaultNames(cols) : List.copyOf(s.columns),
                s.center.clone(),
                s.scale.clone(),
                range ? s.min.clone() : null,
                range ? s.max.clone() : null);
    }

    /**
     * Returns a short description: kind and each column's center and scale.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Scaler(").append(kind);
        for (int c = 0; c < center.length; c++) {
            b.append(", ")
                    .append(columns.get(c))
                    .append(": ")
                    .append(format(center[c]))
                    .append('/')
                    .append(format(scale[c]));
        }
        return b.append(')').toString();
    }
}
