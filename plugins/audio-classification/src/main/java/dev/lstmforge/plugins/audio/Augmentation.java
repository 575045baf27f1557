package dev.lstmforge.plugins.audio;

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
        double speed = 1 + (2 * r.nextDouble() - 1) * MAX_SPEED_CHANGE;
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
