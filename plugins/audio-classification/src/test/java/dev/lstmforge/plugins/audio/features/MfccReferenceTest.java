package dev.lstmforge.plugins.audio.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.lstmforge.plugins.audio.features.MfccFixtures.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with torchaudio (float64, configured as librosa; see {@code mfcc_reference.py}) on
 * every fixture in {@code src/test/resources/mfcc-reference/}. FSDD fixtures need the shared data
 * and are skipped without it; the synthetic ones always run.
 */
class MfccReferenceTest {

    /**
     * Tolerance for dB MFCCs, in dB-MFCC units (max absolute difference). The Java side computes
     * in double and rounds to float at the end; coefficient 0 reaches about 1100 in magnitude,
     * where rounding to float costs up to 6e-5; the achieved differences are 4e-6 to 3e-5.
     */
    static final double DB_TOLERANCE = 1e-4;

    /** Tolerance for {@code log=false} MFCCs, relative to the largest magnitude in the fixture. */
    static final double POWER_RELATIVE_TOLERANCE = 1e-6;

    static List<Fixture> fixtures() {
        return MfccFixtures.mfccFixtures();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void agreesWithTheReference(Fixture fixture) {
        float[] samples = MfccFixtures.samples(fixture);
        Mfcc mfcc = new Mfcc(fixture.config());

        float[][] actual = mfcc.compute(samples);

        assertThat(actual.length).isEqualTo(fixture.values().length).isEqualTo(mfcc.frames(samples.length));
        double maxDiff = 0;
        double maxAbs = 0;
        for (int t = 0; t < actual.length; t++) {
            assertThat(actual[t]).hasSize(fixture.config().nMfcc());
            for (int c = 0; c < actual[t].length; c++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[t][c] - fixture.values()[t][c]));
                maxAbs = Math.max(maxAbs, Math.abs(fixture.values()[t][c]));
            }
        }
        System.out.printf(
                "%s: %d samples, %d frames x %d, max |value| %.4g, max abs diff %.3g%n",
                fixture.name(), samples.length, actual.length, fixture.config().nMfcc(), maxAbs, maxDiff);
        if (fixture.config().log()) {
            assertThat(maxDiff).as(fixture.name()).isLessThan(DB_TOLERANCE);
        } else {
            assertThat(maxDiff / maxAbs).as(fixture.name()).isLessThan(POWER_RELATIVE_TOLERANCE);
        }

        // The flat API gives the same numbers, from a longer buffer and into a longer array.
        float[] padded = java.util.Arrays.copyOf(samples, samples.length + 777);
        padded[samples.length] = 1f; // must not be read
        int nMfcc = fixture.config().nMfcc();
        float[] out = new float[actual.length * nMfcc + 5];
        assertThat(mfcc.compute(padded, samples.length, out)).isEqualTo(actual.length);
        for (int t = 0; t < actual.length; t++) {
            assertThat(java.util.Arrays.copyOfRange(out, t * nMfcc, (t + 1) * nMfcc))
                    .as("frame %d", t)
                    .containsExactly(actual[t]);
        }
    }

    @Test
    void theFixturesCoverBothSourcesAndTheirVersionsAreRecorded() {
        List<Fixture> all = fixtures();
        assertThat(all).hasSizeGreaterThanOrEqualTo(10);
        assertThat(all).anyMatch(f -> f.source().get("kind").getAsString().equals("fsdd"));
        assertThat(all).anyMatch(f -> !f.config().log());
        // a clip shorter than one frame, and an FSDD clip among them
        assertThat(all)
                .anyMatch(f -> f.source().get("samples").getAsInt() < f.config().nFft()
                        && f.source().get("kind").getAsString().equals("fsdd"));
        JsonObject versions = MfccFixtures.index().getAsJsonObject("versions");
        assertThat(versions.get("torch").getAsString()).isNotBlank();
        assertThat(versions.get("torchaudio").getAsString()).isNotBlank();
    }

    @Test
    void melFilterBankAgreesWithTorchaudio() {
        JsonObject f = MfccFixtures.json("melbank-small.json");
        MfccConfig config = MfccFixtures.config(f);
        double[][] expected = MfccFixtures.matrix(f, "weights");
        MelFilterBank bank = new Mfcc(config).filterBank();

        assertThat(expected).hasNumberOfRows(bank.filters());
        double maxDiff = 0;
        double maxWeight = 0;
        for (int m = 0; m < bank.filters(); m++) {
            assertThat(expected[m]).hasSize(bank.bins());
            for (int k = 0; k < bank.bins(); k++) {
                maxDiff = Math.max(maxDiff, Math.abs(bank.weight(m, k) - expected[m][k]));
                maxWeight = Math.max(maxWeight, expected[m][k]);
                // the sparse range holds exactly the nonzero weights
                boolean inside = k >= bank.firstBin(m) && k < bank.firstBin(m) + bank.length(m);
                assertThat(inside).as("filter %d bin %d", m, k).isEqualTo(expected[m][k] > 0);
            }
        }
        System.out.printf("melbank-small: max weight %.4g, max abs diff %.3g%n", maxWeight, maxDiff);
        assertThat(maxDiff).isLessThan(1e-12 * maxWeight);
    }
}
