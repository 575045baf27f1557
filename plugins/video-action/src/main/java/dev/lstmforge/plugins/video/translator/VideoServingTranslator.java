package dev.lstmforge.plugins.video.translator;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.plugins.video.VideoActionProject;
import dev.lstmforge.plugins.video.VideoDrift;
import dev.lstmforge.plugins.video.VideoState;
import dev.lstmforge.plugins.video.decode.DecodedClip;
import dev.lstmforge.plugins.video.decode.Sampling;
import dev.lstmforge.plugins.video.decode.VideoDecoder;
import dev.lstmforge.spi.DriftFeatures;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.serving.ClassifierTableScoring;
import dev.lstmforge.support.serving.PaddingBatchifier;
import dev.lstmforge.support.serving.ProjectServingTranslator;
import dev.lstmforge.support.serving.RequestMemo;
import dev.lstmforge.support.serving.TopClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Classifies one video clip, or one keypoint trajectory: the one inference path of the video
 * models (CLI {@code predict}, the Java API, DJL Serving).
 *
 * <p>Video models: the request body is the bytes of a video file in any container and codec
 * FFmpeg reads (mp4, avi, mkv, webm; any size and frame rate). Its frames are sampled and resized
 * exactly as in training. Keypoint models: the body is text, the trajectory's {@code 2 * steps}
 * numbers ({@code x0, y0, x1, y1, ...}, separated by commas or white space) in the training CSV's
 * units. Request property {@code top} (default 3): how many classes to list. Response: JSON
 * {@code {"label", "probability", "top": [{"class", "probability"}], "frames": [indices]}}
 * ({@code frames} for video only: which frames of the clip were read).
 */
public final class VideoServingTranslator extends ProjectServingTranslator<VideoState>
        implements DriftFeatures, ClassifierTableScoring {

    private static final String FRAMES = "frames";

    private ThreadLocal<VideoDecoder> decoder;
    private Sampling sampling;

    /** Creates the translator; DJL Serving calls this by name. */
    public VideoServingTranslator() {
        super(VideoState.class, "classification");
    }

    /** Drift features of requests encoded but not yet asked for. */
    private final RequestMemo<Map<String, double[]>> recent = new RequestMemo<>();

    @Override
    protected void onLoad(Path modelDir, VideoState state, HyperParameters hp) {
        if (!keypoints(state)) {
            int s = state.frameSize;
            decoder = ThreadLocal.withInitial(() -> new VideoDecoder(s, s));
            sampling = state.samplingPlan();
        }
    }

    private static boolean keypoints(VideoState s) {
        return "keypoints".equals(s.input);
    }

    @Override
    protected boolean textBody() {
        return keypoints(state());
    }

    @Override
    public Batchifier getBatchifier() {
        return PaddingBatchifier.INSTANCE;
    }

    /**
     * The clip's brightness and motion ({@link VideoDrift}) in frames mode, none for keypoints.
     * A clip just predicted is not decoded again: its features were kept when it was encoded.
     */
    @Override
    public Map<String, double[]> driftFeatures(Input input) throws TranslateException {
        Map<String, double[]> kept = recent.take(input);
        if (kept != null) {
            return kept;
        }
        VideoState state = state();
        byte[] bytes = input.getData() == null ? new byte[0] : input.getData().getAsBytes();
        if (keypoints(state) || bytes.length == 0) {
            return Map.of();
        }
        try {
            return features(decoder.get().decode(bytes, "request", sampling));
        } catch (RuntimeException e) {
            throw new TranslateException("bad video request: " + e.getMessage(), e);
        }
    }

    private static Map<String, double[]> features(DecodedClip clip) {
        return VideoDrift.of(List.of(clip.pixels()), List.of(clip.frames()), 3 * clip.height() * clip.width());
    }

    /** The answer's top-class probability ({@link TopClasses#CONFIDENCE}). */
    @Override
    public Map<String, double[]> outputFeatures(Input input, Output output) throws TranslateException {
        return TopClasses.outputFeatures(output);
    }

    @Override
    protected NDList encode(TranslatorContext ctx, String body, Input input) {
        VideoState state = state();
        ctx.setAttachment(TopClasses.PROPERTY, TopClasses.requested(input, state.classes.size()));
        NDManager m = ctx.getNDManager();
        if (keypoints(state)) {
            float[][] steps = parseTrajectory(body, state.keypointSteps, state.keypointWidth);
            float[] values = VideoActionProject.keypointValues(steps, state);
            return new NDList(
                    m.create(values, new Shape(state.keypointSteps, state.keypointWidth)),
                    length(m, state.keypointSteps));
        }
        byte[] bytes = input.getData() == null ? new byte[0] : input.getData().getAsBytes();
        if (bytes.length == 0) {
            throw new DataException("send the bytes of a video file (mp4, avi, mkv, webm, ...) as the request body");
        }
        DecodedClip clip = decoder.get().decode(bytes, "request", sampling);
        recent.put(input, features(clip));
        int[] indices = clip.indices();
        ctx.setAttachment(FRAMES, indices);
        int s = state.frameSize;
        return new NDList(m.create(clip.pixels(), new Shape(clip.frames(), 3, s, s)), length(m, clip.frames()));
    }

    private static ai.djl.ndarray.NDArray length(NDManager m, int n) {
        return m.create(new int[] {n}).reshape(new Shape()).toType(DataType.INT32, false);
    }

    /**
     * Parses a trajectory body: {@code steps * width} numbers separated by commas or white space.
     *
     * @param body the text
     * @param steps the model's steps
     * @param width values per step
     * @return {@code [steps][width]}
     * @throws DataException naming the position and text of a value that is not a number, or the
     *     count when it is wrong
     */
    public static float[][] parseTrajectory(String body, int steps, int width) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("[")) {
            text = text.replace('[', ' ').replace(']', ' ');
        }
        String[] parts = text.isBlank() ? new String[0] : text.strip().split("[,\\s]+");
        if (parts.length != steps * width) {
            throw new DataException("request: expected " + steps * width + " numbers (x and y of " + steps
                    + " steps), got " + parts.length);
        }
        float[][] out = new float[steps][width];
        for (int i = 0; i < parts.length; i++) {
            try {
                float v = Float.parseFloat(parts[i]);
                if (!Float.isFinite(v)) {
                    throw new NumberFormatException();
                }
                out[i / width][i % width] = v;
            } catch (NumberFormatException e) {
                throw new DataException("request: value " + (i + 1) + " '" + parts[i] + "' is not a finite number");
            }
        }
        return out;
    }

    @Override
    protected JsonElement decode(TranslatorContext ctx, NDList output) {
        VideoState state = state();
        float[] p = output.head().softmax(0).toFloatArray();
        JsonObject out = TopClasses.json(p, state.classes, (Integer) ctx.getAttachment(TopClasses.PROPERTY));
        Object frames = ctx.getAttachment(FRAMES);
        if (frames instanceof int[] indices) {
            JsonArray a = new JsonArray();
            for (int i : indices) {
                a.add(i);
            }
            out.add(FRAMES, a);
        }
        return out;
    }
}
