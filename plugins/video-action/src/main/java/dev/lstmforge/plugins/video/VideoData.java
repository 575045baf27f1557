package dev.lstmforge.plugins.video;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.util.List;
import java.util.Map;

/**
 * Prepared video (or keypoint) data: training and validation batches, the encoded test items,
 * the training counts per class (for the majority baseline), what one step of an item looks like,
 * the measured decoding cost, and notes for the report. When a saved model is evaluated only the
 * test items are prepared, and the training and validation datasets are empty.
 */
public final class VideoData extends PreparedData<VideoState> {

    private final List<Sequence> test;
    private final int[] trainCounts;
    private final Shape step;
    private final Timing timing;
    private final String split;
    private final List<String> notes;
    private final Map<String, double[]> driftReference;

    /**
     * Decoding and sampling cost over the clips prepared.
     *
     * @param clips clips decoded
     * @param framesDecoded frames the decoder produced in all (including those sampling dropped)
     * @param nanos wall time spent decoding and sampling, summed over clips
     * @param fallbacks clips whose key frames were too few, sampled uniformly instead
     * @param cacheHits clips whose features came from the cache (not decoded)
     */
    public record Timing(int clips, long framesDecoded, long nanos, int fallbacks, int cacheHits) {

        /** No decoding (keypoint input). */
        public static final Timing NONE = new Timing(0, 0, 0, 0, 0);

        /** @return milliseconds per decoded clip, or NaN when none was decoded */
        public double millisPerClip() {
            return clips == 0 ? Double.NaN : nanos / 1e6 / clips;
        }
    }

    VideoData(
            Dataset train,
            Dataset validation,
            Shape[] inputShapes,
            VideoState state,
            DataFingerprint fingerprint,
            List<Sequence> test,
            int[] trainCounts,
            Shape step,
            Timing timing,
            String split,
            List<String> notes,
            Map<String, double[]> driftReference) {
        super(train, validation, inputShapes, state, fingerprint);
        this.driftReference = driftReference;
        this.test = List.copyOf(test);
        this.trainCounts = trainCounts.clone();
        this.step = step;
        this.timing = timing;
        this.split = split;
        this.notes = List.copyOf(notes);
    }

    /**
     * The training clips' brightness and motion ({@link VideoDrift}) in frames mode; none with a
     * frozen backbone (its clips may come from the feature cache, undecoded) or keypoints.
     */
    @Override
    public Map<String, double[]> driftReference() {
        return driftReference;
    }

    /** @return the encoded test items */
    public List<Sequence> test() {
        return test;
    }

    /** @return training items per class */
    public int[] trainCounts() {
        return trainCounts.clone();
    }

    /** @return the shape of one step of an item: a frame {@code (3, s, s)}, features, or a keypoint */
    public Shape step() {
        return step;
    }

    /** @return the decoding cost */
    public Timing timing() {
        return timing;
    }

    /** @return the split in words */
    public String split() {
        return split;
    }

    /** @return notes on the data for the report */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String sampleUnit() {
        return "clips";
    }
}
