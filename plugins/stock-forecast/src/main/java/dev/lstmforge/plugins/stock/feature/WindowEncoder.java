package dev.lstmforge.plugins.stock.feature;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns sliding windows of a {@link FeatureMatrix} into model inputs and the next-day Close into a
 * model target, and back, according to a {@link Representation}.
 *
 * <p>A window "ending at {@code lastRow}" covers rows {@code lastRow - windowSize + 1 .. lastRow};
 * its target is the Close of row {@code lastRow + 1}. Inputs are laid out time-major: all features
 * of the oldest day, then all features of the next day, and so on, so element
 * {@code step * featureCount() + j} is feature {@code j} on day {@code step}.
 *
 * <p>Scaling statistics (per-feature min/max and the daily-return scale) are fitted only on rows
 * {@code [0, trainEndRowExclusive)}, so nothing from the evaluation period leaks into them. Both
 * statistics are always fitted and kept (whichever representation is used) so the
 * {@link State} describes the training data fully.
 *
 * <p>The encoder is immutable and thread-safe. {@link #encodeWindow} and {@link #encodeTarget}
 * allocate nothing. Persist it with {@link #state()} (a plain-field object suitable for Gson)
 * and restore it with {@link #fromState(State)}.
 */
public final class WindowEncoder {

    /**
     * Plain-field snapshot of an encoder, for JSON persistence (e.g. with Gson). All fields are
     * public; {@link WindowEncoder#fromState(State)} validates them.
     */
    public static final class State {
        /** {@link Representation} name, e.g. {@code "WINDOW_NORMALISED"}. */
        public String representation;
        /** {@link Feature} names in input order, {@code "CLOSE"} first. */
        public List<String> features;
        /** Days per input window. */
        public int windowSize;
        /** Per-feature minimum over the training rows, in {@link #features} order. */
        public double[] min;
        /** Per-feature maximum over the training rows, in {@link #features} order. */
        public double[] max;
        /** Sample standard deviation of daily close-to-close returns over the training rows. */
        public double returnScale;
    }

    private final Representation representation;
    private final List<Feature> features;
    private final Feature[] featureArray;
    private final int windowSize;
    private final double[] min;
    private final double[] max;
    private final double returnScale;

    private WindowEncoder(
            Representation representation,
            List<Feature> features,
            int windowSize,
            double[] min,
            double[] max,
            double returnScale) {
        this.representation = representation;
        this.features = List.copyOf(features);
        this.featureArray = features.toArray(new Feature[0]);
        this.windowSize = windowSize;
        this.min = min;
        this.max = max;
        this.returnScale = returnScale;
    }

    /**
     * Fits an encoder on the training rows of a matrix.
     *
     * @param m                    the raw features
     * @param features             model input features, a subset of the matrix's; normalised with
     *                             {@link Feature#normalise} (CLOSE first)
     * @param representation       how to encode
     * @param windowSize           days per window, at least 1
     * @param trainEndRowExclusive rows {@code [0, trainEndRowExclusive)} are the training period;
     *                             it must hold at least one window plus its target
     * @return the fitted encoder
     * @throws DataException if a feature is not in the matrix, or there are too few rows
     */
    public static WindowEncoder fit(
            FeatureMatrix m,
            List<Feature> features,
            Representation representation,
            int windowSize,
            int trainEndRowExclusive) {
        Objects.requireNonNull(m, "matrix");
        Objects.requireNonNull(representation, "representation");
        if (windowSize < 1) {
            throw new DataException(m.source() + ": window size must be at least 1 day, got " + windowSize);
        }
        List<Feature> fs = Feature.normalise(features);
        int[] cols = new int[fs.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = m.requireColumn(fs.get(j));
        }
        if (m.rows() < windowSize + 1) {
            throw new DataException(enoughRowsMessage(m.source(), m.rows(), windowSize)
                    + (m.firstUsableRow() > 0
                            ? " (the first " + m.firstUsableRow() + " rows of the data only warm up the indicators of "
                                    + m.features() + ")"
                            : ""));
        }
        if (trainEndRowExclusive > m.rows()) {
            throw new DataException(m.source() + ": training end row " + trainEndRowExclusive
                    + " is beyond the feature matrix's " + m.rows() + " rows");
        }
        if (trainEndRowExclusive < windowSize + 1) {
            throw new DataException(m.source() + ": the training period has "
                    + Math.max(0, trainEndRowExclusive) + " usable rows"
                    + (trainEndRowExclusive > 0 ? " (up to " + m.date(trainEndRowExclusive - 1) + ")" : "")
                    + ", need at least " + (windowSize + 1) + " for one " + windowSize
                    + "-day window plus its next-day target");
        }
        double[] lo = new double[cols.length];
        double[] hi = new double[cols.length];
        for (int j = 0; j < cols.length; j++) {
            double[] col = m.columnStore(cols[j]);
            double a = Double.POSITIVE_INFINITY;
            double b = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < trainEndRowExclusive; i++) {
                a = Math.min(a, col[i]);
                b = Math.max(b, col[i]);
            }
            lo[j] = a;
            hi[j] = b;
        }
        double scale = returnStd(m.columnStore(0), trainEndRowExclusive);
        return new WindowEncoder(representation, fs, windowSize, lo, hi, scale);
    }

    /**
     * Sample standard deviation of {@code close[t]/close[t-1]-1} for {@code t in [1, end)}; 1.0
     * when undefined or zero (fewer than two returns, or a constant price) so that decoding stays
     * well defined.
     */
    private static double returnStd(double[] close, int end) {
        int n = end - 1;
        if (n < 2) {
            return 1.0;
        }
        double mean = 0;
        for (int t = 1; t < end; t++) {
            mean += close[t] / close[t - 1] - 1;
        }
        mean /= n;
        double ss = 0;
        for (int t = 1; t < end; t++) {
            double d = close[t] / close[t - 1] - 1 - mean;
            ss += d * d;
        }
        double std = Math.sqrt(ss / (n - 1));
        return std > 0 && Double.isFinite(std) ? std : 1.0;
    }

    /**
     * Fails with a clear message unless there are enough rows for one window plus its target,
     * e.g. {@code "AAPL.csv: 45 usable rows, need at least 61 for one 60-day window plus its
     * next-day target"}.
     *
     * @param source     display name of the data
     * @param usableRows rows available (after indicator warm-up)
     * @param windowSize days per window
     * @throws DataException if {@code usableRows < windowSize + 1}
     */
    public static void checkEnoughRows(String source, int usableRows, int windowSize) {
        if (usableRows < windowSize + 1) {
            throw new DataException(enoughRowsMessage(source, usableRows, windowSize));
        }
    }

    private static String enoughRowsMessage(String source, int usableRows, int windowSize) {
        return source + ": " + usableRows + " usable rows, need at least " + (windowSize + 1) + " for one " + windowSize
                + "-day window plus its next-day target";
    }

    /** @return the representation */
    public Representation representation() {
        return representation;
    }

    /** @return input features, CLOSE first, unmodifiable */
    public List<Feature> features() {
        return features;
    }

    /** @return number of input features per day */
    public int featureCount() {
        return featureArray.length;
    }

    /** @return days per window */
    public int windowSize() {
        return windowSize;
    }

    /** @return floats written by {@link #encodeWindow}: {@code windowSize * featureCount} */
    public int inputSize() {
        return windowSize * featureArray.length;
    }

    /** @return a copy of the per-feature training minimum */
    public double[] min() {
        return min.clone();
    }

    /** @return a copy of the per-feature training maximum */
    public double[] max() {
        return max.clone();
    }

    /** @return std of daily returns over the training rows (1.0 if that was undefined or 0) */
    public double returnScale() {
        return returnScale;
    }

    /**
     * Writes the encoded window ending at {@code lastRow} into {@code dst}, time-major
     * ({@code dst[dstOffset + step * featureCount + j]}). Allocation-free.
     *
     * @param m         a matrix with all of this encoder's features (the fitted one, a longer one
     *                  from {@link FeatureMatrix#withAppendedRow}, or another series' matrix)
     * @param lastRow   last (most recent) row of the window, {@code >= windowSize - 1}
     * @param dst       destination
     * @param dstOffset where the window starts in {@code dst}
     * @throws DataException if the window does not fit in the matrix or in {@code dst}, or the
     *                            matrix lacks a feature
     */
    public void encodeWindow(FeatureMatrix m, int lastRow, float[] dst, int dstOffset) {
        int first = lastRow - windowSize + 1;
        if (first < 0 || lastRow >= m.rows()) {
            throw new DataException(m.source() + ": a " + windowSize + "-day window cannot end at row " + lastRow
                    + "; valid last rows are " + (windowSize - 1) + ".." + (m.rows() - 1));
        }
        int width = featureArray.length;
        if (dstOffset < 0 || dst.length - dstOffset < windowSize * width) {
            throw new DataException("window buffer too small: need " + windowSize * width + " floats from offset "
                    + dstOffset + ", buffer has " + dst.length);
        }
        double lastClose = m.columnStore(0)[lastRow];
        for (int j = 0; j < width; j++) {
            Feature f = featureArray[j];
            double[] col = m.columnStore(m.requireColumn(f));
            int out = dstOffset + j;
            if (representation == Representation.GLOBAL_MINMAX) {
                double lo = min[j];
                double range = max[j] - lo;
                double div = range > 0 ? range : 1.0;
                for (int t = first; t <= lastRow; t++, out += width) {
                    dst[out] = (float) ((col[t] - lo) / div);
                }
                continue;
            }
            switch (f) {
                case CLOSE -> {
                    for (int t = first; t <= lastRow; t++, out += width) {
                        dst[out] = (float) (col[t] / lastClose - 1.0);
                    }
                }
                case MACD -> {
                    for (int t = first; t <= lastRow; t++, out += width) {
                        dst[out] = (float) (col[t] / lastClose);
                    }
                }
                case VOLUME -> {
                    double sum = 0;
                    for (int t = first; t <= lastRow; t++) {
                        sum += col[t];
                    }
                    double mean = sum / windowSize;
                    for (int t = first; t <= lastRow; t++, out += width) {
                        dst[out] = mean > 0 ? (float) (col[t] / mean - 1.0) : 0f;
                    }
                }
                case RSI -> {
                    for (int t = first; t <= lastRow; t++, out += width) {
                        dst[out] = (float) (col[t] / 100.0 - 0.5);
                    }
                }
                default -> throw new IllegalStateException("unhandled feature " + f);
            }
        }
    }

    /**
     * Encodes the target of the window ending at {@code lastRow}: the Close of row
     * {@code lastRow + 1}. Allocation-free.
     *
     * @param m       the matrix
     * @param lastRow last row of the window; {@code lastRow + 1} must exist
     * @return the encoded target
     * @throws DataException if there is no next row
     */
    public float encodeTarget(FeatureMatrix m, int lastRow) {
        if (lastRow < 0 || lastRow + 1 >= m.rows()) {
            throw new DataException(m.source() + ": no next-day close after row " + lastRow
                    + "; targets exist for rows 0.." + (m.rows() - 2));
        }
        double[] close = m.columnStore(0);
        return (float) encodeClose(close[lastRow + 1], close[lastRow]);
    }

    /**
     * Encodes a next-day close given the last known close, exactly as {@link #encodeTarget} does.
     *
     * @param nextClose the close to encode
     * @param lastClose the close of the window's last day
     * @return the encoded value
     */
    public double encodeClose(double nextClose, double lastClose) {
        if (representation == Representation.GLOBAL_MINMAX) {
            double range = max[0] - min[0];
            return (nextClose - min[0]) / (range > 0 ? range : 1.0);
        }
        return (nextClose / lastClose - 1.0) / returnScale;
    }

    /**
     * Turns a model output for the window ending at {@code lastRow} back into a price for row
     * {@code lastRow + 1}.
     *
     * @param m       the matrix the window came from
     * @param lastRow last row of the window
     * @param y       the model output (encoded target)
     * @return the predicted close
     */
    public double decode(FeatureMatrix m, int lastRow, float y) {
        if (lastRow < 0 || lastRow >= m.rows()) {
            throw new DataException(
                    m.source() + ": cannot decode for row " + lastRow + "; the matrix has rows 0.." + (m.rows() - 1));
        }
        if (representation == Representation.GLOBAL_MINMAX) {
            double range = max[0] - min[0];
            return min[0] + y * (range > 0 ? range : 1.0);
        }
        return m.columnStore(0)[lastRow] * (1.0 + y * returnScale);
    }

    /** @return a fresh plain-field snapshot for persistence */
    public State state() {
        State s = new State();
        s.representation = representation.name();
        List<String> names = new ArrayList<>(featureArray.length);
        for (Feature f : featureArray) {
            names.add(f.name());
        }
        s.features = names;
        s.windowSize = windowSize;
        s.min = min.clone();
        s.max = max.clone();
        s.returnScale = returnScale;
        return s;
    }

    /**
     * Rebuilds an encoder from a snapshot made by {@link #state()} (possibly after a JSON round
     * trip). The state is copied, not retained.
     *
     * @param s the snapshot
     * @return an encoder equal to the one that produced it
     * @throws DataException if a field is missing or inconsistent; the message names it
     */
    public static WindowEncoder fromState(State s) {
        if (s == null) {
            throw new DataException("encoder state is missing");
        }
        if (s.representation == null) {
            throw new DataException("encoder state: field 'representation' is missing");
        }
        Representation r = Representation.parse(s.representation);
        if (s.features == null || s.features.isEmpty()) {
            throw new DataException("encoder state: field 'features' is missing or empty");
        }
        List<Feature> fs = new ArrayList<>(s.features.size());
        for (String name : s.features) {
            fs.add(Feature.parse(name));
        }
        if (!Feature.normalise(fs).equals(fs)) {
            throw new DataException("encoder state: features " + s.features + " must start with CLOSE and not repeat");
        }
        if (s.windowSize < 1) {
            throw new DataException("encoder state: windowSize must be at least 1, got " + s.windowSize);
        }
        checkStats("min", s.min, fs.size());
        checkStats("max", s.max, fs.size());
        for (int j = 0; j < fs.size(); j++) {
            if (s.max[j] < s.min[j]) {
                throw new DataException(
                        "encoder state: max " + s.max[j] + " < min " + s.min[j] + " for feature " + fs.get(j));
            }
        }
        if (!(s.returnScale > 0) || Double.isInfinite(s.returnScale)) {
            throw new DataException("encoder state: returnScale must be positive and finite, got " + s.returnScale);
        }
        return new WindowEncoder(r, fs, s.windowSize, s.min.clone(), s.max.clone(), s.returnScale);
    }

    private static void checkStats(String field, double[] v, int n) {
        if (v == null || v.length != n) {
            throw new DataException("encoder state: field '" + field + "' must have one value per" + " feature (" + n
                    + "), found " + (v == null ? "none" : v.length));
        }
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(v[j])) {
                throw new DataException("encoder state: " + field + "[" + j + "] = " + v[j] + " is not finite");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowEncoder e
                && representation == e.representation
                && features.equals(e.features)
                && windowSize == e.windowSize
                && Arrays.equals(min, e.min)
                && Arrays.equals(max, e.max)
                && Double.compare(returnScale, e.returnScale) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                representation, features, windowSize, Arrays.hashCode(min), Arrays.hashCode(max), returnScale);
    }

    @Override
    public String toString() {
        return "WindowEncoder[" + representation + ", features=" + features + ", window=" + windowSize
                + ", min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max)
                + ", returnScale=" + returnScale + "]";
    }
}
