package dev.lstmforge.plugins.video;

import java.util.List;
import java.util.Map;

/**
 * The per-clip features video models in frames mode are watched on for drift: {@code brightness}
 * (the mean of the sampled frames' pixel values) and {@code motion} (the mean absolute change of a
 * pixel from one sampled frame to the next), both over the frames as the model receives them. They
 * are meant to catch a new camera, lighting or frame rate; only their agreement with the training
 * clips is tested so far. One value of each per clip.
 *
 * <pre>{@code
 * Map<String, double[]> f = VideoDrift.of(List.of(clip.pixels()), List.of(clip.frames()), 3 * 112 * 112);
 * }</pre>
 */
public final class VideoDrift {

    /** Brightness feature name. */
    public static final String BRIGHTNESS = "brightness";

    /** Motion feature name. */
    public static final String MOTION = "motion";

    private VideoDrift() {}

    /**
     * Computes the features of clips.
     *
     * @param pixels each clip's frames, frame-major, {@code frames * valuesPerFrame} values used
     * @param frames each clip's frame count
     * @param valuesPerFrame values in one frame ({@code 3 * height * width})
     * @return the two features, one value per clip each
     */
    public static Map<String, double[]> of(List<float[]> pixels, List<Integer> frames, int valuesPerFrame) {
        double[] brightness = new double[pixels.size()];
        double[] motion = new double[pixels.size()];
        for (int i = 0; i < pixels.size(); i++) {
            float[] p = pixels.get(i);
            int n = Math.min(frames.get(i), p.length / valuesPerFrame);
            double sum = 0;
            double change = 0;
            for (int f = 0; f < n; f++) {
                int at = f * valuesPerFrame;
                for (int k = 0; k < valuesPerFrame; k++) {
                    sum += p[at + k];
                    if (f > 0) {
                        change += Math.abs(p[at + k] - p[at - valuesPerFrame + k]);
                    }
                }
            }
            brightness[i] = n == 0 ? 0 : sum / ((double) n * valuesPerFrame);
            motion[i] = n < 2 ? 0 : change / ((double) (n - 1) * valuesPerFrame);
        }
        return Map.of(BRIGHTNESS, brightness, MOTION, motion);
    }
}
