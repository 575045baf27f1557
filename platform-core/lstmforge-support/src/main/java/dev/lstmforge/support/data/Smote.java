package dev.lstmforge.support.data;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * SMOTE (Synthetic Minority Over-sampling Technique, Chawla et al. 2002) for float feature
 * vectors such as flattened sensor windows or audio feature frames. The positive class
 * ({@code y == true}: anomalies, a rare class) is the minority class that is over-sampled; the
 * negatives are the majority and are never touched. Apply it to the training part only, never to
 * validation or test data.
 *
 * <p>Algorithm, for each of the {@link #syntheticCount} new samples, numbered {@code j = 0, 1,
 * ...}:
 * <ol>
 *   <li>the base sample is minority sample number {@code j mod m} in input order (round-robin,
 *       so every minority sample is used equally often, as in the original paper);</li>
 *   <li>one of its {@code k} nearest minority neighbours (Euclidean distance, the sample itself
 *       excluded, ties broken by the lower input index) is drawn uniformly;</li>
 *   <li>the new sample is {@code x + u * (nn - x)} with {@code u} drawn uniformly from [0, 1),
 *       the same {@code u} for every feature, so it lies on the segment from {@code x} to
 *       {@code nn}.</li>
 * </ol>
 * The random draws come from {@code new java.util.Random(seed)}, so a seed reproduces the result.
 * Neighbours are found by brute force: O(m^2 d) time for m minority samples of d features, and
 * O(m k) memory.
 *
 * <pre>{@code
 * Smote.Result r = new Smote(5, 1.0, seed).resample(trainX, trainY); // balance the two classes
 * r.notes().forEach(ctx::warn);                                      // for example "k lowered to 2"
 * float[][] x = r.x();                                               // originals, then synthetic rows
 * }</pre>
 */
public final class Smote {

    /** The default number of neighbours, 5 as in the original paper. */
    public static final int DEFAULT_K = 5;

    /** The default wanted minority/majority ratio after resampling: 1.0, i.e. balanced. */
    public static final double DEFAULT_RATIO = 1.0;

    /**
     * Tolerance subtracted before rounding up in {@link #syntheticCount}, so that products such as
     * {@code 0.3 * 10 = 3.0000000000000004} round to 3, not 4.
     */
    public static final double ROUNDING_TOLERANCE = 1e-9;

    private final int kNeighbors;
    private final double ratio;
    private final long seed;

    /**
     * Creates a SMOTE resampler.
     *
     * @param kNeighbors neighbours to choose from, at least 1 (default {@value #DEFAULT_K})
     * @param ratio wanted minority/majority ratio after resampling, in (0, 1] (default 1.0)
     * @param seed random seed
     * @throws IllegalArgumentException if k or the ratio is out of range
     */
    public Smote(int kNeighbors, double ratio, long seed) {
        if (kNeighbors < 1) {
            throw new IllegalArgumentException("kNeighbors must be at least 1, got " + kNeighbors);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException(
                    "ratio (wanted minority/majority after resampling) " + "must be in (0, 1], got " + ratio);
        }
        this.kNeighbors = kNeighbors;
        this.ratio = ratio;
        this.seed = seed;
    }

    /**
     * Creates a SMOTE resampler with the defaults: k = 5, ratio 1.0 (balance the classes).
     *
     * @param seed random seed
     */
    public Smote(long seed) {
        this(DEFAULT_K, DEFAULT_RATIO, seed);
    }

    /**
     * The configured number of neighbours.
     *
     * @return k
     */
    public int kNeighbors() {
        return kNeighbors;
    }

    /**
     * The wanted minority/majority ratio after resampling.
     *
     * @return the ratio
     */
    public double ratio() {
        return ratio;
    }

    /**
     * The random seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The outcome of {@link #resample}.
     *
     * @param x the original rows (the caller's own arrays, not copies), then the synthetic rows
     * @param y the original labels, then {@code true} for each synthetic row
     * @param synthetic the number of synthetic rows appended
     * @param kUsed the number of neighbours actually used (k, or fewer when the minority is small;
     *     0 when nothing was generated)
     * @param notes remarks, e.g. that k was lowered or that nothing was needed
     */
    public record Result(float[][] x, boolean[] y, int synthetic, int kUsed, List<String> notes) {}

    /**
     * The number of synthetic samples for given class sizes:
     * {@code max(0, ceil(ratio * majority - 1e-9) - minority)}. After resampling the minority
     * count is then the smallest whole number not below {@code ratio * majority} (or unchanged when
     * it already met that).
     *
     * @param minority number of positive samples
     * @param majority number of negative samples
     * @param ratio wanted minority/majority ratio in (0, 1]
     * @return how many synthetic samples to add
     */
    public static int syntheticCount(int minority, int majority, double ratio) {
        long wanted = (long) Math.ceil(ratio * majority - ROUNDING_TOLERANCE);
        return (int) Math.max(0, wanted - minority);
    }

    /**
     * Over-samples the positive class. The inputs are not modified.
     *
     * @param x feature vectors, all of the same length and finite
     * @param y labels, true = minority (anomalous)
     * @return originals first, then the synthetic rows
     * @throws DataException if the inputs do not match, there is no negative sample, or
     *     synthetic samples are needed but fewer than 2 positives exist
     */
    public Result resample(float[][] x, boolean[] y) {
        if (x.length != y.length) {
            throw new DataException(
                    "SMOTE needs one label per feature vector: " + x.length + " vectors but " + y.length + " labels");
        }
        if (x.length == 0) {
            throw new DataException("SMOTE got no samples");
        }
        int d = x[0].length;
        int minority = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new DataException("SMOTE feature vector " + i + " has "
                        + (x[i] == null ? "no" : String.valueOf(x[i].length))
                        + " features; vector 0 has " + d);
            }
            if (y[i]) {
                minority++;
            }
        }
        int majority = x.length - minority;
        if (majority == 0) {
            throw new DataException("SMOTE needs negative (majority) samples to size the " + "over-sampling, but all "
                    + x.length + " samples are positive");
        }
        List<String> notes = new ArrayList<>();
        int need = syntheticCount(minority, majority, ratio);
        if (need == 0) {
            notes.add("no synthetic samples needed: " + minority + " positives already reach ratio " + ratio + " of "
                    + majority + " negatives");
            return new Result(x.clone(), y.clone(), 0, 0, List.copyOf(notes));
        }
        if (minority < 2) {
            throw new DataException("SMOTE needs at least 2 positive (minority) samples to "
                    + "interpolate between, but got " + minority + " among " + x.length
                    + " samples; collect more anomalies, use a smaller window stride, or weight the "
                    + "classes instead");
        }
        int k = kNeighbors;
        if (k > minority - 1) {
            k = minority - 1;
            notes.add(
                    "kNeighbors lowered from " + kNeighbors + " to " + k + ": only " + minority + " positive samples");
        }
        int[] pos = new int[minority];
        for (int i = 0, p = 0; i < x.length; i++) {
            if (y[i]) {
                pos[p++] = i;
            }
        }
        int bases = Math.min(need, minority);
        int[][] nn = neighbours(x, pos, bases, k);

        Random rnd = new Random(seed);
        float[][] outX = Arrays.copyOf(x, x.length + need);
        boolean[] outY = Arrays.copyOf(y, y.length + need);
        for (int j = 0; j < need; j++) {
            int b = j % minority;
            float[] a = x[pos[b]];
            float[] nb = x[nn[b][rnd.nextInt(k)]];
            double u = rnd.nextDouble();
            float[] s = new float[d];
            for (int f = 0; f < d; f++) {
                s[f] = (float) (a[f] + u * ((double) nb[f] - a[f]));
            }
            outX[x.length + j] = s;
            outY[y.length + j] = true;
        }
        notes.add("added " + need + " synthetic positives to " + minority + " positives and " + majority
                + " negatives (ratio " + ratio + ", k " + k + ")");
        return new Result(outX, outY, need, k, List.copyOf(notes));
    }

    /**
     * For the first {@code bases} minority samples, the input indices of their k nearest other
     * minority samples, nearest first.
     */
    private static int[][] neighbours(float[][] x, int[] pos, int bases, int k) {
        int m = pos.length;
        int[][] out = new int[bases][k];
        double[] bestD = new double[k];
        int[] bestI = new int[k];
        for (int b = 0; b < bases; b++) {
            float[] a = x[pos[b]];
            int filled = 0;
            for (int q = 0; q < m; q++) {
                if (q == b) {
                    continue;
                }
                float[] c = x[pos[q]];
                double worst = filled == k ? bestD[k - 1] : Double.POSITIVE_INFINITY;
                double dist = 0;
                for (int f = 0; f < a.length && dist <= worst; f++) {
                    double diff = (double) a[f] - c[f];
                    dist += diff * diff;
                }
                if (filled < k) {
                    filled++;
                } else if (!(dist < worst)) {
                    continue; // not closer; on a tie the earlier (lower) index stays
                }
                int p = filled - 1;
                while (p > 0 && bestD[p - 1] > dist) {
                    bestD[p] = bestD[p - 1];
                    bestI[p] = bestI[p - 1];
                    p--;
                }
                bestD[p] = dist;
                bestI[p] = pos[q];
            }
            System.arraycopy(bestI, 0, out[b], 0, k);
        }
        return out;
    }
}
