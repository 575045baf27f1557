package dev.lstmforge.plugins.audio;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.plugins.audio.data.Clip;
import dev.lstmforge.plugins.audio.data.Splits;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.util.List;
import java.util.Map;

/**
 * Prepared audio: training and validation batches (bucketed by length), the encoded test clips,
 * the split, and notes for the report. When a saved model is evaluated only the test clips are
 * decoded, and the training and validation datasets are empty.
 */
public final class AudioData extends PreparedData<AudioState> {

    /** Steps of the shapes used to initialise the block; an LSTM's weights do not depend on it. */
    private static final int INIT_STEPS = 8;

    private final Splits.Plan plan;
    private final List<Sequence> test;
    private final List<String> notes;
    private final Map<String, double[]> driftReference;
    private final Templates templates;

    /**
     * The training clips' standardised MFCC and classes, the templates of the DTW baseline; empty
     * when the baseline is off.
     *
     * @param mfcc each training clip's MFCC stream, frame-major
     * @param labels each clip's class index
     */
    record Templates(List<float[]> mfcc, int[] labels) {
        static final Templates NONE = new Templates(List.of(), new int[0]);
    }

    AudioData(
            Dataset train,
            Dataset validation,
            AudioState state,
            DataFingerprint fingerprint,
            Splits.Plan plan,
            List<Sequence> test,
            List<String> notes,
            Map<String, double[]> driftReference,
            Templates templates) {
        super(train, validation, shapes(state), state, fingerprint);
        this.plan = plan;
        this.test = List.copyOf(test);
        this.notes = List.copyOf(notes);
        this.driftReference = driftReference;
        this.templates = templates;
    }

    /** @return the DTW baseline's templates, empty when it is off */
    Templates templates() {
        return templates;
    }

    /** The training clips' duration and loudness ({@link AudioDrift}); none when only evaluating. */
    @Override
    public Map<String, double[]> driftReference() {
        return driftReference;
    }

    static Shape[] shapes(AudioState s) {
        return new Shape[] {
            new Shape(1, INIT_STEPS, s.spectralWidth()), new Shape(1, INIT_STEPS, s.hopLength), new Shape(1)
        };
    }

    /** @return the split */
    public Splits.Plan plan() {
        return plan;
    }

    /** @return the test clips, in {@link Splits.Plan#test()} order */
    public List<Clip> testClips() {
        return plan.test();
    }

    /** @return the encoded test clips, index-aligned with {@link #testClips()} */
    public List<Sequence> test() {
        return test;
    }

    /** @return notes on the data for the report (fallback data, cut clips) */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String sampleUnit() {
        return "clips";
    }
}
