package dev.lstmforge.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCheckTest {

    private static final DriftProfile PROFILE = DriftProfile.builder()
            .add("close", Fixture.normal(21, 20_000, 0, 1))
            .add("volume", Fixture.normal(22, 20_000, 5, 2))
            .add("rsi", Fixture.normal(23, 20_000, 50, 10))
            .build();

    @Test
    void smallCurrentSamplesAreJudgedByKsAndLargeOnesByPsi() {
        Map<String, double[]> current = new LinkedHashMap<>();
        current.put("close", Fixture.normal(31, 1000, 0.5, 1)); // shifted, 1000 values: KS rule
        current.put("volume", Fixture.normal(32, 1001, 5, 2)); // unchanged, 1001 values: PSI rule
        current.put("rsi", Fixture.normal(33, 5000, 58, 10)); // shifted 0.8 sd: PSI rule
        DriftResult r = DriftCheck.defaults().check(PROFILE, current);

        DriftResult.FeatureResult close = r.feature("close").orElseThrow();
        assertThat(close.decidedBy()).isEqualTo(DriftResult.Rule.KS);
        assertThat(close.ksPValue()).isLessThan(1e-10);
        assertThat(close.drifted()).isTrue();
        assertThat(close.currentCount()).isEqualTo(1000);
        assertThat(close.referenceCount()).isEqualTo(20_000);
        assertThat(close.referenceSampleSize()).isEqualTo(2000);
        assertThat(close.ksMethod()).isEqualTo(KolmogorovSmirnov.Method.EXACT);

        DriftResult.FeatureResult volume = r.feature("volume").orElseThrow();
        assertThat(volume.decidedBy()).isEqualTo(DriftResult.Rule.PSI);
        assertThat(volume.psi()).isLessThan(0.1);
        assertThat(volume.psiBand()).isEqualTo(Psi.Band.NONE);
        assertThat(volume.drifted()).isFalse();

        DriftResult.FeatureResult rsi = r.feature("rsi").orElseThrow();
        assertThat(rsi.decidedBy()).isEqualTo(DriftResult.Rule.PSI);
        assertThat(rsi.psiBand()).isEqualTo(Psi.Band.SIGNIFICANT);
        assertThat(rsi.drifted()).isTrue();

        assertThat(r.driftedNames()).containsExactly("close", "rsi");
        assertThat(r.driftedCount()).isEqualTo(2);
        assertThat(r.driftedShare()).isEqualTo(2.0 / 3.0);
        assertThat(r.drifted()).isTrue();
        assertThat(r.complete()).isTrue();
        assertThat(r.missing()).isEmpty();
    }

    @Test
    void dataFromTheReferenceDistributionDoesNotDrift() {
        Map<String, double[]> current = Map.of(
                "close", Fixture.normal(41, 500, 0, 1),
                "volume", Fixture.normal(42, 500, 5, 2),
                "rsi", Fixture.normal(43, 3000, 50, 10));
        DriftResult r = DriftCheck.defaults().check(PROFILE, current);
        // A KS-judged feature is flagged by chance 5% of the time (see the next test), so one
        // false alarm may happen; the verdict needs half the features.
        assertThat(r.drifted()).isFalse();
        assertThat(r.driftedCount()).isLessThanOrEqualTo(1);
        assertThat(r.feature("rsi").orElseThrow().drifted()).isFalse(); // PSI rule
        for (DriftResult.FeatureResult f : r.features()) {
            assertThat(f.psiBand()).as(f.name()).isEqualTo(Psi.Band.NONE);
        }
    }

    @Test
    void theKsRuleRaisesFalseAlarmsAtAboutItsSignificanceLevel() {
        // 400 windows of 500 values from the reference distribution, each judged by KS against
        // the profile's 2000-value sample: about 5% should be flagged (binomial sd 1.1%).
        DriftProfile one = DriftProfile.builder()
                .add("close", Fixture.normal(24, 20_000, 0, 1))
                .build();
        int flagged = 0;
        int trials = 400;
        for (int t = 0; t < trials; t++) {
            DriftResult r = DriftCheck.defaults().check(one, Map.of("close", Fixture.normal(1000 + t, 500, 0, 1)));
            if (r.drifted()) {
                flagged++;
            }
        }
        assertThat((double) flagged / trials).isBetween(0.015, 0.09);
    }

    @Test
    void thresholdsAreSettable() {
        Map<String, double[]> current = Map.of(
                "close", Fixture.normal(51, 2000, 0.25, 1),
                "volume", Fixture.normal(52, 2000, 5, 2),
                "rsi", Fixture.normal(53, 2000, 50, 10));
        DriftResult byDefault = DriftCheck.defaults().check(PROFILE, current);
        // A quarter sd shift over 2000 values: PSI about 0.06, under the default 0.1.
        double psi = byDefault.feature("close").orElseThrow().psi();
        assertThat(psi).isBetween(0.02, 0.1);
        assertThat(byDefault.driftedNames()).isEmpty();

        DriftCheck lowPsi = DriftCheck.defaults().withPsiThreshold(psi / 2);
        assertThat(lowPsi.check(PROFILE, current).driftedNames()).containsExactly("close");
        assertThat(lowPsi.check(PROFILE, current).drifted()).isFalse(); // 1 of 3 < 0.5
        assertThat(lowPsi.withDriftShare(0.3).check(PROFILE, current).drifted()).isTrue();

        // Judged by KS even at 2000 values, the shift is obvious.
        DriftResult ks =
                DriftCheck.defaults().withKsMaxCurrent(Integer.MAX_VALUE).check(PROFILE, current);
        assertThat(ks.feature("close").orElseThrow().decidedBy()).isEqualTo(DriftResult.Rule.KS);
        assertThat(ks.driftedNames()).containsExactly("close");
        assertThat(DriftCheck.defaults()
                        .withKsMaxCurrent(Integer.MAX_VALUE)
                        .withKsAlpha(1e-300)
                        .check(PROFILE, current)
                        .driftedNames())
                .isEmpty();

        assertThatThrownBy(() -> DriftCheck.defaults().withKsAlpha(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriftCheck.defaults().withDriftShare(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriftCheck.defaults().withPsiThreshold(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFeaturesAreReportedAndUnknownOnesListed() {
        Map<String, double[]> current = new LinkedHashMap<>();
        current.put("close", Fixture.normal(61, 300, 3, 1)); // drifted
        current.put("rsi", new double[0]); // present but empty: missing
        current.put("spread", new double[] {1, 2}); // not in the profile
        DriftResult r = DriftCheck.defaults().check(PROFILE, current);

        assertThat(r.features()).extracting(DriftResult.FeatureResult::name).containsExactly("close", "volume", "rsi");
        assertThat(r.missing()).containsExactly("volume", "rsi");
        assertThat(r.unexpected()).containsExactly("spread");
        DriftResult.FeatureResult volume = r.feature("volume").orElseThrow();
        assertThat(volume.status()).isEqualTo(DriftResult.Status.MISSING);
        assertThat(volume.drifted()).isFalse();
        assertThat(volume.currentCount()).isZero();
        assertThat(volume.psi()).isNaN();
        assertThat(r.complete()).isFalse();
        assertThat(r.checkedCount()).isEqualTo(1);
        assertThat(r.driftedShare()).isEqualTo(1.0);
        assertThat(r.drifted()).isTrue();

        JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
        assertThat(json.get("complete").getAsBoolean()).isFalse();
        assertThat(json.getAsJsonArray("features")
                        .get(1)
                        .getAsJsonObject()
                        .get("status")
                        .getAsString())
                .isEqualTo("MISSING");
        assertThat(json.getAsJsonArray("features").get(1).getAsJsonObject().has("psi"))
                .isFalse();

        DriftResult none = DriftCheck.defaults().check(PROFILE, Map.of());
        assertThat(none.missing()).containsExactly("close", "volume", "rsi");
        assertThat(none.drifted()).isFalse();
    }

    @Test
    void aNanInTheCurrentValuesNamesTheFeature() {
        assertThatThrownBy(() -> DriftCheck.defaults().check(PROFILE, Map.of("volume", new double[] {1, Double.NaN})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'volume'");
    }
}
