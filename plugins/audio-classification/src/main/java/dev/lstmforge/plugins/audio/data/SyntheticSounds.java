package dev.lstmforge.plugins.audio.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a small labelled set of vowel-like sounds, used when no audio data is given and none
 * is found under the data root. Each class is a vowel, defined by its first two formants; each
 * clip is a harmonic tone at a "speaker's" pitch whose harmonics are shaped by the class's
 * formants, with a random length (0.2-0.8 s), pitch drift, attack/decay envelope, gain and
 * background noise. The pitch alone says nothing about the class (every speaker says every
 * vowel), the spectral envelope does.
 *
 * <pre>{@code
 * SyntheticSounds.Generated set = SyntheticSounds.generate(22050, 40, new Random(42));
 * set.catalog().classes();      // [a, e, i, o, u]
 * set.samples().get(0);         // float[] in [-1, 1]
 * }</pre>
 */
public final class SyntheticSounds {

    /** Class name and formants F1, F2 in Hz (typical adult values). */
    private static final Object[][] VOWELS = {
        {"a", 730.0, 1090.0}, {"e", 530.0, 1840.0}, {"i", 270.0, 2290.0}, {"o", 570.0, 840.0}, {"u", 300.0, 870.0}
    };

    /** Speakers' base pitch in Hz. */
    private static final double[] SPEAKERS = {110, 140, 185, 225};

    private SyntheticSounds() {}

    /**
     * The generated clips and their samples, index-aligned.
     *
     * @param catalog the clips (no files; grouped by speaker)
     * @param samples each clip's samples
     */
    public record Generated(AudioCatalog catalog, List<float[]> samples) {}

    /**
     * A speech-like test signal: three harmonics under a 3 Hz syllable envelope, plus a little
     * noise. The benchmarks' input, so every run measures the same work.
     *
     * @param sampleRate samples per second
     * @param seconds length
     * @param seed the noise's seed
     * @return the samples, within [-1, 1]
     */
    public static float[] speechLike(int sampleRate, int seconds, long seed) {
        float[] clip = new float[sampleRate * seconds];
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < clip.length; i++) {
            double t = (double) i / sampleRate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            clip[i] = (float) (envelope
                            * (0.4 * Math.sin(2 * Math.PI * 180 * t)
                                    + 0.2 * Math.sin(2 * Math.PI * 720 * t)
                                    + 0.1 * Math.sin(2 * Math.PI * 2400 * t))
                    + 0.01 * (random.nextDouble() * 2 - 1));
        }
        return clip;
    }

    /**
     * Generates {@code perClass} clips of each vowel, spread over four speakers.
     *
     * @param sampleRate samples per second
     * @param perClass clips per class, at least 4
     * @param random the random source
     * @return the set
     */
    public static Generated generate(int sampleRate, int perClass, Random random) {
        List<Clip> clips = new ArrayList<>();
        List<float[]> samples = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Object[] v : VOWELS) {
            classes.add((String) v[0]);
        }
        for (int k = 0; k < VOWELS.length; k++) {
            for (int i = 0; i < perClass; i++) {
                int speaker = i % SPEAKERS.length;
                String label = (String) VOWELS[k][0];
                String group = "voice" + (speaker + 1);
                int take = i / SPEAKERS.length;
                clips.add(new Clip(null, label + "_" + group + "_" + take, label, group, take));
                samples.add(vowel(sampleRate, (double) VOWELS[k][1], (double) VOWELS[k][2], SPEAKERS[speaker], random));
            }
        }
        return new Generated(new AudioCatalog(Layout.SYNTHETIC, null, clips, classes), samples);
    }

    private static float[] vowel(int rate, double f1, double f2, double pitch, Random r) {
        double seconds = 0.2 + 0.6 * r.nextDouble();
        int n = (int) (seconds * rate);
        double f0 = pitch * (0.9 + 0.2 * r.nextDouble());
        double drift = (r.nextDouble() - 0.5) * 0.2; // relative pitch change over the clip
        // each speaker's vocal tract differs a little: formants scaled by up to +-8%
        double scale = 0.92 + 0.16 * r.nextDouble();
        double g1 = f1 * scale;
        double g2 = f2 * scale;
        int harmonics = (int) Math.min(40, (rate / 2.0 - 100) / f0);
        double[] amp = new double[harmonics + 1];
        for (int h = 1; h <= harmonics; h++) {
            double f = h * f0;
            amp[h] = resonance(f, g1, 90) + 0.7 * resonance(f, g2, 120) + 0.02;
        }
        float[] out = new float[n];
        double gain = 0.2 + 0.6 * r.nextDouble();
        double noise = 0.005 + 0.02 * r.nextDouble();
        double phase = 0;
        double peak = 1e-9;
        double[] raw = new double[n];
        for (int t = 0; t < n; t++) {
            double progress = (double) t / n;
            double f = f0 * (1 + drift * progress);
            phase += 2 * Math.PI * f / rate;
            double s = 0;
            for (int h = 1; h <= harmonics; h++) {
                s += amp[h] * Math.sin(h * phase);
            }
            double env = Math.min(1, progress * 12) * Math.min(1, (1 - progress) * 6);
            raw[t] = s * env;
            peak = Math.max(peak, Math.abs(raw[t]));
        }
        for (int t = 0; t < n; t++) {
            out[t] = (float) (gain * raw[t] / peak + noise * r.nextGaussian());
        }
        return out;
    }

    private static double resonance(double f, double centre, double width) {
        double d = (f - centre) / width;
        return Math.exp(-0.5 * d * d);
    }
}
