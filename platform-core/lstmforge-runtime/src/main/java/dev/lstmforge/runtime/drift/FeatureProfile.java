package dev.lstmforge.runtime.drift;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * The reference profile of one numeric input feature, taken from the training data and kept with
 * the model: count, mean, standard deviation, minimum and maximum; the reference-quantile bin
 * edges and the reference fraction per bin, which {@link Psi} needs; and a bounded reference
 * sample, which {@link KolmogorovSmirnov} needs.
 *
 * <p>The edges and bin fractions are computed from all values. The sample holds all values when
 * there are at most {@code sampleSize} of them, otherwise {@code sampleSize} values drawn without
 * replacement by a partial Fisher-Yates shuffle driven by {@link java.util.Random} with the given
 * seed, whose sequence the Java specification fixes: the same values, size and seed always give
 * the same sample, on any JVM. With the same seed, features of equal length keep the same row
 * positions. The sample is stored in ascending order. The standard deviation is the sample one
 * ({@code n - 1} in the denominator; 0 for a single value).
 *
 * <p>Instances are immutable; accessors return copies of arrays.
 *
 * <pre>{@code
 * FeatureProfile close = FeatureProfile.of("close", trainingCloses);
 * System.out.println(close);                      // close: n=5000 mean=... std=... [min, max]
 * double psi = Psi.index(close.binFractions(), Psi.fractions(live, close.edges()));
 * double p = KolmogorovSmirnov.test(close.sample(), live).pValue();
 * }</pre>
 */
public final class FeatureProfile {

    /** The largest reference sample kept when none is given: {@value}. */
    public static final int DEFAULT_SAMPLE_SIZE = 2000;

    /** The subsampling seed used when none is given: {@value}. */
    public static final long DEFAULT_SEED = 0L;

    private final String name;
    private final long count;
    private final double mean;
    private final double std;
    private final double min;
    private final double max;
    private final double[] edges;
    private final double[] binFractions;
    private final double[] sample;

    FeatureProfile(
            String name,
            long count,
            double mean,
            double std,
            double min,
            double max,
            double[] edges,
            double[] binFractions,
            double[] sample) {
        this.name = name;
        this.count = count;
        this.mean = mean;
        this.std = std;
        this.min = min;
        this.max = max;
        this.edges = edges;
        this.binFractions = binFractions;
        this.sample = sample;
    }

    /**
     * Profiles a feature with {@value Psi#DEFAULT_BINS} bins, a sample of at most {@value
     * #DEFAULT_SAMPLE_SIZE} values and seed {@value #DEFAULT_SEED}.
     *
     * @param name the feature name, not blank
     * @param values the reference values, non-empty and finite
     * @return the profile
     * @throws IllegalArgumentException when the name is blank or the values are empty or hold a
     *     non-finite value
     */
    public static FeatureProfile of(String name, double[] values) {
        return of(name, values, Psi.DEFAULT_BINS, DEFAULT_SAMPLE_SIZE, DEFAULT_SEED);
    }

    /**
     * Profiles a feature.
     *
     * @param name the feature name, not blank
     * @param values the reference values, non-empty and finite
     * @param bins the number of PSI bins asked for, at least 2
     * @param sampleSize the most values kept in the reference sample, at least 1
     * @param seed the seed of the subsample
     * @return the profile
     * @throws IllegalArgumentException when an argument is out of range or the values are empty
     *     or hold a non-finite value
     */
    public static FeatureProfile of(String name, double[] values, int bins, int sampleSize, long seed) {
        requireName(name);
        Samples.requireFinite(values, "feature '" + name + "'");
        if (sampleSize < 1) {
            throw new IllegalArgumentException(
                    "feature '" + name + "': sample size must be at least 1, got " + sampleSize);
        }
        int n = values.length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0.0;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            sum += v;
        }
        double mean = sum / n;
        double squares = 0.0;
        double residual = 0.0;
        for (double v : values) {
            double dev = v - mean;
            squares += dev * dev;
            residual += dev;
        }
        // Two-pass variance with the correction term of the corrected two-pass algorithm.
        double variance = n > 1 ? Math.max(0.0, (squares - residual * residual / n) / (n - 1)) : 0.0;
        mean = Math.min(Math.max(mean + residual / n, lo), hi);
        double[] edges = Psi.edges(values, bins);
        double[] fractions = Psi.fractions(values, edges);
        return new FeatureProfile(
                name, n, mean, Math.sqrt(variance), lo, hi, edges, fractions, subsample(values, sampleSize, seed));
    }

    /** Draws the reference sample, as described in the class comment, in ascending order. */
    static double[] subsample(double[] values, int sampleSize, long seed) {
        int n = values.length;
        if (n <= sampleSize) {
            return Samples.sortedCopy(values);
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        Random random = new Random(seed);
        double[] picked = new double[sampleSize];
        for (int i = 0; i < sampleSize; i++) {
            int j = i + random.nextInt(n - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            picked[i] = values[index[i]];
        }
        return Samples.sortedCopy(picked);
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "a feature name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /**
     * Returns the feature name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the number of reference values the profile was built from.
     *
     * @return the count, at least 1
     */
    public long count() {
        return count;
    }

    /**
     * Returns the mean of the reference values.
     *
     * @return the mean
     */
    public double mean() {
        return mean;
    }

    /**
     * Returns the sample standard deviation of the reference values ({@code n - 1} denominator).
     *
     * @return the standard deviation, 0 for a single value
     */
    public double std() {
        return std;
    }

    /**
     * Returns the smallest reference value.
     *
     * @return the minimum
     */
    public double min() {
        return min;
    }

    /**
     * Returns the largest reference value.
     *
     * @return the maximum
     */
    public double max() {
        return max;
    }

    /**
     * Returns the interior PSI bin edges (see {@link Psi#edges(double[], int)}).
     *
     * @return a copy of the edges, strictly increasing
     */
    public double[] edges() {
        return edges.clone();
    }

    /**
     * Returns the fraction of all reference values in each PSI bin.
     *
     * @return a copy of the {@code edges().length + 1} fractions, summing to 1
     */
    public double[] binFractions() {
        return binFractions.clone();
    }

    /**
     * Returns the bounded reference sample used by the Kolmogorov-Smirnov test.
     *
     * @return a copy of the sample, in ascending order
     */
    public double[] sample() {
        return sample.clone();
    }

    /**
     * Returns the size of the reference sample without copying it.
     *
     * @return the sample size, at most {@link #count()}
     */
    public int sampleSize() {
        return sample.length;
    }

    /** Array views without copies, for this package. */
    double[] edgesView() {
        return edges;
    }

    double[] binFractionsView() {
        return binFractions;
    }

    double[] sampleView() {
        return sample;
    }

    /**
     * Compares all fields, arrays element by element.
     *
     * @param o the other object
     * @return whether {@code o} is an equal profile
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeatureProfile p)) {
            return false;
        }
        return name.equals(p.name)
                && count == p.count
                && Double.compare(mean, p.mean) == 0
                && Double.compare(std, p.std) == 0
                && Double.compare(min, p.min) == 0
                && Double.compare(max, p.max) == 0
                && Arrays.equals(edges, p.edges)
                && Arrays.equals(binFractions, p.binFractions)
                && Arrays.equals(sample, p.sample);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, count, mean, std, min, max)
                + 31 * (Arrays.hashCode(edges) + 31 * (Arrays.hashCode(binFractions) + 31 * Arrays.hashCode(sample)));
    }

    /**
     * Describes the profile in one line.
     *
     * @return for example {@code close: n=5000 mean=101.2 std=3.4 [94.1, 110.7], 10 bins, sample 2000}
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s: n=%d mean=%.6g std=%.6g [%.6g, %.6g], %d bins, sample %d",
                name,
                count,
                mean,
                std,
                min,
                max,
                binFractions.length,
                sample.length);
    }
}
