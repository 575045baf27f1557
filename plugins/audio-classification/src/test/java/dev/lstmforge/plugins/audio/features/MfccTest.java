package dev.lstmforge.plugins.audio.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of {@link Mfcc} that hold by definition, independent of any reference values. */
class MfccTest {

    @Test
    void framesAreOnePlusSamplesOverHop() {
        Mfcc mfcc = new Mfcc(MfccConfig.defaults(8000));
        assertThat(mfcc.frames(0)).isEqualTo(1);
        assertThat(mfcc.frames(511)).isEqualTo(1);
        assertThat(mfcc.frames(512)).isEqualTo(2);
        assertThat(mfcc.frames(8000)).isEqualTo(16);
        assertThat(mfcc.compute(new float[8000])).hasNumberOfRows(16);
        assertThat(mfcc.compute(new float[1000])[0]).hasSize(40);
        assertThatThrownBy(() -> mfcc.frames(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples -1 must not be negative");
    }

    @Test
    void anEmptyClipGivesOneFrameOfSilence() {
        // All-zero mel power is clamped to amin = 1e-10, i.e. -100 dB in every band; the
        // orthonormal DCT of a constant c over N bands is c * sqrt(N) in coefficient 0, else 0.
        Mfcc mfcc = new Mfcc(MfccConfig.defaults(8000));
        float[][] out = mfcc.compute(new float[0]);
        assertThat(out).hasNumberOfRows(1);
        assertThat((double) out[0][0]).isCloseTo(-100 * Math.sqrt(128), within(1e-3));
        for (int c = 1; c < 40; c++) {
            assertThat((double) out[0][c]).isCloseTo(0, within(1e-3));
        }
        Mfcc power = new Mfcc(new MfccConfig(8000, 13, 512, 128, 40, 0, 0, 80, false));
        assertThat(power.compute(new float[0])[0]).containsOnly(0f);
    }

    @Test
    void dctIsOrthonormal() {
        int n = 40;
        double[] d = Mfcc.dctMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int m = 0; m < n; m++) {
                    dot += d[i * n + m] * d[j * n + m];
                }
                assertThat(dot).as("row %d . row %d", i, j).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
        // the kept rows are the first rows of the full matrix
        assertThat(new Mfcc(MfccConfig.defaults(8000)).dct())
                .containsExactly(Arrays.copyOf(Mfcc.dctMatrix(128, 128), 40 * 128));
    }

    @Test
    void slaneyMelScaleMatchesLibrosasDocumentedFrequencies() {
        // librosa.mel_frequencies(n_mels=40) (fmax 11025), as printed in librosa's documentation
        double[] documented = {
            0.0, 85.317, 170.635, 255.952, 341.269, 426.586, 511.904, 597.221, 682.538, 767.855, 853.173, 938.49,
            1024.856, 1119.114, 1222.042, 1334.436, 1457.167, 1591.187, 1737.532, 1897.337, 2071.84, 2262.393, 2470.47,
            2697.686, 2945.799, 3216.731, 3512.582, 3835.643, 4188.417, 4573.636, 4994.285, 5453.621, 5955.205, 6502.92,
            7101.009, 7754.107, 8467.272, 9246.028, 10096.408, 11025.0
        };
        double top = MelFilterBank.hzToMel(11025);
        for (int i = 0; i < documented.length; i++) {
            assertThat(MelFilterBank.melToHz(top * i / 39)).isCloseTo(documented[i], within(1e-3));
        }
        assertThat(MelFilterBank.hzToMel(60)).isCloseTo(0.9, within(1e-12));
        assertThat(MelFilterBank.hzToMel(440)).isCloseTo(6.6, within(1e-12));
        assertThat(MelFilterBank.hzToMel(1000)).isCloseTo(15, within(1e-12));
        for (double hz : new double[] {0, 20, 999.999, 1000, 3800, 11025}) {
            assertThat(MelFilterBank.melToHz(MelFilterBank.hzToMel(hz))).isCloseTo(hz, within(1e-9));
        }
    }

    @Test
    void melFiltersPeakAtTheirCentreWithUnitArea() {
        int sr = 8000;
        int nFft = 2048;
        int nMels = 40;
        MelFilterBank bank = new MelFilterBank(sr, nFft, nMels, 0, 4000);
        double binHz = (double) sr / nFft;
        double step = MelFilterBank.hzToMel(4000) / (nMels + 1);
        double[] sumOfUnnormalised = new double[bank.bins()];
        for (int m = 0; m < nMels; m++) {
            double lower = MelFilterBank.melToHz(step * m);
            double centre = MelFilterBank.melToHz(step * (m + 1));
            double upper = MelFilterBank.melToHz(step * (m + 2));
            double height = 2 / (upper - lower); // a triangle of unit area in Hz
            double area = 0;
            double peak = 0;
            int peakBin = -1;
            for (int k = 0; k < bank.bins(); k++) {
                double w = bank.weight(m, k);
                area += w * binHz;
                if (w > peak) {
                    peak = w;
                    peakBin = k;
                }
                sumOfUnnormalised[k] += w / height;
            }
            assertThat(peak).as("filter %d peak", m).isLessThanOrEqualTo(height * (1 + 1e-12));
            assertThat(Math.abs(peakBin * binHz - centre))
                    .as("filter %d peak bin", m)
                    .isLessThan(binHz);
            assertThat(peak).as("filter %d peak height", m).isGreaterThan(height * (1 - binHz / (centre - lower)));
            // Riemann sum of a triangle at least ~25 bins wide (the narrowest here): within 1 %
            assertThat(area).as("filter %d area", m).isCloseTo(1.0, within(0.01));
        }
        // Adjacent triangles share edges, so the unnormalised triangles sum to 1 between the
        // first and the last centre.
        double firstCentre = MelFilterBank.melToHz(step);
        double lastCentre = MelFilterBank.melToHz(step * nMels);
        for (int k = 0; k < bank.bins(); k++) {
            double f = k * binHz;
            if (f >= firstCentre && f <= lastCentre) {
                assertThat(sumOfUnnormalised[k]).as("bin %d", k).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void theMfccAreTheDctOfTheLogMelBands() {
        // computeLogMel gives the values the cepstrum is taken of: the DCT of its output is the
        // MFCC to float rounding (so MfccReferenceTest's agreement with torchaudio carries over)
        int sr = 8000;
        int nMels = 32;
        MfccConfig config = new MfccConfig(sr, 13, 512, 128, nMels, 0, 0, 80, true);
        Mfcc mfcc = new Mfcc(config);
        SplittableRandom r = new SplittableRandom(4);
        float[] clip = new float[3000];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440.0 * i / sr) + 0.05 * r.nextGaussian());
        }
        int frames = mfcc.frames(clip.length);
        float[] mel = new float[frames * nMels];
        assertThat(mfcc.computeLogMel(clip, clip.length, mel)).isEqualTo(frames);
        float[][] c = mfcc.compute(clip);
        double[] d = Mfcc.dctMatrix(13, nMels);
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < 13; k++) {
                double sum = 0;
                for (int m = 0; m < nMels; m++) {
                    sum += d[k * nMels + m] * mel[t * nMels + m];
                }
                assertThat(c[t][k]).as("frame %d coefficient %d", t, k).isCloseTo((float) sum, within(2e-3f));
            }
        }
        // in dB, within top_db of the clip's loudest band
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : mel) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertThat(max - min).isLessThanOrEqualTo(80f + 1e-3f);
        assertThatThrownBy(() -> mfcc.computeLogMel(clip, clip.length, new float[frames * nMels - 1]))
                .hasMessageContaining("frames * nMels");
    }

    @Test
    void aToneLandsInTheMelBandsAroundItsFrequency() {
        // With log=false and nMfcc = nMels the DCT is invertible: D^T c is the mel power.
        int sr = 8000;
        MfccConfig config = new MfccConfig(sr, 40, 512, 128, 40, 0, 0, 0, false);
        Mfcc mfcc = new Mfcc(config);
        float[] tone = new float[sr];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(2 * Math.PI * 1500.0 * i / sr);
        }
        float[][] c = mfcc.compute(tone);
        double[] d = Mfcc.dctMatrix(40, 40);
        double[] mel = new double[40];
        int middle = c.length / 2;
        for (int m = 0; m < 40; m++) {
            for (int k = 0; k < 40; k++) {
                mel[m] += d[k * 40 + m] * c[middle][k];
            }
        }
        int best = 0;
        for (int m = 1; m < 40; m++) {
            if (mel[m] > mel[best]) {
                best = m;
            }
        }
        double step = MelFilterBank.hzToMel(4000) / 41;
        assertThat(MelFilterBank.melToHz(step * best)).isLessThan(1500);
        assertThat(MelFilterBank.melToHz(step * (best + 2))).isGreaterThan(1500);
    }

    @Test
    void topDbRaisesEverythingBelowTheClipMaximumMinusTopDb() {
        int sr = 8000;
        MfccConfig config = new MfccConfig(sr, 64, 1024, 256, 64, 0, 0, 30, true);
        float[] clip = new float[4 * sr];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < clip.length; i++) {
            double gain = i < sr ? 1e-4 : 1.0; // a quiet first second
            clip[i] = (float) (gain * (random.nextDouble() * 2 - 1));
        }
        float[][] c = new Mfcc(config).compute(clip);
        double[] d = Mfcc.dctMatrix(64, 64);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (float[] frame : c) {
            for (int m = 0; m < 64; m++) {
                double db = 0;
                for (int k = 0; k < 64; k++) {
                    db += d[k * 64 + m] * frame[k];
                }
                max = Math.max(max, db);
                min = Math.min(min, db);
            }
        }
        // the quiet second sits 80 dB down, so it is clipped to exactly max - 30
        assertThat(min).isCloseTo(max - 30, within(1e-2));
    }

    @Test
    void anInstanceCanBeReusedForClipsOfAnyLength() {
        MfccConfig config = MfccConfig.defaults(22050);
        Mfcc reused = new Mfcc(config);
        float[] long1 = MfccFixtures.synthetic(22050, 50_000);
        float[] short1 = Arrays.copyOf(long1, 3000);
        reused.compute(long1);
        assertThat(reused.compute(short1)).isDeepEqualTo(new Mfcc(config).compute(short1));
        assertThat(reused.compute(long1)).isDeepEqualTo(new Mfcc(config).compute(long1));
    }

    @Test
    void computeRejectsBadArguments() {
        Mfcc mfcc = new Mfcc(MfccConfig.defaults(8000));
        assertThatThrownBy(() -> mfcc.compute(new float[10], 11, new float[40]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length 11 must be between 0 and samples.length (10)");
        assertThatThrownBy(() -> mfcc.compute(new float[10], -1, new float[40]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length -1 must be between 0 and samples.length (10)");
        assertThatThrownBy(() -> mfcc.compute(new float[1024], 1024, new float[40]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out.length 40 must be at least frames * nMfcc (120) for 1024 samples");
        assertThatThrownBy(() -> mfcc.compute(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultsAreLibrosas() {
        MfccConfig c = MfccConfig.defaults(8000);
        assertThat(c).isEqualTo(new MfccConfig(8000, 40, 2048, 512, 128, 0, 0, 80, true));
        assertThat(c.effectiveFmax()).isEqualTo(4000.0);
        assertThat(new MfccConfig(22050, 13, 512, 128, 40, 20, 3800, 80, true).effectiveFmax())
                .isEqualTo(3800.0);
        assertThat(new MfccConfig(11025, 13, 512, 128, 40, 20, -1, 80, true).effectiveFmax())
                .isEqualTo(5512.5);
    }

    @Test
    void configValidationNamesTheFieldAndValue() {
        assertInvalid(() -> new MfccConfig(0, 40, 2048, 512, 128, 0, 0, 80, true), "sampleRate 0 must be at least 1");
        assertInvalid(() -> MfccConfig.defaults(-8000), "sampleRate -8000 must be at least 1");
        assertInvalid(
                () -> new MfccConfig(8000, 0, 2048, 512, 128, 0, 0, 80, true),
                "nMfcc 0 must be between 1 and nMels (128)");
        assertInvalid(
                () -> new MfccConfig(8000, 129, 2048, 512, 128, 0, 0, 80, true),
                "nMfcc 129 must be between 1 and nMels (128)");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 2047, 512, 128, 0, 0, 80, true),
                "nFft 2047 must be an even number of at least 2");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 0, 512, 128, 0, 0, 80, true),
                "nFft 0 must be an even number of at least 2");
        assertInvalid(() -> new MfccConfig(8000, 40, 2048, 0, 128, 0, 0, 80, true), "hopLength 0 must be at least 1");
        assertInvalid(() -> new MfccConfig(8000, 1, 2048, 512, 0, 0, 0, 80, true), "nMels 0 must be at least 1");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 2048, 512, 128, 0, 5000, 80, true),
                "fmax 5000.0 must be at most half the sample rate (4000.0)");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 2048, 512, 128, 0, Double.NaN, 80, true),
                "fmax NaN must be at most half the sample rate (4000.0)");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 2048, 512, 128, -1, 0, 80, true),
                "fmin -1.0 must be at least 0 and below fmax (4000.0)");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 2048, 512, 128, 3000, 3000, 80, true),
                "fmin 3000.0 must be at least 0 and below fmax (3000.0)");
        assertInvalid(
                () -> new MfccConfig(8000, 40, 2048, 512, 128, 0, 0, Double.NaN, true),
                "topDb NaN must be a number (0 or less disables clipping)");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
