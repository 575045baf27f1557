package dev.lstmforge.plugins.video;

import static dev.lstmforge.plugins.video.VideoParams.BACKBONE;
import static dev.lstmforge.plugins.video.VideoParams.BACKBONE_CLASSES;
import static dev.lstmforge.plugins.video.VideoParams.BACKBONE_WEIGHTS;
import static dev.lstmforge.plugins.video.VideoParams.DROPOUT;
import static dev.lstmforge.plugins.video.VideoParams.EVERY;
import static dev.lstmforge.plugins.video.VideoParams.FRAMES;
import static dev.lstmforge.plugins.video.VideoParams.FRAME_SIZE;
import static dev.lstmforge.plugins.video.VideoParams.FREEZE;
import static dev.lstmforge.plugins.video.VideoParams.HEAD;
import static dev.lstmforge.plugins.video.VideoParams.HIDDEN_SIZE;
import static dev.lstmforge.plugins.video.VideoParams.INPUT;
import static dev.lstmforge.plugins.video.VideoParams.LAYERS;
import static dev.lstmforge.plugins.video.VideoParams.RESNET_LAYERS;
import static dev.lstmforge.plugins.video.VideoParams.SAMPLING;
import static dev.lstmforge.plugins.video.VideoParams.TEST_FRACTION;
import static dev.lstmforge.plugins.video.VideoParams.VALIDATION_FRACTION;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.translate.ServingTranslator;
import dev.lstmforge.plugins.video.cache.FeatureCache;
import dev.lstmforge.plugins.video.data.GestureTrajectories;
import dev.lstmforge.plugins.video.data.SyntheticActions;
import dev.lstmforge.plugins.video.decode.Sampling;
import dev.lstmforge.plugins.video.decode.VideoDecoder;
import dev.lstmforge.plugins.video.model.FrameBackbones;
import dev.lstmforge.plugins.video.model.Heads;
import dev.lstmforge.plugins.video.model.VideoBlock;
import dev.lstmforge.plugins.video.translator.VideoServingTranslator;
import dev.lstmforge.spi.Benchmarked;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.DemoVariant;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.spi.TrainingRecipe;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.bench.TimedLoop;
import dev.lstmforge.support.data.BucketedSequences;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import dev.lstmforge.support.metrics.ClassifierScore;
import dev.lstmforge.support.serving.TopClasses;
import dev.lstmforge.support.train.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.pf4j.Extension;

/**
 * Action recognition in short video clips with the per-frame CNN + LSTM of the source document:
 * frames sampled from each clip (evenly, by change, or the codec's key frames), each through a
 * CNN, the sequence of frame features through an LSTM read at the last frame, and a dense softmax
 * layer. The per-frame baseline (the same CNN on each frame alone, frames averaged, no LSTM) is the
 * same project with {@code head=average motion=false}.
 *
 * <p>Data: a folder per class of video files; without data, generated
 * motion clips where only the motion tells the class. A second input mode,
 * {@code input=keypoints}, feeds (x, y) trajectories (the shared finger-gesture set) to the same
 * LSTM head.
 */
@Extension
public final class VideoActionProject implements LstmProject<VideoState, VideoData>, Benchmarked {

    private static final int EVAL_BATCH = 16;

    /** Generated clips per class in the demo: fewer than the default, so generating them is quick. */
    private static final String DEMO_CLIPS = "40";

    @Override
    public ProjectInfo info() {
        return new ProjectInfo(
                "video-action",
                "Video action recognition",
                "Per-frame CNN + LSTM over sampled video frames (uniform, frame-difference, key frames); finger-gesture"
                        + " trajectories",
                ProjectInfo.Task.CLASSIFICATION);
    }

    @Override
    public List<Param<?>> parameters() {
        return VideoParams.all();
    }

    @Override
    public Class<VideoState> stateType() {
        return VideoState.class;
    }

    @Override
    public List<DemoVariant> demoVariants() {
        return List.of(
                new DemoVariant("uniform", Map.of("sampling", "uniform", "clipsPerClass", DEMO_CLIPS)),
                new DemoVariant("difference", Map.of("sampling", "difference", "clipsPerClass", DEMO_CLIPS)),
                new DemoVariant("keyframes", Map.of("sampling", "keyframes", "clipsPerClass", DEMO_CLIPS)),
                // the baseline sees each frame alone: with the motion channels a "frame" would already
                // carry the change from the frame before, which is motion
                new DemoVariant(
                        "per-frame-baseline",
                        Map.of("head", "average", "motion", "false", "clipsPerClass", DEMO_CLIPS)),
                new DemoVariant("gestures", Map.of("input", "keypoints")));
    }

    /**
     * Decode + sample speed at 224x224 with uniform 16-frame sampling on a generated H.264 clip
     * (320x240, 96 frames, a key frame every 12), as clip frames and sampled frames per second.
     */
    @Override
    public Map<String, Double> benchmark(ProjectContext ctx, double seconds) throws IOException {
        Path dir = Files.createTempDirectory("lstmforge-video-benchmark-");
        try {
            SyntheticActions.Spec spec = new SyntheticActions.Spec(320, 240, BENCH_FRAMES, 25, 1, ctx.seed())
                    .withClasses(List.of(SyntheticActions.classes().get(0)));
            Path clip = SyntheticActions.write(dir, spec).get(0);
            Sampling plan = Sampling.parse("uniform:16");
            VideoDecoder decoder = new VideoDecoder(224, 224);
            float[] buffer = new float[plan.frames() * 3 * 224 * 224];
            TimedLoop.Result r = TimedLoop.run(() -> decoder.decode(clip, plan, buffer), seconds / 4, seconds);
            return Map.of(
                    "decode_clip_frames_per_second", r.perSecond() * BENCH_FRAMES,
                    "decode_sampled_frames_per_second", r.perSecond() * plan.frames());
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The length of the benchmark's generated clip. */
    private static final int BENCH_FRAMES = 96;

    @Override
    public VideoData prepare(ProjectContext ctx, VideoState fitted) throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        VideoState state = fitted != null ? fitted : newState(hp);
        // a saved state is reused unchanged; it means evaluation unless the host is fine-tuning
        boolean saved = fitted != null;
        boolean evaluateOnly = saved && ctx.purpose() != ProjectContext.Purpose.FINE_TUNE;
        return "keypoints".equals(state.input)
                ? prepareKeypoints(ctx, state, saved, evaluateOnly)
                : VideoClips.prepare(ctx, state, saved, evaluateOnly);
    }

    static VideoState newState(HyperParameters hp) {
        VideoState s = new VideoState();
        s.input = hp.get(INPUT);
        s.sampling = hp.get(SAMPLING);
        s.frames = hp.get(FRAMES);
        s.every = hp.get(EVERY);
        s.backbone = hp.get(BACKBONE);
        s.resnetLayers = hp.get(RESNET_LAYERS);
        if (!List.of(18, 34, 50, 101, 152).contains(s.resnetLayers)) {
            throw new DataException("resnetLayers: " + s.resnetLayers + " is not one of 18, 34, 50, 101, 152");
        }
        s.backboneClasses = hp.get(BACKBONE_CLASSES);
        int size = hp.get(FRAME_SIZE);
        s.frameSize = size > 0 ? size : "resnet".equals(s.backbone) ? 224 : 64;
        s.frozen = hp.get(FREEZE);
        s.head = hp.get(HEAD);
        // motion channels are for the small CNN: a ResNet (and its pretrained weights) takes 3 colours
        s.motion = hp.get(VideoParams.MOTION) && "small".equals(s.backbone);
        s.pooling = "small".equals(s.backbone) ? hp.get(VideoParams.POOLING) : null;
        String weights = hp.get(BACKBONE_WEIGHTS);
        if (s.frozen && ("small".equals(s.backbone) || weights.isBlank())) {
            throw new DataException("freezeBackbone needs a pretrained backbone: backbone=resnet and backboneWeights"
                    + " (a frozen backbone with random weights would only ever give random features)");
        }
        return s;
    }

    private static VideoData prepareKeypoints(ProjectContext ctx, VideoState state, boolean saved, boolean evaluateOnly)
            throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        GestureTrajectories g;
        if (ctx.dataPath().isPresent()) {
            g = GestureTrajectories.read(ctx.dataPath().get());
        } else if (ctx.dataRoot().isPresent()) {
            g = GestureTrajectories.readShared(ctx.dataRoot().get());
        } else {
            throw new DataException("input=keypoints needs data: give --data (a CSV in the finger-gesture format, or"
                    + " its folder) or a data root holding " + GestureTrajectories.SHARED_FOLDER);
        }
        if (saved && !g.classNames().equals(state.classes)) {
            throw new DataException(g.file() + ": the classes " + g.classNames() + " differ from the model's "
                    + state.classes + " (it was trained on " + state.dataSource + ")");
        }
        if (saved && (g.features() != state.keypointWidth || g.steps() != state.keypointSteps)) {
            throw new DataException(g.file() + ": " + g.steps() + " steps of " + g.features() + " values per gesture,"
                    + " but the model reads " + state.keypointSteps + " steps of " + state.keypointWidth
                    + " (it was trained on " + state.dataSource + ")");
        }
        GestureTrajectories.BlockSplit split = g.split(
                hp.get(TEST_FRACTION),
                hp.get(VALIDATION_FRACTION),
                GestureTrajectories.DEFAULT_BLOCK_SIZE,
                GestureTrajectories.DEFAULT_GAP,
                ctx.seed());
        int width = g.features();
        if (!saved) {
            state.classes = g.classNames();
            state.keypointSteps = g.steps();
            state.keypointWidth = width;
            state.keypointScale = fitScale(g, split.train(), width);
            state.dataSource = g.file().toString();
            state.split = split.description();
        }
        int[] widths = {width};
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        List<Sequence> test = keypointSequences(g, split.test(), state);
        Dataset train;
        Dataset validation;
        if (evaluateOnly) {
            train = new BucketedSequences(BucketedSequences.Items.of(List.of()), widths, batch, null);
            validation = train;
        } else {
            train = new BucketedSequences(
                    BucketedSequences.Items.of(keypointSequences(g, split.train(), state)),
                    widths,
                    batch,
                    new Random(ctx.seed() + 2));
            validation = new BucketedSequences(
                    BucketedSequences.Items.of(keypointSequences(g, split.validation(), state)), widths, batch, null);
        }
        int[] counts = new int[state.classes.size()];
        for (int label : g.labels(split.train())) {
            counts[label]++;
        }
        Shape[] shapes = {new Shape(1, state.keypointSteps, width), new Shape(1)};
        DataFingerprint fp = new DataFingerprint(g.file().toString(), FeatureCache.sha256(g.file()), g.size());
        return new VideoData(
                train,
                validation,
                shapes,
                state,
                fp,
                test,
                counts,
                new Shape(width),
                VideoData.Timing.NONE,
                split.description(),
                List.of(),
                Map.of());
    }

    /** One over each feature's standard deviation on the training rows (the values are tiny). */
    private static float[] fitScale(GestureTrajectories g, int[] rows, int width) {
        double[] sum = new double[width];
        double[] sq = new double[width];
        long n = 0;
        for (int row : rows) {
            for (float[] step : g.sequence(row)) {
                for (int f = 0; f < width; f++) {
                    sum[f] += step[f];
                    sq[f] += (double) step[f] * step[f];
                }
                n++;
            }
        }
        float[] scale = new float[width];
        for (int f = 0; f < width; f++) {
            double mean = sum[f] / Math.max(1, n);
            double sd = Math.sqrt(Math.max(0, sq[f] / Math.max(1, n) - mean * mean));
            scale[f] = sd > 1e-12 ? (float) (1 / sd) : 1f;
        }
        return scale;
    }

    private static List<Sequence> keypointSequences(GestureTrajectories g, int[] rows, VideoState state) {
        List<Sequence> out = new ArrayList<>(rows.length);
        int[] labels = g.labels(rows);
        for (int i = 0; i < rows.length; i++) {
            out.add(new Sequence(
                    new float[][] {keypointValues(g.sequence(rows[i]), state)}, state.keypointSteps, labels[i]));
        }
        return out;
    }

    /**
     * Scales one trajectory and lays it out step-major.
     *
     * @param steps {@code [steps][width]} raw values
     * @param state the model's state (the fitted scale)
     * @return {@code steps * width} values
     */
    public static float[] keypointValues(float[][] steps, VideoState state) {
        int w = state.keypointWidth;
        float[] out = new float[steps.length * w];
        for (int t = 0; t < steps.length; t++) {
            for (int f = 0; f < w; f++) {
                out[t * w + f] = steps[t][f] * state.keypointScale[f];
            }
        }
        return out;
    }

    @Override
    public Block newBlock(HyperParameters hp, VideoState state) {
        int classes = state.classes.size();
        Block head = "average".equals(state.head)
                ? Heads.frameAverage(hp.get(DROPOUT), classes)
                : Heads.lstm(hp.get(HIDDEN_SIZE), hp.get(LAYERS), hp.get(DROPOUT), classes);
        if ("keypoints".equals(state.input)) {
            return head;
        }
        Block backbone = "resnet".equals(state.backbone)
                ? FrameBackbones.resnet(
                        state.resnetLayers, state.frameSize, state.frameSize, state.backboneClasses, weightsFile(hp))
                : FrameBackbones.small(state.frameSize, state.frameSize, state.poolingKind());
        return new VideoBlock(backbone, head, state.frozen, state.motion);
    }

    /** The pretrained weights file, or null for random weights. */
    static Path weightsFile(HyperParameters hp) {
        String w = hp.get(BACKBONE_WEIGHTS);
        return w.isBlank() ? null : Path.of(w);
    }

    @Override
    public TrainingRecipe trainingRecipe(HyperParameters hp) {
        return Recipes.adam(hp, new SoftmaxCrossEntropyLoss("cross_entropy"), List.of(new Accuracy("accuracy")));
    }

    @Override
    public Evaluation evaluate(ProjectContext ctx, VideoData data, Model model) {
        VideoState state = data.state();
        List<Sequence> test = data.test();
        int[] actual = new int[test.size()];
        int[] predicted = new int[test.size()];
        float[][] p = BucketedSequences.probabilities(model, test, new Shape[] {data.step()}, EVAL_BATCH);
        for (int i = 0; i < test.size(); i++) {
            actual[i] = test.get(i).label();
            predicted[i] = ClassifierScore.argmax(p[i]);
        }
        ClassifierScore score = ClassifierScore.of(predicted, actual, state.classes, data.trainCounts());
        // the top-class probabilities on the test part: the reference of the server's output drift
        Evaluation.Builder b = Evaluation.builder().driftOutput(TopClasses.CONFIDENCE, TopClasses.confidences(p));
        String what = describe(state);
        score.addTo(
                b, "keypoints".equals(state.input) ? "sequences" : "clips", "Confusion matrix, " + what + ", test set");
        VideoData.Timing t = data.timing();
        if (t.clips() > 0) {
            b.metric("decode_seconds_per_clip", t.millisPerClip() / 1000);
            b.metric("frames_decoded_per_clip", (double) t.framesDecoded() / t.clips());
            b.metric("keyframe_fallbacks", t.fallbacks());
        }
        b.summary(String.format(
                Locale.ROOT,
                "%s: accuracy %.1f%% (%d/%d test %s), macro-F1 %.3f; the model %s. Split: %s.",
                what,
                100 * score.accuracy(),
                score.correct(),
                score.count(),
                "keypoints".equals(state.input) ? "sequences" : "clips",
                score.confusion().macroF1(),
                score.verdict(),
                data.split()));
        StringBuilder d = new StringBuilder();
        d.append("Data: ").append(state.dataSource).append('\n');
        d.append("Split: ").append(data.split()).append('\n');
        if (!"keypoints".equals(state.input)) {
            d.append(String.format(
                    Locale.ROOT,
                    "Frames: %s sampling, %d frames%s, %dx%d; backbone %s%s\n",
                    state.sampling,
                    state.frames,
                    state.every > 0 ? " (every " + state.every + ")" : "",
                    state.frameSize,
                    state.frameSize,
                    state.backbone,
                    state.frozen
                            ? " (frozen, features cached)"
                            : "small".equals(state.backbone)
                                    ? " (" + state.poolingKind().name().toLowerCase(Locale.ROOT) + " pooling, motion "
                                            + (state.motion ? "on" : "off") + ")"
                                    : ""));
            if (t.clips() > 0) {
                d.append(String.format(
                        Locale.ROOT,
                        "Decoding and sampling: %.1f ms per clip over %d clips, %.1f frames decoded per clip;"
                                + " %d clip(s) with too few key frames sampled uniformly\n",
                        t.millisPerClip(),
                        t.clips(),
                        (double) t.framesDecoded() / t.clips(),
                        t.fallbacks()));
            }
            if (state.frozen) {
                d.append(t.cacheHits()).append(" clip(s) from the feature cache\n");
            }
        }
        data.notes().forEach(n -> d.append("Note: ").append(n).append('\n'));
        b.section("Data, sampling and split", d.toString());
        return b.build();
    }

    /** Names the model in words for summaries: input, sampling and head. */
    static String describe(VideoState s) {
        String head = "average".equals(s.head) ? "per-frame baseline (no LSTM)" : "LSTM";
        return "keypoints".equals(s.input)
                ? "keypoint trajectories, " + head
                : s.backbone + " CNN + " + head + ", " + s.sampling + " sampling";
    }

    @Override
    public ServingTranslator newServingTranslator() {
        return new VideoServingTranslator();
    }
}
