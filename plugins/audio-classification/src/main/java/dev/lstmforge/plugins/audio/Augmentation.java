package dev.lstmforge.plugins.audio;

import java.util.Random;

/**
 * Light augmentation of training clips, drawn anew for every pass: a time shift of up to 0.1 s
 * (the clip keeps its length; the shifted-out end is dropped, the gap is silent), a gain of up to
 * 6 dB either way, and white noise at a signal-to-noise ratio between 20 and 40 dB. Never applied
 * to validation or test clips.
 *
 * <pre>{@code
 * float[] noisy = Augmentation.apply(samples, 22050, new Random(seed));
 * }</pre>
 */
public final class Augmentation {

    private Augmentation() {}

    /**
     * Returns an augmented copy of a clip.
     *
     * @param samples the clip
     * @param sampleRate its rate
     * @param r the random source
     * @return a new array of the same length
     */
    public static float[] apply(float[] samples, int sampleRate, Random r) {
        int n = samples.length;
        float[] out = new float[n];
        int maxShift = Math.min(n / 4, sampleRate / 10);
        int shift = maxShift == 0 ? 0 : r.nextInt(2 * maxShift + 1) - maxShift;
        double gain = Math.pow(10, (r.nextDouble() * 12 - 6) / 20);
        double energy = 0;
        for (float v : samples) {
            energy += (double) v * v;
        }
        double rms = Math.sqrt(energy / Math.max(1, n));
        double snrDb = 20 + 20 * r.nextDouble();
        double noise = rms / Math.pow(10, snrDb / 20);
        for (int i = 0; i < n; i++) {
            int src = i - shift;
            double v = src >= 0 && src < n ? samples[src] : 0;
            out[i] = (float) (gain * (v + noise * r.nextGaussian()));
        }
        return out;
    }
}
