package dev.lstmforge.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {

    /** The exact p-values agree with SciPy's exact ones to this relative error (seen: below 3e-15). */
    private static final double EXACT_RELATIVE = 1e-12;

    /**
     * The asymptotic p-values (Kolmogorov limit with Stephens' correction) agree with SciPy's
     * {@code method='asymp'} (finite-n one-sample distribution at round(n m / (n + m))) to this
     * relative error (seen: below 0.8%), for effective sizes of at least 150 and p-values of at
     * least 1e-5; far in the tail the two approximations part (a factor 20 at p = 1e-18).
     */
    private static final double ASYMPTOTIC_RELATIVE = 0.02;

    @Test
    void matchesScipyKs2samp() {
        JsonObject fixture = Fixture.reference();
        List<String> checkedAsymptotic = new ArrayList<>();
        for (JsonElement e : fixture.getAsJsonArray("ks")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            double[] a = Fixture.doubles(c, "a");
            double[] b = Fixture.doubles(c, "b");
            double d = c.get("d").getAsDouble();
            double pExact = c.get("pExact").getAsDouble();
            double pAsymp = c.get("pAsymp").getAsDouble();

            KolmogorovSmirnov.Result auto = KolmogorovSmirnov.test(a, b);
            assertThat(auto.statistic()).as(name + " D").isCloseTo(d, within(1e-12));
            assertThat(auto.n()).isEqualTo(a.length);
            assertThat(auto.m()).isEqualTo(b.length);

            KolmogorovSmirnov.Result exact = KolmogorovSmirnov.test(a, b, KolmogorovSmirnov.Method.EXACT);
            assertThat(exact.statistic()).isEqualTo(auto.statistic());
            assertThat(exact.pValue())
                    .as(name + " exact p")
                    .isCloseTo(pExact, within(EXACT_RELATIVE * pExact + 1e-300));

            boolean javaExact = (long) a.length * b.length <= KolmogorovSmirnov.EXACT_LIMIT;
            assertThat(auto.method())
                    .isEqualTo(javaExact ? KolmogorovSmirnov.Method.EXACT : KolmogorovSmirnov.Method.ASYMPTOTIC);
            if (javaExact) {
                assertThat(auto.pValue()).isEqualTo(exact.pValue());
            }

            double effective = c.get("effectiveN").getAsDouble();
            if (effective >= 150 && pAsymp >= 1e-5) {
                KolmogorovSmirnov.Result asym = KolmogorovSmirnov.test(a, b, KolmogorovSmirnov.Method.ASYMPTOTIC);
                assertThat(asym.pValue())
                        .as(name + " asymptotic p")
                        .isCloseTo(pAsymp, within(ASYMPTOTIC_RELATIVE * pAsymp));
                checkedAsymptotic.add(name);
            }
        }
        // The fixture's large pairs run through the asymptotic branch of the automatic choice.
        assertThat(checkedAsymptotic).contains("large", "large-same", "drift-check-size");
    }

    @Test
    void exactPValueEqualsBruteForceOverAllOrders() {
        // n = 5, m = 4: enumerate all C(9, 5) = 126 interleavings, count those with D >= observed.
        double[] a = {0.1, 0.4, 0.5, 0.9, 1.3};
        double[] b = {0.2, 0.3, 0.35, 1.1};
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
        long observed = Math.round(r.statistic() * 20);
        int atLeast = 0;
        int total = 0;
        for (int mask = 0; mask < (1 << 9); mask++) {
            if (Integer.bitCount(mask) != 5) {
                continue;
            }
            total++;
            int i = 0;
            int j = 0;
            long best = 0;
            for (int step = 0; step < 9; step++) {
                if ((mask & (1 << step)) != 0) {
                    i++;
                } else {
                    j++;
                }
                best = Math.max(best, Math.abs(4L * i - 5L * j));
            }
            if (best >= observed) {
                atLeast++;
            }
        }
        assertThat(total).isEqualTo(126);
        assertThat(r.pValue()).isCloseTo((double) atLeast / total, within(1e-15));
    }

    @Test
    void disjointSamplesGiveDOneAndTheTwoExtremeOrders() {
        double[] a = {1, 2, 3};
        double[] b = {10, 11, 12, 13};
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
        assertThat(r.statistic()).isEqualTo(1.0);
        // Only "all a first" and "all b first" reach D = 1: 2 of C(7, 3) = 35 orders.
        assertThat(r.pValue()).isCloseTo(2.0 / 35.0, within(1e-15));
        assertThat(KolmogorovSmirnov.test(b, a).pValue()).isCloseTo(2.0 / 35.0, within(1e-15));
    }

    @Test
    void identicalSamplesGiveDZeroAndPOne() {
        double[] a = Fixture.normal(5, 300, 0, 1);
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, a.clone());
        assertThat(r.statistic()).isEqualTo(0.0);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(KolmogorovSmirnov.test(a, a, KolmogorovSmirnov.Method.ASYMPTOTIC)
                        .pValue())
                .isEqualTo(1.0);
    }

    @Test
    void tiesAreCountedOnBothSidesBeforeTheDifferenceIsTaken() {
        // a = {1, 2, 2, 3}, b = {2, 2, 2, 2}. After value 1: 1/4 vs 0. After value 2 (all copies):
        // 3/4 vs 1. So D = 1/4; a naive walk that stops between tied values would find 3/4 - 0.
        double[] a = {2, 3, 1, 2};
        double[] b = {2, 2, 2, 2};
        assertThat(KolmogorovSmirnov.statistic(a, b)).isEqualTo(0.25);
        // All values tied: D = 0.
        assertThat(KolmogorovSmirnov.statistic(new double[] {5, 5, 5}, new double[] {5, 5}))
                .isEqualTo(0.0);
        // -0.0 and 0.0 are the same value.
        assertThat(KolmogorovSmirnov.statistic(new double[] {-0.0, 1}, new double[] {0.0, 1}))
                .isEqualTo(0.0);
    }

    @Test
    void isSymmetricInItsSamples() {
        double[] a = Fixture.normal(6, 137, 0, 1);
        double[] b = Fixture.normal(7, 91, 0.3, 1.2);
        KolmogorovSmirnov.Result ab = KolmogorovSmirnov.test(a, b);
        KolmogorovSmirnov.Result ba = KolmogorovSmirnov.test(b, a);
        assertThat(ba.statistic()).isEqualTo(ab.statistic());
        assertThat(ba.pValue()).isCloseTo(ab.pValue(), within(1e-12 * ab.pValue()));
    }

    @Test
    void kolmogorovSurvivalMatchesScipyKstwobign() {
        // scipy.stats.kstwobign.sf(t), SciPy 1.10.1; both series branches and their seam at 1.
        double[][] cases = {
            {0.3, 0.9999906941986655},
            {0.5, 0.9639452436648751},
            {0.8, 0.5441424115741981},
            {0.99, 0.2808738392255489},
            {1.0, 0.26999967167735456},
            {1.01, 0.25943416909359746},
            {1.36, 0.049485876755377876},
            {2.0, 0.0006709252557796953},
            {3.0, 3.045995948942526e-08},
        };
        for (double[] c : cases) {
            assertThat(KolmogorovSmirnov.kolmogorovSurvival(c[0]))
                    .as("Q(" + c[0] + ")")
                    .isCloseTo(c[1], within(1e-13 * Math.max(c[1], 1e-3)));
        }
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(0.0)).isEqualTo(1.0);
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(0.01)).isEqualTo(1.0);
        assertThat(KolmogorovSmirnov.kolmogorovSurvival(40.0)).isEqualTo(0.0);
    }

    @Test
    void theExactMethodIsFastEnoughAtTheAutomaticLimit() {
        double[] a = Fixture.normal(8, 5000, 0, 1);
        double[] b = Fixture.normal(9, 2000, 0.02, 1);
        long start = System.nanoTime();
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.method()).isEqualTo(KolmogorovSmirnov.Method.EXACT);
        assertThat(r.pValue()).isBetween(0.0, 1.0);
        assertThat(millis).as("milliseconds for n*m = 1e7").isLessThan(5_000);
    }

    @Test
    void rejectsNanAndEmptySamples() {
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[] {1, Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first sample")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> KolmogorovSmirnov.test(new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("second sample");
    }
}
