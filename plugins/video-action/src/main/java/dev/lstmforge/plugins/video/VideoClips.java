package dev.lstmforge.plugins.video;

import static dev.lstmforge.plugins.video.VideoParams.CLIPS_PER_CLASS;
import static dev.lstmforge.plugins.video.VideoParams.TEST_FRACTION;
import static dev.lstmforge.plugins.video.VideoParams.VALIDATION_FRACTION;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.plugins.video.cache.FeatureCache;
import dev.lstmforge.plugins.video.data.SyntheticActions;
import dev.lstmforge.plugins.video.data.VideoCatalog;
import dev.lstmforge.plugins.video.data.VideoClip;
import dev.lstmforge.plugins.video.data.VideoSplits;
import dev.lstmforge.plugins.video.decode.DecodedClip;
import dev.lstmforge.plugins.video.decode.Sampling;
import dev.lstmforge.plugins.video.decode.VideoDecoder;
import dev.lstmforge.plugins.video.model.FrameBackbones;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.data.BucketedSequences;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Prepares video clips for the model: finds them (a folder per class, or generated motion clips
 * kept in the cache folder), splits them by group, decodes and samples each clip's frames, and,
 * for a frozen backbone, turns the frames into features once (cached on disk by the clip's
 * SHA-256, the sampling, the frame size and the backbone).
 */
final class VideoClips {

    /** Generated clips: frames per clip, frame rate, size in pixels and key-frame interval. */
    static final int GENERATED_FRAMES = 48;

    static final double GENERATED_FPS = 24;
    static final int GENERATED_SIZE = 96;
    static final int GENERATED_GOP = 3;

    /** Bumped whenever the generator's output changes, so an old generated set is not reused. */
    private static final String GENERATOR_VERSION = "1";

    private VideoClips() {}

    static VideoData prepare(ProjectContext ctx, VideoState state, boolean saved, boolean evaluateOnly)
            throws IOException {
        HyperParameters hp = ctx.hyperParameters();
        List<String> notes = new ArrayList<>();
        Path root = ctx.dataPath().orElse(null);
        if (root == null) {
            root = generated(ctx, hp.get(CLIPS_PER_CLASS));
            String why = "no video data given; trained on generated motion clips ("
                    + SyntheticActions.classes().size()
                    + " classes, " + hp.get(CLIPS_PER_CLASS) + " clips each, " + GENERATED_SIZE + "x"
                    + GENERATED_SIZE + ", " + GENERATED_FRAMES + " frames) where only the motion tells the class";
            ctx.warn(why);
            notes.add(why);
        }
        VideoCatalog catalog = VideoCatalog.scan(root);
        if (saved && !catalog.classes().equals(state.classes)) {
            throw new DataException(root + ": the classes " + catalog.classes() + " differ from the model's "
                    + state.classes + " (it was trained on " + state.dataSource + ")");
        }
        VideoSplits.Plan plan =
                VideoSplits.split(catalog, hp.get(TEST_FRACTION), hp.get(VALIDATION_FRACTION), ctx.seed());
        if (!saved) {
            state.classes = catalog.classes();
            state.dataSource = root.toString();
            state.split = plan.description();
            Path weights = VideoActionProject.weightsFile(hp);
            state.weightsSha256 = weights == null ? null : FeatureCache.sha256(weights);
        }
        Encoder enc = new Encoder(ctx, state, hp);
        List<Sequence> test = enc.encode(plan.test(), catalog);
        int batch = hp.get(TrainingParams.BATCH_SIZE);
        Shape[] steps = {enc.step()};
        Dataset train;
        Dataset validation;
        Map<String, double[]> drift = Map.of();
        if (evaluateOnly) {
            train = new BucketedSequences(BucketedSequences.Items.of(List.of()), steps, batch, null);
            validation = train;
        } else {
            List<Sequence> trainClips = enc.encode(plan.train(), catalog);
            if (!state.frozen) {
                List<float[]> pixels = new ArrayList<>();
                List<Integer> frames = new ArrayList<>();
                for (Sequence q : trainClips) {
                    pixels.add(q.streams()[0]);
                    frames.add(q.length());
                }
                drift = VideoDrift.of(pixels, frames, 3 * state.frameSize * state.frameSize);
            }
            train = new BucketedSequences(
                    BucketedSequences.Items.of(trainClips), steps, batch, new Random(ctx.seed() + 2));
            validation = new BucketedSequences(
                    BucketedSequences.Items.of(enc.encode(plan.validation(), catalog)), steps, batch, null);
        }
        int[] counts = new int[state.classes.size()];
        for (VideoClip c : plan.train()) {
            counts[catalog.classIndex(c)]++;
        }
        int s = state.frameSize;
        Shape[] shapes = {new Shape(1, state.frames, 3, s, s), new Shape(1)};
        return new VideoData(
                train,
                validation,
                shapes,
                state,
                fingerprint(catalog),
                test,
                counts,
                enc.step(),
                enc.timing(),
                plan.description(),
                notes,
                drift);
    }

    /**
     * Returns the folder of generated clips for this seed and size, writing it the first time
     * (into a temporary sibling, then renamed, so a crash never leaves a half-written set in use).
     */
    static Path generated(ProjectContext ctx, int clipsPerClass) throws IOException {
        SyntheticActions.Spec spec = new SyntheticActions.Spec(
                        GENERATED_SIZE, GENERATED_SIZE, GENERATED_FRAMES, GENERATED_FPS, clipsPerClass, ctx.seed())
                .withGopSize(GENERATED_GOP)
                // one scene per clip index: as many backgrounds as clips per class, so a model
                // cannot get by on recognising a few scenes
                .withGroups(clipsPerClass);
        String id = FeatureCache.sha256((GENERATOR_VERSION + "|" + spec).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Path dir = ctx.cacheDir().resolve("video-action").resolve("generated-" + id);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), ".generated-" + id + "-");
        SyntheticActions.write(tmp, spec);
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another run finished first; its set is the same
            deleteTree(tmp);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            deleteTree(tmp);
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p :
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static DataFingerprint fingerprint(VideoCatalog catalog) {
        StringBuilder all = new StringBuilder();
        for (VideoClip c : catalog.clips()) {
            all.append(c.className())
                    .append('/')
                    .append(c.name())
                    .append(' ')
                    .append(FeatureCache.sha256(c.file()))
                    .append('\n');
        }
        String hash = FeatureCache.sha256(all.toString().getBytes(StandardCharsets.UTF_8));
        return new DataFingerprint(
                catalog.root().toString(), hash, catalog.clips().size());
    }

    /** Decodes clips to frames, or to cached features when the backbone is frozen; counts the cost. */
    private static final class Encoder {

        private final VideoState state;
        private final Sampling sampling;
        private final Block backbone;
        private final FeatureCache cache;
        private final String settings;
        private final NDManager manager;
        private final AtomicInteger clips = new AtomicInteger();
        private final AtomicLong decoded = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();
        private final AtomicInteger fallbacks = new AtomicInteger();
        private final AtomicInteger hits = new AtomicInteger();
        private final ThreadLocal<VideoDecoder> decoders;
        private Shape step;

        Encoder(ProjectContext ctx, VideoState state, HyperParameters hp) {
            this.state = state;
            this.sampling = state.samplingPlan();
            int s = state.frameSize;
            this.decoders = ThreadLocal.withInitial(() -> new VideoDecoder(s, s));
            this.manager = ctx.manager();
            if (state.frozen) {
                backbone = FrameBackbones.resnet(
                        state.resnetLayers, s, s, state.backboneClasses, VideoActionProject.weightsFile(hp));
                backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 3, s, s));
                cache = new FeatureCache(ctx.cacheDir().resolve("video-action").resolve("features"));
                settings = "sampling=" + sampling + " size=" + s + " backbone=resnet" + state.resnetLayers + " classes="
                        + state.backboneClasses + " weights=" + state.weightsSha256;
                step = new Shape(backbone.getOutputShapes(new Shape[] {new Shape(1, 3, s, s)})[0].get(1));
            } else {
                backbone = null;
                cache = null;
                settings = null;
                step = new Shape(3, s, s);
            }
        }

        Shape step() {
            return step;
        }

        VideoData.Timing timing() {
            return new VideoData.Timing(clips.get(), decoded.get(), nanos.get(), fallbacks.get(), hits.get());
        }

        List<Sequence> encode(List<VideoClip> list, VideoCatalog catalog) {
            Sequence[] out = new Sequence[list.size()];
            if (backbone == null) {
                IntStream.range(0, list.size()).parallel().forEach(i -> {
                    VideoClip c = list.get(i);
                    out[i] = new Sequence(new float[][] {decode(c).pixels()}, state.frames, catalog.classIndex(c));
                });
            } else {
                // the backbone runs on one thread; decoding is the part worth spreading
                for (int i = 0; i < list.size(); i++) {
                    VideoClip c = list.get(i);
                    FeatureCache.Key key = cache.key(c.file(), settings);
                    FeatureCache.Features f = cache.get(key).orElse(null);
                    if (f == null) {
                        f = features(decode(c));
                        cache.put(key, f);
                    } else {
                        hits.incrementAndGet();
                    }
                    out[i] = new Sequence(new float[][] {f.values()}, f.frames(), catalog.classIndex(c));
                }
            }
            return List.of(out);
        }

        private DecodedClip decode(VideoClip c) {
            DecodedClip d = decoders.get().decode(c.file(), sampling);
            clips.incrementAndGet();
            decoded.addAndGet(d.decodedFrames());
            nanos.addAndGet(d.nanos());
            if (d.fallback()) {
                fallbacks.incrementAndGet();
            }
            return d;
        }

        private FeatureCache.Features features(DecodedClip d) {
            int s = state.frameSize;
            try (NDManager m = manager.newSubManager()) {
                NDArray frames = m.create(d.pixels(), new Shape(d.frames(), 3, s, s));
                NDArray f = backbone.forward(new ParameterStore(m, false), new NDList(frames), false)
                        .head();
                return new FeatureCache.Features(d.frames(), (int) f.getShape().get(1), f.toFloatArray());
            }
        }
    }
}
