package dev.lstmforge.runtime.drift;

import java.util.Arrays;

/**
 * Population Stability Index (PSI) of one numeric feature: how far the distribution of a current
 * sample has moved from a reference sample, measured over bins of the reference.
 *
 * <p><b>Bins.</b> The interior bin edges are the reference quantiles at {@code k / bins} for
 * {@code k = 1 .. bins - 1}, computed with linear interpolation between order statistics (the
 * common "type 7" definition, numpy's default). Equal edges, which ties in the reference produce,
 * are merged, so there may be fewer bins than asked for. Bins are closed on the right:
 * {@code (-inf, e1], (e1, e2], ..., (ek, +inf)}; the outer bins are open, so current values
 * outside the reference range land in the end bins. When the reference is constant ({@code c}
 * everywhere), the edges are {@code [Math.nextDown(c), c]}, giving the three bins "below c",
 * "exactly c" and "above c".
 *
 * <p><b>Index.</b> With {@code r_i} and {@code c_i} the fractions of the reference and the current
 * sample in bin {@code i}, {@code PSI = sum_i (c_i - r_i) * ln(c_i / r_i)}. A fraction of zero is
 * replaced by {@link #EPSILON} (the others are left as they are) so an empty bin gives a large
 * but finite term instead of infinity. PSI is never negative and is 0 exactly when both samples
 * have the same fractions.
 *
 * <p>Samples must be non-empty and finite; NaN or infinite values are rejected with an
 * {@link IllegalArgumentException}, not skipped.
 *
 * <pre>{@code
 * double psi = Psi.between(trainingCloses, liveCloses);     // 10 reference-quantile bins
 * Psi.Band band = Psi.Band.of(psi);                          // NONE, MODERATE or SIGNIFICANT
 *
 * double[] edges = Psi.edges(trainingCloses, 10);            // kept in a FeatureProfile
 * double psi2 = Psi.index(Psi.fractions(trainingCloses, edges), Psi.fractions(liveCloses, edges));
 * }</pre>
 */
public final class Psi {

    /** The number of bins asked for when none is given: 10 (deciles of the reference). */
    public static final int DEFAULT_BINS = 10;

    /** Replaces a zero bin fraction so the logarithm stays finite: {@value}. */
    public static final double EPSILON = 1e-4;

    /** The PSI from which a shift counts as moderate: {@value}. */
    public static final double MODERATE_FROM = 0.1;

    /** The PSI from which a shift counts as significant: {@value}. */
    public static final double SIGNIFICANT_FROM = 0.25;

    /**
     * The customary reading of a PSI value.
     *
     * <pre>{@code
     * if (Psi.Band.of(psi) == Psi.Band.SIGNIFICANT) retrain();
     * }</pre>
     */
    public enum Band {
        /** PSI below 0.1: no meaningful shift. */
        NONE,
        /** PSI from 0.1 up to (not including) 0.25: a moderate shift, worth watching. */
        MODERATE,
        /** PSI of 0.25 or more: a significant shift. */
        SIGNIFICANT;

        /**
         * Returns the band of a PSI value.
         *
         * @param psi a PSI value, not NaN
         * @return {@link #NONE} below {@value Psi#MODERATE_FROM}, {@link #MODERATE} below
         *     {@value Psi#SIGNIFICANT_FROM}, {@link #SIGNIFICANT} otherwise
         * @throws IllegalArgumentException when {@code psi} is NaN
         */
        public static Band of(double psi) {
            if (Double.isNaN(psi)) {
                throw new IllegalArgumentException("PSI is NaN");
            }
            if (psi < MODERATE_FROM) {
                return NONE;
            }
            return psi < SIGNIFICANT_FROM ? MODERATE : SIGNIFICANT;
        }
    }

    private Psi() {}

    /**
     * Computes the PSI of {@code current} against {@code reference} over {@value #DEFAULT_BINS}
     * reference-quantile bins.
     *
     * @param reference the reference (training) sample, non-empty and finite
     * @param current the current (live) sample, non-empty and finite
     * @return the PSI, at least 0
     * @throws IllegalArgumentException when a sample is empty or holds a non-finite value
     */
    public static double between(double[] reference, double[] current) {
        return between(reference, current, DEFAULT_BINS);
    }

    /**
     * Computes the PSI of {@code current} against {@code reference} over {@code bins}
     * reference-quantile bins (fewer when ties merge edges).
     *
     * @param reference the reference (training) sample, non-empty and finite
     * @param current the current (live) sample, non-empty and finite
     * @param bins the number of bins asked for, at least 2
     * @return the PSI, at least 0
     * @throws IllegalArgumentException when a sample is empty or holds a non-finite value, or
     *     {@code bins < 2}
     */
    public static double between(double[] reference, double[] current, int bins) {
        Samples.requireFinite(current, "current sample");
        double[] edges = edges(reference, bins);
        return index(fractions(reference, edges), fractions(current, edges));
    }

    /**
     * Computes the bin edges from the reference quantiles, as described in the class comment.
     *
     * @param reference the reference sample, non-empty and finite
     * @param bins the number of bins asked for, at least 2
     * @return the interior edges, strictly increasing, at least one; {@code bins - 1} of them
     *     unless ties merged some
     * @throws IllegalArgumentException when the sample is empty or holds a non-finite value, or
     *     {@code bins < 2}
     */
    public static double[] edges(double[] reference, int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
        }
        Samples.requireFinite(reference, "reference sample");
        double[] sorted = Samples.sortedCopy(reference);
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        if (lo == hi) {
            return new double[] {Math.nextDown(lo), lo};
        }
        double[] edges = new double[bins - 1];
        int count = 0;
        for (int k = 1; k < bins; k++) {
            double q = quantile(sorted, k, bins);
            if (count == 0 || q > edges[count - 1]) {
                edges[count++] = q;
            }
        }
        return Arrays.copyOf(edges, count);
    }

    /**
     * Returns the type-7 quantile at probability {@code k / parts} of a sorted sample.
     *
     * <p>The position {@code (n - 1) * k / parts} is formed from integers, so it is exact when it
     * is whole.
     */
    static double quantile(double[] sorted, int k, int parts) {
        long scaled = (long) (sorted.length - 1) * k;
        int below = (int) (scaled / parts);
        double frac = (double) (scaled % parts) / parts;
        if (frac == 0.0 || below + 1 >= sorted.length) {
            return sorted[below];
        }
        double a = sorted[below];
        double b = sorted[below + 1];
        double q = a + frac * (b - a);
        return Math.min(Math.max(q, a), b); // rounding must not leave [a, b]
    }

    /**
     * Returns the fraction of {@code values} in each bin of {@code edges} (bins closed on the
     * right, outer bins open).
     *
     * @param values the sample, non-empty and finite
     * @param edges interior edges, finite and strictly increasing, at least one
     * @return {@code edges.length + 1} fractions that sum to 1
     * @throws IllegalArgumentException when the sample is empty or holds a non-finite value, or
     *     the edges are empty, not finite or not strictly increasing
     */
    public static double[] fractions(double[] values, double[] edges) {
        requireEdges(edges);
        Samples.requireFinite(values, "sample");
        long[] counts = new long[edges.length + 1];
        for (double v : values) {
            counts[bin(edges, v)]++;
        }
        double[] f = new double[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (double) counts[i] / values.length;
        }
        return f;
    }

    /**
     * Computes the PSI from bin fractions; zero fractions are replaced by {@link #EPSILON}.
     *
     * @param referenceFractions the reference fraction per bin, each in {@code [0, 1]}
     * @param currentFractions the current fraction per bin, as many as the reference has
     * @return the PSI, at least 0
     * @throws IllegalArgumentException when the lengths differ or a fraction is outside
     *     {@code [0, 1]}
     */
    public static double index(double[] referenceFractions, double[] currentFractions) {
        if (referenceFractions.length != currentFractions.length || referenceFractions.length == 0) {
            throw new IllegalArgumentException("PSI needs the same number of bins on both sides, got "
                    + referenceFractions.length + " reference and " + currentFractions.length + " current");
        }
        double psi = 0.0;
        for (int i = 0; i < referenceFractions.length; i++) {
            double r = smoothed(referenceFractions[i], "reference", i);
            double c = smoothed(currentFractions[i], "current", i);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** Returns the bin of {@code x}: the number of edges strictly below it. */
    static int bin(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length; // answer in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static void requireEdges(double[] edges) {
        if (edges == null || edges.length == 0) {
            throw new IllegalArgumentException("PSI needs at least one bin edge");
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i])) {
                throw new IllegalArgumentException("bin edge " + i + " is " + edges[i] + "; edges must be finite");
            }
            if (i > 0 && !(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("bin edges must be strictly increasing, but edge " + i + " ("
                        + edges[i] + ") is not above edge " + (i - 1) + " (" + edges[i - 1] + ")");
            }
        }
    }

    private static double smoothed(double fraction, String side, int bin) {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException(
                    side + " fraction of bin " + bin + " is " + fraction + "; fractions lie in [0, 1]");
        }
        return fraction == 0.0 ? EPSILON : fraction;
    }
}
