package dev.lstmforge.plugins.audio;

import java.util.Arrays;
import java.util.Random;

/**
 * Light augmentation of training clips, drawn anew for every pass: a speed change of up to 10%
 * either way (resampling by linear interpolation, which moves pitch and formants together, as a
 * longer or shorter vocal tract and a slower or faster talker would), a time shift of up to 0.1 s
 * (the shifted-out end is dropped, the gap is silent), a gain of up to 6 dB either way, and white
 * noise at a signal-to-noise ratio between 20 and 40 dB. Never applied to validation or test
 * clips.
 *
 * <pre>{@code
 * float[] varied = Augmentation.apply(samples, 22050, new Random(seed));
 * }</pre>
 */
public final class Augmentation {

    /** Largest relative speed change. */
    static final double MAX_SPEED_CHANGE = 0.1;

    private Augmentation() {}

    /**
     * Returns an augmented copy of a clip.
     *
     * @param samples the clip
     * @param sampleRate its rate
     * @param r the random source
     * @return a new array, up to 10% longer or shorter than the clip
     */
    public static float[] apply(float[] samples, int sampleRate, Random r) {
        return apply(samples, sampleRate, MAX_SPEED_CHANGE, r);
    }

    /**
     * Returns an augmented copy of a clip with a chosen largest speed change.
     *
     * @param samples the clip
     * @param sampleRate its rate
     * @param maxSpeedChange the largest relative speed change either way, in [0, 0.5]
     * @param r the random source
     * @return a new array
     */
    public static float[] apply(float[] samples, int sampleRate, double maxSpeedChange, Random r) {
        double speed = 1 + (2 * r.nextDouble() - 1) * maxSpeedChange;
        float[] x = resample(samples, speed);
        int n = x.length;
        float[] out = new float[n];
        int maxShift = Math.min(n / 4, sampleRate / 10);
        int shift = maxShift == 0 ? 0 : r.nextInt(2 * maxShift + 1) - maxShift;
        double gain = Math.pow(10, (r.nextDouble() * 12 - 6) / 20);
        double energy = 0;
        for (float v : x) {
            energy += (double) v * v;
        }
        double rms = Math.sqrt(energy / Math.max(1, n));
        double snrDb = 20 + 20 * r.nextDouble();
        double noise = rms / Math.pow(10, snrDb / 20);
        for (int i = 0; i < n; i++) {
            int src = i - shift;
            double v = src >= 0 && src < n ? x[src] : 0;
            out[i] = (float) (gain * (v + noise * r.nextGaussian()));
        }
        return out;
    }

    /**
     * Masks parts of an encoded clip in place, in the manner of SpecAugment: up to two stretches of
     * time (each at most a tenth of the clip's frames) are set to 0 in every stream, and one band
     * of up to a fifth of the spectral stream's values (MFCC or log-mel bands) is set to 0 in every frame. After standardising, 0
     * is the training mean, so a mask hides information without adding an outlier.
     *
     * @param streams the clip's streams, {@code steps * width} values each, frame-major
     * @param widths each stream's values per step
     * @param steps the clip's steps
     * @param r the random source
     */
    public static void mask(float[][] streams, int[] widths, int steps, Random r) {
        int maxWidth = steps / 10;
        for (int k = 0; k < 2 && maxWidth > 0; k++) {
            int w = r.nextInt(maxWidth + 1);
            int t0 = r.nextInt(steps - w + 1);
            for (int s = 0; s < streams.length; s++) {
                Arrays.fill(streams[s], t0 * widths[s], (t0 + w) * widths[s], 0f);
            }
        }
        int n = widths[0];
        int band = r.nextInt(n / 5 + 1);
        int c0 = r.nextInt(n - band + 1);
        for (int t = 0; t < steps; t++) {
            Arrays.fill(streams[0], t * n + c0, t * n + c0 + band, 0f);
        }
    }

    /** Plays the clip {@code speed} times as fast: output sample i reads input position i * speed. */
    static float[] resample(float[] x, double speed) {
        int n = Math.max(1, (int) Math.floor((x.length - 1) / speed) + 1);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double pos = i * speed;
            int k = (int) pos;
            double frac = pos - k;
            float a = x[Math.min(k, x.length - 1)];
            float b = x[Math.min(k + 1, x.length - 1)];
            out[i] = (float) (a + frac * (b - a));
        }
        return out;
    }
}
