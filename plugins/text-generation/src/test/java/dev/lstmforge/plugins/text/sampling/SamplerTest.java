package dev.lstmforge.plugins.text.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.text.token.Allocations;
import dev.lstmforge.support.DataException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerTest {

    private static final float[] LOGITS = {2.0f, 1.0f, 0.5f, -1.0f, 3.0f, 0.0f};
    private static final int ARGMAX = 4;

    private static double[] softmax(float[] logits, double temperature) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void distributionIsTheSoftmaxOfLogitsOverTemperature() {
        for (double t : new double[] {0.5, 1.0, 1.7}) {
            double[] p = Sampler.distribution(LOGITS, t, 0);
            assertThat(p).containsExactly(softmax(LOGITS, t), within(1e-12));
            assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void distributionIsStableForLargeLogits() {
        double[] p = Sampler.distribution(new float[] {1000f, 999f, -1000f}, 1.0, 0);
        double e = Math.exp(-1);
        assertThat(p).containsExactly(new double[] {1 / (1 + e), e / (1 + e), 0}, within(1e-12));
    }

    @Test
    void entropyStrictlyDecreasesAsTheTemperatureFalls() {
        double[] temperatures = {100.0, 2.0, 1.0, 0.5, 0.1};
        double[] entropies = Arrays.stream(temperatures)
                .map(t -> Sampler.entropy(Sampler.distribution(LOGITS, t, 0)))
                .toArray();

        for (int i = 1; i < entropies.length; i++) {
            assertThat(entropies[i]).as("entropy at T=%s", temperatures[i]).isLessThan(entropies[i - 1]);
        }
        assertThat(entropies[0]).isCloseTo(Math.log(LOGITS.length), within(1e-3));
        assertThat(entropies[4]).isLessThan(0.01);
    }

    @Test
    void nearZeroTemperatureAlmostAlwaysPicksTheArgmax() {
        Sampler sampler = new Sampler(LOGITS.length);
        RandomGenerator rng = new SplittableRandom(1);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            if (sampler.next(LOGITS, 0.01, 0, rng) == ARGMAX) {
                hits++;
            }
        }
        assertThat(hits).isGreaterThanOrEqualTo(9_990);
        assertThat(Sampler.argmax(LOGITS)).isEqualTo(ARGMAX);
    }

    @Test
    void topKOfOneAlwaysPicksTheArgmaxEvenWhenHot() {
        Sampler sampler = new Sampler(LOGITS.length);
        RandomGenerator rng = new SplittableRandom(2);
        for (int i = 0; i < 10_000; i++) {
            assertThat(sampler.next(LOGITS, 5.0, 1, rng)).isEqualTo(ARGMAX);
        }
        assertThat(Sampler.distribution(LOGITS, 5.0, 1)).containsExactly(0, 0, 0, 0, 1, 0);
    }

    @Test
    void topKKeepsTheLargestLogitsRenormalised() {
        double[] p = Sampler.distribution(LOGITS, 1.0, 2);
        double[] two = softmax(new float[] {2.0f, 3.0f}, 1.0);

        assertThat(p).containsExactly(new double[] {two[0], 0, 0, 0, two[1], 0}, within(1e-12));
        assertThat(Sampler.distribution(LOGITS, 1.0, LOGITS.length))
                .containsExactly(Sampler.distribution(LOGITS, 1.0, 0), within(1e-15));
        assertThat(Sampler.distribution(LOGITS, 1.0, 1_000))
                .containsExactly(Sampler.distribution(LOGITS, 1.0, 0), within(1e-15));
    }

    @Test
    void topKTiesAtTheBoundaryGoToTheLowerIndex() {
        double[] p = Sampler.distribution(new float[] {1f, 0f, 1f, 1f, 2f}, 1.0, 3);
        assertThat(p[0]).isPositive();
        assertThat(p[2]).isPositive();
        assertThat(p[3]).isZero();
        assertThat(p[1]).isZero();
        assertThat(p[4]).isGreaterThan(p[0]);
    }

    @Test
    void topKSelectionMatchesSortingOnRandomLogitsWithTies() {
        SplittableRandom r = new SplittableRandom(99);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + r.nextInt(300);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                logits[i] = r.nextInt(20) / 4f;
            }
            int k = 1 + r.nextInt(n);
            double[] p = Sampler.distribution(logits, 1.0, k);

            float[] sorted = logits.clone();
            Arrays.sort(sorted);
            float kth = sorted[n - k];
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (p[i] > 0) {
                    kept++;
                    assertThat(logits[i]).isGreaterThanOrEqualTo(kth);
                } else {
                    assertThat(logits[i]).isLessThanOrEqualTo(kth);
                }
            }
            assertThat(kept).as("n=%d k=%d", n, k).isEqualTo(k);
        }
    }

    @Test
    void empiricalFrequenciesMatchTheDistribution() {
        checkFrequencies(1.0, 0, 10);
        checkFrequencies(0.7, 3, 11);
        checkFrequencies(2.5, 0, 12);
    }

    private static void checkFrequencies(double temperature, int topK, long seed) {
        int draws = 100_000;
        Sampler sampler = new Sampler(LOGITS.length);
        RandomGenerator rng = new SplittableRandom(seed);
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < draws; i++) {
            counts[sampler.next(LOGITS, temperature, topK, rng)]++;
        }
        double[] expected = Sampler.distribution(LOGITS, temperature, topK);
        for (int i = 0; i < counts.length; i++) {
            assertThat((double) counts[i] / draws)
                    .as("token %d at T=%s, topK=%d", i, temperature, topK)
                    .isCloseTo(expected[i], within(0.01));
            if (expected[i] == 0) {
                assertThat(counts[i]).isZero();
            }
        }
    }

    @Test
    void aSeededGeneratorGivesARepeatableSequence() {
        int[] first = draw(new SplittableRandom(42), 1_000);
        int[] second = draw(new SplittableRandom(42), 1_000);
        int[] other = draw(new SplittableRandom(43), 1_000);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(drawStatic(new SplittableRandom(42), 1_000)).isEqualTo(first);
    }

    private static int[] draw(RandomGenerator rng, int n) {
        Sampler sampler = new Sampler(LOGITS.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sampler.next(LOGITS, 1.0, 0, rng);
        }
        return out;
    }

    private static int[] drawStatic(RandomGenerator rng, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Sampler.sample(LOGITS, 1.0, 0, rng);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void badTemperaturesAreRejected(double t) {
        String message = "temperature must be a number > 0, got " + t;
        assertThatThrownBy(() -> Sampler.checkTemperature(t))
                .isInstanceOf(DataException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> Sampler.distribution(LOGITS, t, 0)).hasMessage(message);
        assertThatThrownBy(() -> Sampler.sample(LOGITS, t, 0, new SplittableRandom(1)))
                .hasMessage(message);
        assertThatThrownBy(() -> new Sampler(3).next(LOGITS, t, 0, new SplittableRandom(1)))
                .hasMessage(message);
    }

    @Test
    void smallPositiveTemperaturesAreAccepted() {
        Sampler.checkTemperature(Double.MIN_VALUE);
        assertThat(Sampler.distribution(LOGITS, Double.MIN_VALUE, 0)[ARGMAX]).isEqualTo(1.0);
    }

    @Test
    void negativeTopKIsRejected() {
        assertThatThrownBy(() -> Sampler.distribution(LOGITS, 1.0, -1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("topK must be >= 0")
                .hasMessageContaining("got -1");
    }

    @Test
    void badLogitsAreRejected() {
        assertThatThrownBy(() -> Sampler.distribution(new float[0], 1.0, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Sampler.distribution(new float[] {0f, Float.NaN}, 1.0, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("logits[1] is NaN");
        assertThatThrownBy(() -> Sampler.distribution(new float[] {Float.POSITIVE_INFINITY}, 1.0, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("logits[0] is Infinity");
        assertThatThrownBy(() ->
                        Sampler.distribution(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 1.0, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("all 2 logits are -Infinity");
        assertThatThrownBy(() -> new Sampler(0)).isInstanceOf(DataException.class);
    }

    @Test
    void maskedTokensAreNeverSampled() {
        float[] logits = {Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY, 0f};
        Sampler sampler = new Sampler(2); // grows to fit
        RandomGenerator rng = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            assertThat(sampler.next(logits, 1.0, 0, rng)).isIn(1, 3);
        }
        assertThat(Sampler.distribution(logits, 1.0, 3)).containsExactly(0, 0.5, 0, 0.5);
    }

    @Test
    void entropyIsInNats() {
        assertThat(Sampler.entropy(new double[] {0.25, 0.25, 0.25, 0.25})).isCloseTo(Math.log(4), within(1e-15));
        assertThat(Sampler.entropy(new double[] {0, 1, 0})).isZero();
        assertThat(Sampler.entropy(new double[] {0.5, 0.5})).isCloseTo(Math.log(2), within(1e-15));
        assertThatThrownBy(() -> Sampler.entropy(new double[] {0.5, -0.1}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("p[1]");
    }

    @Test
    void nextDoesNotAllocate() {
        float[] logits = new float[10_000];
        SplittableRandom init = new SplittableRandom(3);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) init.nextGaussian();
        }
        Sampler sampler = new Sampler(logits.length);
        RandomGenerator rng = new SplittableRandom(4);
        int[] sink = new int[1];

        long all = Allocations.allocatedBytes(() -> {
            for (int i = 0; i < 200; i++) {
                sink[0] += sampler.next(logits, 0.8, 0, rng);
            }
        });
        long topK = Allocations.allocatedBytes(() -> {
            for (int i = 0; i < 200; i++) {
                sink[0] += sampler.next(logits, 0.8, 40, rng);
            }
        });

        // One 10,000-entry scratch array would be 40-80 KB; 200 of them, megabytes.
        assertThat(all).isLessThan(2_000);
        assertThat(topK).isLessThan(2_000);
    }
}
