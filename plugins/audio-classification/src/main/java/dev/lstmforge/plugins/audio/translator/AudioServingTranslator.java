package dev.lstmforge.plugins.audio.translator;

import ai.djl.modality.Input;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslatorContext;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.plugins.audio.AudioState;
import dev.lstmforge.plugins.audio.ClipEncoder;
import dev.lstmforge.plugins.audio.decode.AudioDecoder;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import dev.lstmforge.support.serving.PaddingBatchifier;
import dev.lstmforge.support.serving.ProjectServingTranslator;
import java.nio.file.Path;
import java.util.Arrays;

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
public final class AudioServingTranslator extends ProjectServingTranslator<AudioState> {

    private static final String SECONDS = "seconds";
    private static final String TOP = "top";

    private AudioDecoder decoder;
    private ThreadLocal<ClipEncoder> encoder;

    /** Creates the translator; DJL Serving calls this by name. */
    public AudioServingTranslator() {
        super(AudioState.class, "classification");
    }

    @Override
    protected void onLoad(Path modelDir, AudioState state, HyperParameters hp) {
        decoder = new AudioDecoder(state.sampleRate);
        encoder = ThreadLocal.withInitial(() -> new ClipEncoder(state));
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
        String topText = input.getProperty(TOP, "3");
        int top;
        try {
            top = Integer.parseInt(topText.strip());
        } catch (NumberFormatException e) {
            throw new DataException("property top: '" + topText + "' is not a whole number");
        }
        if (top < 1) {
            throw new DataException("property top: " + top + " must be at least 1");
        }
        float[] samples = decoder.decode(bytes, "request");
        if (samples.length > state.maxSamples()) {
            samples = Arrays.copyOf(samples, state.maxSamples());
        }
        Sequence s = encoder.get().encode(samples, 0);
        ctx.setAttachment(SECONDS, samples.length / (double) state.sampleRate);
        ctx.setAttachment(TOP, Math.min(top, state.classes.size()));
        NDManager m = ctx.getNDManager();
        return new NDList(
                m.create(s.streams()[0], new Shape(s.length(), state.nMfcc)),
                m.create(s.streams()[1], new Shape(s.length(), state.hopLength)),
                m.create(new int[] {s.length()}).reshape(new Shape()).toType(DataType.INT32, false));
    }

    @Override
    protected JsonElement decode(TranslatorContext ctx, NDList output) {
        AudioState state = state();
        float[] p = output.head().softmax(0).toFloatArray();
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        JsonObject out = new JsonObject();
        out.addProperty("label", state.classes.get(order[0]));
        out.addProperty("probability", p[order[0]]);
        JsonArray top = new JsonArray();
        int k = (Integer) ctx.getAttachment(TOP);
        for (int i = 0; i < k; i++) {
            JsonObject c = new JsonObject();
            c.addProperty("class", state.classes.get(order[i]));
            c.addProperty("probability", p[order[i]]);
            top.add(c);
        }
        out.add("top", top);
        out.addProperty(SECONDS, (Double) ctx.getAttachment(SECONDS));
        return out;
    }
}
