package dev.lstmforge.plugins.audio.translator;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.plugins.audio.AudioDrift;
import dev.lstmforge.plugins.audio.AudioState;
import dev.lstmforge.plugins.audio.ClipEncoder;
import dev.lstmforge.plugins.audio.decode.AudioDecoder;
import dev.lstmforge.spi.DriftFeatures;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import dev.lstmforge.support.serving.ClassifierTableScoring;
import dev.lstmforge.support.serving.PaddingBatchifier;
import dev.lstmforge.support.serving.ProjectServingTranslator;
import dev.lstmforge.support.serving.RequestMemo;
import dev.lstmforge.support.serving.TopClasses;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Classifies one sound: the one inference path of the audio models (CLI {@code predict}, the
 * Java API, DJL Serving).
 *
 * <p>Request body: the bytes of an audio file in any format FFmpeg decodes (WAV, FLAC, MP3, OGG,
 * ...); it is resampled to the model's rate and mixed to mono exactly as in training. Request
 * property {@code top} (default 3): how many classes to list. Response: JSON
 * {@code {"label", "probability", "top": [{"class", "probability"}], "seconds"}}. Several requests
 * are batched into one forward pass, each clip zero-padded to the longest; the model reads every
 * clip at its own last frame, so a clip gets the same answer alone and in a batch.
 */
public final class AudioServingTranslator extends ProjectServingTranslator<AudioState>
        implements DriftFeatures, ClassifierTableScoring {

    private static final String SECONDS = "seconds";

    private AudioDecoder decoder;
    private ThreadLocal<ClipEncoder> encoder;

    /** Drift features of requests encoded but not yet asked for (their clip is decoded once). */
    private final RequestMemo<Map<String, double[]>> drift = new RequestMemo<>();

    /** Creates the translator; DJL Serving calls this by name. */
    public AudioServingTranslator() {
        super(AudioState.class, "classification");
    }

    @Override
    protected void onLoad(Path modelDir, AudioState state, HyperParameters hp) {
        decoder = new AudioDecoder(state.sampleRate);
        encoder = ThreadLocal.withInitial(() -> new ClipEncoder(state));
    }

    /** The clip's duration and loudness ({@link AudioDrift}), decoded as {@code encode} decodes it. */
    @Override
    public Map<String, double[]> driftFeatures(Input input) throws TranslateException {
        Map<String, double[]> kept = drift.take(input);
        if (kept != null) {
            return kept;
        }
        byte[] bytes = input.getData() == null ? new byte[0] : input.getData().getAsBytes();
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            float[] samples = decoder.decode(bytes, "request");
            if (samples.length > state().maxSamples()) {
                samples = Arrays.copyOf(samples, state().maxSamples());
            }
            return AudioDrift.of(List.of(samples), state().sampleRate);
        } catch (RuntimeException e) {
            throw new TranslateException("bad audio request: " + e.getMessage(), e);
        }
    }

    /** The answer's top-class probability ({@link TopClasses#CONFIDENCE}). */
    @Override
    public Map<String, double[]> outputFeatures(Input input, Output output) throws TranslateException {
        return TopClasses.outputFeatures(output);
    }

    @Override
    protected boolean textBody() {
        return false;
    }

    @Override
    public Batchifier getBatchifier() {
        return PaddingBatchifier.INSTANCE;
    }

    @Override
    protected NDList encode(TranslatorContext ctx, String body, Input input) {
        AudioState state = state();
        byte[] bytes = input.getData() == null ? new byte[0] : input.getData().getAsBytes();
        if (bytes.length == 0) {
            throw new DataException("send the bytes of an audio file (WAV, FLAC, MP3, ...) as the request body");
        }
        int top = TopClasses.requested(input, state.classes.size());
        float[] samples = decoder.decode(bytes, "request");
        if (samples.length > state.maxSamples()) {
            samples = Arrays.copyOf(samples, state.maxSamples());
        }
        drift.put(input, AudioDrift.of(List.of(samples), state.sampleRate));
        Sequence s = encoder.get().encode(samples, 0);
        ctx.setAttachment(SECONDS, samples.length / (double) state.sampleRate);
        ctx.setAttachment(TopClasses.PROPERTY, top);
        NDManager m = ctx.getNDManager();
        return new NDList(
                m.create(s.streams()[0], new Shape(s.length(), state.spectralWidth())),
                m.create(s.streams()[1], new Shape(s.length(), state.hopLength)),
                m.create(new int[] {s.length()}).reshape(new Shape()).toType(DataType.INT32, false));
    }

    @Override
    protected JsonElement decode(TranslatorContext ctx, NDList output) {
        AudioState state = state();
        float[] p = output.head().softmax(0).toFloatArray();
        JsonObject out = TopClasses.json(p, state.classes, (Integer) ctx.getAttachment(TopClasses.PROPERTY));
        out.addProperty(SECONDS, (Double) ctx.getAttachment(SECONDS));
        return out;
    }
}
