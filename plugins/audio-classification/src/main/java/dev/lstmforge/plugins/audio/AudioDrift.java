package dev.lstmforge.plugins.audio;

import java.util.List;
import java.util.Map;

/**
 * The per-clip features audio models are watched on for drift: duration ({@code seconds}) and
 * loudness ({@code rms_db}, the clip's root mean square level in dB relative to full scale, after
 * removing its mean). One value of each per clip, so clips count as independent samples. A new
 * microphone, gain setting or kind of recording shows in them before it shows in accuracy.
 *
 * <pre>{@code
 * Map<String, double[]> f = AudioDrift.of(List.of(samples), 8000);   // {seconds: [0.52], rms_db: [-21.3]}
 * }</pre>
 */
public final class AudioDrift {

    /** Duration feature name. */
    public static final String SECONDS = "seconds";

    /** Loudness feature name. */
    public static final String RMS_DB = "rms_db";

    /** Level given to a silent clip, in dB. */
    static final double SILENCE_DB = -120;

    private AudioDrift() {}

    /**
     * Computes the features of clips.
     *
     * @param clips decoded mono clips
     * @param sampleRate their sample rate
     * @return the two features, one value per clip each
     */
    public static Map<String, double[]> of(List<float[]> clips, int sampleRate) {
        double[] seconds = new double[clips.size()];
        double[] db = new double[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            float[] x = clips.get(i);
            seconds[i] = x.length / (double) sampleRate;
            db[i] = rmsDb(x);
        }
        return Map.of(SECONDS, seconds, RMS_DB, db);
    }

    /**
     * Returns a clip's RMS level in dB after removing its mean.
     *
     * @param x the samples
     * @return the level, {@value #SILENCE_DB} for an empty or silent clip
     */
    static double rmsDb(float[] x) {
        if (x.length == 0) {
            return SILENCE_DB;
        }
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double sq = 0;
        for (float v : x) {
            double d = v - mean;
            sq += d * d;
        }
        double rms = Math.sqrt(sq / x.length);
        return rms > 1e-6 ? Math.max(SILENCE_DB, 20 * Math.log10(rms)) : SILENCE_DB;
    }
}
