package dev.lstmforge.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class PsiTest {

    @Test
    void aSampleAgainstItselfHasPsiZero() {
        double[] x = Fixture.normal(1, 5000, 0, 1);
        assertThat(Psi.between(x, x)).isCloseTo(0.0, within(1e-15));
        assertThat(Psi.Band.of(Psi.between(x, x))).isEqualTo(Psi.Band.NONE);
    }

    @Test
    void aShiftOfOneStandardDeviationIsSignificantAndAFreshSampleIsNot() {
        double[] reference = Fixture.normal(2, 5000, 0, 1);
        double[] shifted = Fixture.normal(3, 5000, 1, 1);
        double[] fresh = Fixture.normal(4, 5000, 0, 1);
        double shiftedPsi = Psi.between(reference, shifted);
        double freshPsi = Psi.between(reference, fresh);
        // Theory for a unit shift of a normal, over deciles: about 0.9; sampling noise is ~0.005.
        assertThat(shiftedPsi).isGreaterThan(0.5);
        assertThat(Psi.Band.of(shiftedPsi)).isEqualTo(Psi.Band.SIGNIFICANT);
        assertThat(freshPsi).isLessThan(0.02);
        assertThat(Psi.Band.of(freshPsi)).isEqualTo(Psi.Band.NONE);
    }

    @Test
    void matchesAHandComputedExample() {
        // Reference 1,2,3,4 in two bins: the median 2.5 is the only edge, fractions 1/2 and 1/2.
        double[] reference = {4, 1, 3, 2};
        assertThat(Psi.edges(reference, 2)).containsExactly(2.5);
        // Current 1,1,1,4: fractions 3/4 and 1/4.
        double expected = (0.75 - 0.5) * Math.log(0.75 / 0.5) + (0.25 - 0.5) * Math.log(0.25 / 0.5);
        assertThat(expected).isCloseTo(0.2746530721670274, within(1e-15)); // 0.25 * ln 3
        assertThat(Psi.between(reference, new double[] {1, 1, 1, 4}, 2)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void anEmptyBinIsSmoothedWithEpsilon() {
        double[] reference = {1, 2, 3, 4};
        // Current all in the lower bin: the upper fraction 0 becomes 1e-4.
        double expected = (1.0 - 0.5) * Math.log(1.0 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
        double psi = Psi.between(reference, new double[] {0, 1, 2, 2.5}, 2);
        assertThat(psi).isCloseTo(expected, within(1e-9));
        assertThat(psi).isCloseTo(4.60431846666895, within(1e-9)); // 0.5 ln 2 + 0.4999 ln 5000
    }

    @Test
    void decilesOfOneToTenAreTheType7Quantiles() {
        double[] reference = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        // Position (n-1) k / 10 = 0.9 k: 1.9, 2.8, 3.7, ... 9.1
        assertThat(Psi.edges(reference, 10))
                .containsExactly(new double[] {1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1}, within(1e-12));
        // Bins are closed on the right: a value equal to an edge belongs to the lower bin.
        double[] edges = {1.0, 2.0};
        assertThat(Psi.fractions(new double[] {0.5, 1.0, 1.5, 2.0, 2.5}, edges)).containsExactly(0.4, 0.4, 0.2);
    }

    @Test
    void tiesMergeEdgesAndValuesOutsideTheReferenceRangeLandInTheEndBins() {
        double[] reference = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1}; // 60% zeros
        double[] edges = Psi.edges(reference, 10);
        assertThat(edges).containsExactly(0.0, 0.4, 1.0); // deciles 0 x6 (after merge), 0.4, 1 x3
        double[] f = Psi.fractions(new double[] {-100, 0, 0.5, 1, 100}, edges);
        assertThat(f).containsExactly(0.4, 0.0, 0.4, 0.2);
    }

    @Test
    void aConstantReferenceSeparatesBelowEqualAndAbove() {
        double[] reference = {3, 3, 3, 3};
        assertThat(Psi.edges(reference, 10)).containsExactly(Math.nextDown(3.0), 3.0);
        assertThat(Psi.between(reference, new double[] {3, 3})).isEqualTo(0.0);
        assertThat(Psi.Band.of(Psi.between(reference, new double[] {2, 2}))).isEqualTo(Psi.Band.SIGNIFICANT);
        assertThat(Psi.Band.of(Psi.between(reference, new double[] {4, 4}))).isEqualTo(Psi.Band.SIGNIFICANT);
    }

    @Test
    void bandsFollowTheCustomaryThresholds() {
        assertThat(Psi.Band.of(0.0)).isEqualTo(Psi.Band.NONE);
        assertThat(Psi.Band.of(Math.nextDown(0.1))).isEqualTo(Psi.Band.NONE);
        assertThat(Psi.Band.of(0.1)).isEqualTo(Psi.Band.MODERATE);
        assertThat(Psi.Band.of(Math.nextDown(0.25))).isEqualTo(Psi.Band.MODERATE);
        assertThat(Psi.Band.of(0.25)).isEqualTo(Psi.Band.SIGNIFICANT);
        assertThatThrownBy(() -> Psi.Band.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNanInfiniteAndEmptySamples() {
        assertThatThrownBy(() -> Psi.between(new double[] {1, Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference sample")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> Psi.between(new double[] {1, 2}, new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("current sample");
        assertThatThrownBy(() -> Psi.between(new double[0], new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Psi.between(new double[] {1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Psi.edges(new double[] {1, 2}, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesTheNumpyReference() {
        JsonObject fixture = Fixture.reference();
        assertThat(fixture.getAsJsonArray("psi")).hasSizeGreaterThanOrEqualTo(5);
        for (JsonElement e : fixture.getAsJsonArray("psi")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString();
            double[] reference = Fixture.doubles(c, "reference");
            double[] current = Fixture.doubles(c, "current");
            int bins = c.get("bins").getAsInt();
            assertThat(Psi.edges(reference, bins))
                    .as(name + " edges")
                    .containsExactly(Fixture.doubles(c, "edges"), within(1e-12));
            assertThat(Psi.between(reference, current, bins))
                    .as(name + " psi")
                    .isCloseTo(c.get("psi").getAsDouble(), within(1e-9));
        }
    }
}
