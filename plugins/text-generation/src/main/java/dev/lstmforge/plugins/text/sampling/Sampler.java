package dev.lstmforge.plugins.text.sampling;

import dev.lstmforge.support.DataException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Draws the next token from a language model's output logits with temperature and top-k
 * sampling.
 *
 * <p>The distribution is the softmax of {@code logits / temperature}, computed stably by
 * subtracting the largest logit first. With {@code topK > 0} only the {@code topK} largest logits
 * keep their weight (ties at the boundary go to the lower index, so exactly {@code topK} tokens
 * remain) and the rest get probability 0; {@code topK = 0}, or a {@code topK} of at least the
 * vocabulary size, keeps all tokens. Lower temperatures sharpen the distribution towards the
 * argmax, higher ones flatten it towards uniform.
 *
 * <p>Logits may be {@code -Infinity} (a masked token, probability 0) but not {@code NaN} or
 * {@code +Infinity}, and at least one must be finite.
 *
 * <p>A {@code Sampler} instance owns scratch buffers so that {@link #next} allocates nothing; it
 * is therefore not thread-safe: use one per thread. The static methods allocate fresh buffers on
 * every call.
 */
public final class Sampler {

    private double[] weights;
    private float[] selection;

    /**
     * Creates a sampler with scratch space for a vocabulary of the given size. Longer logit
     * vectors are accepted too; the scratch space then grows once.
     *
     * @param vocabSize the expected number of logits, at least 1
     * @throws DataException if {@code vocabSize < 1}
     */
    public Sampler(int vocabSize) {
        if (vocabSize < 1) {
            throw new DataException("sampler: vocabSize must be >= 1, got " + vocabSize);
        }
        weights = new double[vocabSize];
    }

    /**
     * Draws one token id using this sampler's scratch buffers: one uniform draw from
     * {@code rng}, mapped through the inverse cumulative distribution. Allocates nothing once
     * the buffers are large enough.
     *
     * @param logits      the model's unnormalised log-probabilities, one per token
     * @param temperature the softmax temperature, finite and {@code > 0}
     * @param topK        how many of the largest logits to keep, or 0 for all
     * @param rng         the source of randomness; a seeded generator gives repeatable draws
     * @return the sampled token id, in {@code [0, logits.length)}
     * @throws DataException if the temperature, {@code topK} or a logit is invalid
     */
    public int next(float[] logits, double temperature, int topK, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        double total = weigh(logits, temperature, topK);
        double u = rng.nextDouble() * total;
        double cumulative = 0;
        int lastPositive = -1;
        double[] w = weights;
        for (int i = 0, n = logits.length; i < n; i++) {
            double wi = w[i];
            if (wi > 0) {
                cumulative += wi;
                if (u < cumulative) {
                    return i;
                }
                lastPositive = i;
            }
        }
        // Rounding left u just above the running sum: the last token with weight wins.
        return lastPositive;
    }

    /**
     * Draws one token id with fresh scratch buffers; see {@link #next} for the allocation-free
     * variant.
     *
     * @param logits      the model's unnormalised log-probabilities, one per token
     * @param temperature the softmax temperature, finite and {@code > 0}
     * @param topK        how many of the largest logits to keep, or 0 for all
     * @param rng         the source of randomness
     * @return the sampled token id
     * @throws DataException if the temperature, {@code topK} or a logit is invalid
     */
    public static int sample(float[] logits, double temperature, int topK, RandomGenerator rng) {
        Objects.requireNonNull(logits, "logits");
        return new Sampler(Math.max(1, logits.length)).next(logits, temperature, topK, rng);
    }

    /**
     * Returns the sampling distribution: softmax of {@code logits / temperature}, restricted to
     * the {@code topK} largest logits when {@code topK > 0} and renormalised.
     *
     * @param logits      the model's unnormalised log-probabilities, one per token
     * @param temperature the softmax temperature, finite and {@code > 0}
     * @param topK        how many of the largest logits to keep, or 0 for all
     * @return a new array of probabilities summing to 1 (up to rounding)
     * @throws DataException if the temperature, {@code topK} or a logit is invalid
     */
    public static double[] distribution(float[] logits, double temperature, int topK) {
        Objects.requireNonNull(logits, "logits");
        Sampler sampler = new Sampler(Math.max(1, logits.length));
        double total = sampler.weigh(logits, temperature, topK);
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = sampler.weights[i] / total;
        }
        return p;
    }

    /**
     * Returns the index of the largest logit (the lowest such index on ties): greedy decoding.
     *
     * @param logits the logits; none may be {@code NaN}
     * @return the argmax
     * @throws DataException if the array is empty or holds {@code NaN}
     */
    public static int argmax(float[] logits) {
        Objects.requireNonNull(logits, "logits");
        if (logits.length == 0) {
            throw new DataException("sampler: logits must not be empty");
        }
        int best = 0;
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i])) {
                throw new DataException("sampler: logits[" + i + "] is NaN");
            }
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Checks a sampling temperature.
     *
     * @param temperature the value to check
     * @throws DataException "temperature must be a number &gt; 0, got X" unless the value is
     *                           finite and {@code > 0}
     */
    public static void checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new DataException("temperature must be a number > 0, got " + temperature);
        }
    }

    /**
     * Checks a top-k setting.
     *
     * @param topK the value to check
     * @throws DataException if it is negative
     */
    public static void checkTopK(int topK) {
        if (topK < 0) {
            throw new DataException("topK must be >= 0 (0 keeps all tokens), got " + topK);
        }
    }

    /**
     * Returns the Shannon entropy {@code -sum p ln p} of a distribution, in nats; zero
     * probabilities contribute nothing. The probabilities are not required to sum to 1.
     *
     * @param p the probabilities
     * @return the entropy in nats
     * @throws DataException if a probability is negative or {@code NaN}
     */
    public static double entropy(double[] p) {
        Objects.requireNonNull(p, "p");
        double h = 0;
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            if (!(pi >= 0)) {
                throw new DataException("entropy: p[" + i + "] must be >= 0, got " + pi);
            }
            if (pi > 0) {
                h -= pi * Math.log(pi);
            }
        }
        return h;
    }

    /**
     * Fills {@link #weights} with the unnormalised sampling weights (the largest is exactly 1)
     * and returns their sum.
     */
    private double weigh(float[] logits, double temperature, int topK) {
        Objects.requireNonNull(logits, "logits");
        checkTemperature(temperature);
        checkTopK(topK);
        int n = logits.length;
        if (n == 0) {
            throw new DataException("sampler: logits must not be empty");
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float l = logits[i];
            if (Float.isNaN(l) || l == Float.POSITIVE_INFINITY) {
                throw new DataException("sampler: logits[" + i + "] is " + l + "; logits must be finite or -Infinity");
            }
            if (l > max) {
                max = l;
            }
        }
        if (max == Float.NEGATIVE_INFINITY) {
            throw new DataException("sampler: all " + n + " logits are -Infinity");
        }
        if (weights.length < n) {
            weights = new double[n];
        }
        double[] w = weights;
        boolean limited = topK > 0 && topK < n;
        float threshold = Float.NEGATIVE_INFINITY;
        int equalAllowed = n;
        if (limited) {
            threshold = kthLargest(logits, topK);
            int greater = 0;
            for (int i = 0; i < n; i++) {
                if (logits[i] > threshold) {
                    greater++;
                }
            }
            equalAllowed = topK - greater;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            float l = logits[i];
            boolean keep = !limited || l > threshold;
            if (!keep && l == threshold && equalAllowed > 0) {
                keep = true;
                equalAllowed--;
            }
            // Divide rather than multiply by 1/T: 1/T overflows for tiny T, and 0 * Infinity
            // would be NaN for the largest logit.
            double wi = keep ? Math.exp(((double) l - max) / temperature) : 0.0;
            w[i] = wi;
            total += wi;
        }
        return total;
    }

    /** The k-th largest logit, by quickselect on a scratch copy. */
    private float kthLargest(float[] logits, int k) {
        int n = logits.length;
        if (selection == null || selection.length < n) {
            selection = new float[Math.max(n, weights.length)];
        }
        float[] a = selection;
        System.arraycopy(logits, 0, a, 0, n);
        int target = n - k; // index in ascending order
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            float pivot = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    private static float median(float x, float y, float z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
