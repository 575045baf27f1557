package dev.lstmforge.plugins.video.data;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;

import dev.lstmforge.support.media.Ffmpeg;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Generates labelled action clips in which only the motion tells the class, and writes them as
 * real H.264 MP4 files with javacv's {@link FFmpegFrameRecorder}; used when no video data is given,
 * by the demo and by tests.
 *
 * <p>Eight motion classes ({@link #classes()}): a shape moving {@code left}, {@code right}, {@code
 * up} or {@code down}, turning {@code clockwise} or {@code counterclockwise} (as seen on screen),
 * or scaling ({@code grow}, {@code shrink}). Every clip draws, from one distribution shared by all
 * classes, its shape (six shapes, none of them rotationally symmetric, so a turn shows), colours,
 * size, start position and angle; the background is a textured scene (smooth blobs, stripes,
 * checkerboard, speckles or a gradient), static or panning slowly, and every frame gets its own
 * camera noise and brightness flicker. So that no single frame gives the class away:
 *
 * <ul>
 *   <li>positions are uniform over the whole frame at every time step: the scene is a torus, a
 *       shape leaving one edge comes back at the opposite one (shapes that straddle an edge appear
 *       in every class, moving or not);
 *   <li>grow and shrink share one size range, traversed in opposite directions, and the other
 *       classes take their (constant) size from the same range, so the sizes over a clip have the
 *       same distribution in every class;
 *   <li>every class also carries small distractor motions: the non-translation classes drift by
 *       at most 6% of the frame, the non-rotation classes turn by at most 15 degrees and the
 *       non-scaling classes change size by at most 7%, all far below the class's own motion (a
 *       translation covers 30-60% of the frame, a turn 100-220 degrees, a scaling 1.7-2.2 times).
 * </ul>
 *
 * <p>Clips are grouped like UCF101's {@code gNN}: the clips of one group, in every class, share a
 * scene (background kind, texture, colours and whether it is dark or bright), so a split that
 * keeps groups apart tests on scenes the model has not seen. Clip {@code i} of a class belongs to
 * group {@code i % groups + 1} and is take {@code i / groups + 1} of it. Files are written as
 * {@code root/<class>/<class>_gNN_cMM.mp4}.
 *
 * <p>The encoder is the first H.264 encoder this FFmpeg build has among libx264, libopenh264 and
 * the native "h264" ({@link #encoderName()}); javacv's LGPL build has libopenh264. Only when none
 * exists are the clips written as MPEG-4 part 2 in the same .mp4 container. Everything is
 * deterministic for a seed: the same {@link Spec} renders the same pixels and, with the same
 * encoder, the same bytes. Each clip's randomness depends only on the seed, its class and its
 * index, so a subset of classes renders the same clips as the full set.
 *
 * <pre>{@code
 * SyntheticActions.Spec spec = new SyntheticActions.Spec(64, 64, 16, 25, 20, 42);
 * List<Path> files = SyntheticActions.write(Path.of("data/actions"), spec);
 * // data/actions/left/left_g01_c01.mp4 ... data/actions/shrink/shrink_g10_c02.mp4 (160 clips)
 *
 * SyntheticActions.Clip clip = SyntheticActions.render(spec, "clockwise", 0); // in memory
 * clip.frames().get(0);   // byte[64 * 64 * 3], RGB, row-major
 * clip.poses().get(15);   // where the shape is in the last frame
 * }</pre>
 */
public final class SyntheticActions {

    private static final List<String> CLASSES =
            List.of("left", "right", "up", "down", "clockwise", "counterclockwise", "grow", "shrink");

    /** The key-frame interval used unless a {@link Spec} says otherwise. */
    public static final int DEFAULT_GOP_SIZE = 12;

    /** The most groups a {@link Spec} made with the short constructor uses. */
    public static final int DEFAULT_MAX_GROUPS = 10;

    private static final int SHAPES = Shape.values().length;
    private static final int SUPERSAMPLE = 3;

    private SyntheticActions() {}

    /**
     * The motion classes, in their fixed order.
     *
     * @return left, right, up, down, clockwise, counterclockwise, grow, shrink
     */
    public static List<String> classes() {
        return CLASSES;
    }

    /**
     * What to generate.
     *
     * @param width frame width in pixels, even, 16 to 4096
     * @param height frame height in pixels, even, 16 to 4096
     * @param frames frames per clip, at least 2
     * @param fps frames per second, above 0 and at most 240
     * @param clipsPerClass clips of each class, at least 1
     * @param seed the seed; the same spec always gives the same clips
     * @param classes the classes to generate, a non-empty subset of {@link #classes()}, no repeats
     * @param groups the number of scene groups, 1 to {@code clipsPerClass}
     * @param gopSize the key-frame interval the encoder is asked for, at least 1 (1: every frame is
     *     a key frame)
     */
    public record Spec(
            int width,
            int height,
            int frames,
            double fps,
            int clipsPerClass,
            long seed,
            List<String> classes,
            int groups,
            int gopSize) {

        /** Checks the values and copies the class list. */
        public Spec {
            if (width < 16 || width > 4096 || width % 2 != 0) {
                throw new IllegalArgumentException("width must be even and 16..4096, got " + width);
            }
            if (height < 16 || height > 4096 || height % 2 != 0) {
                throw new IllegalArgumentException("height must be even and 16..4096, got " + height);
            }
            if (frames < 2) {
                throw new IllegalArgumentException("frames must be at least 2, got " + frames);
            }
            if (!(fps > 0 && fps <= 240)) {
                throw new IllegalArgumentException("fps must be above 0 and at most 240, got " + fps);
            }
            if (clipsPerClass < 1) {
                throw new IllegalArgumentException("clipsPerClass must be at least 1, got " + clipsPerClass);
            }
            Objects.requireNonNull(classes, "classes");
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("classes must not be empty");
            }
            for (String c : classes) {
                if (!CLASSES.contains(c)) {
                    throw new IllegalArgumentException("unknown class '" + c + "'; the classes are " + CLASSES);
                }
            }
            if (classes.stream().distinct().count() != classes.size()) {
                throw new IllegalArgumentException("classes must not repeat: " + classes);
            }
            classes = List.copyOf(classes);
            if (groups < 1 || groups > clipsPerClass) {
                throw new IllegalArgumentException(
                        "groups must be 1.." + clipsPerClass + " (clipsPerClass), got " + groups);
            }
            if (gopSize < 1) {
                throw new IllegalArgumentException("gopSize must be at least 1, got " + gopSize);
            }
        }

        /**
         * A spec for all eight classes, {@code min(clipsPerClass, 10)} groups and key frames every
         * {@value SyntheticActions#DEFAULT_GOP_SIZE} frames.
         *
         * @param width frame width in pixels, even, 16 to 4096
         * @param height frame height in pixels, even, 16 to 4096
         * @param frames frames per clip, at least 2
         * @param fps frames per second
         * @param clipsPerClass clips of each class
         * @param seed the seed
         */
        public Spec(int width, int height, int frames, double fps, int clipsPerClass, long seed) {
            this(
                    width,
                    height,
                    frames,
                    fps,
                    clipsPerClass,
                    seed,
                    CLASSES,
                    Math.min(clipsPerClass, DEFAULT_MAX_GROUPS),
                    DEFAULT_GOP_SIZE);
        }

        /**
         * This spec for other classes.
         *
         * @param subset a non-empty subset of {@link SyntheticActions#classes()}
         * @return the new spec
         */
        public Spec withClasses(List<String> subset) {
            return new Spec(width, height, frames, fps, clipsPerClass, seed, subset, groups, gopSize);
        }

        /**
         * This spec with another number of scene groups.
         *
         * @param count 1 to {@code clipsPerClass}
         * @return the new spec
         */
        public Spec withGroups(int count) {
            return new Spec(width, height, frames, fps, clipsPerClass, seed, classes, count, gopSize);
        }

        /**
         * This spec with another key-frame interval.
         *
         * @param gop at least 1
         * @return the new spec
         */
        public Spec withGopSize(int gop) {
            return new Spec(width, height, frames, fps, clipsPerClass, seed, classes, groups, gop);
        }

        /**
         * The group (1-based) of a clip.
         *
         * @param clipIndex the clip's 0-based index within its class
         * @return its group, 1 to {@link #groups()}
         */
        public int groupOf(int clipIndex) {
            return clipIndex % groups + 1;
        }

        /**
         * The take (1-based) of a clip within its group.
         *
         * @param clipIndex the clip's 0-based index within its class
         * @return its take number
         */
        public int takeOf(int clipIndex) {
            return clipIndex / groups + 1;
        }
    }

    /**
     * Where the shape is in one frame.
     *
     * @param x the centre's column in pixels, in [0, width) (the scene wraps around)
     * @param y the centre's row in pixels, in [0, height)
     * @param angle the rotation in radians; growing angles turn clockwise on screen
     * @param radius the shape's radius (half its extent) in pixels
     */
    public record Pose(double x, double y, double angle, double radius) {}

    /**
     * One rendered clip.
     *
     * @param className its class
     * @param group its scene group, 1-based
     * @param take its take within the group, 1-based
     * @param width frame width
     * @param height frame height
     * @param frames the frames, each {@code byte[height * width * 3]}: RGB, row-major
     * @param poses the shape's pose in each frame
     */
    public record Clip(
            String className, int group, int take, int width, int height, List<byte[]> frames, List<Pose> poses) {

        /**
         * The file name this clip is written under.
         *
         * @return {@code <class>_gNN_cMM.mp4}
         */
        public String fileName() {
            return SyntheticActions.fileName(className, group, take);
        }
    }

    /**
     * The file name of a clip: {@code <class>_gNN_cMM.mp4} (two digits at least, 1-based).
     *
     * @param className the class
     * @param group the group, 1-based
     * @param take the take within the group, 1-based
     * @return the name
     */
    public static String fileName(String className, int group, int take) {
        return String.format(Locale.ROOT, "%s_g%02d_c%02d.mp4", className, group, take);
    }

    /**
     * The FFmpeg encoder the clips are written with: libx264, libopenh264 or h264 (the first this
     * FFmpeg build has), or mpeg4 (MPEG-4 part 2) when it has no H.264 encoder.
     *
     * @return the encoder's name
     */
    public static String encoderName() {
        return EncoderHolder.NAME;
    }

    /**
     * Whether the clips are H.264.
     *
     * @return false only when this FFmpeg build has no H.264 encoder and clips are MPEG-4 part 2
     */
    public static boolean writesH264() {
        return !"mpeg4".equals(EncoderHolder.NAME);
    }

    /**
     * Renders every clip of the spec and writes it as an MP4 file under {@code
     * root/<class>/<class>_gNN_cMM.mp4}, replacing files of the same name. Each file is written
     * under a temporary name and moved into place when complete.
     *
     * @param root the folder to write into (created when missing)
     * @param spec what to generate
     * @return the files written, class by class, in clip order
     * @throws IOException when a folder or file cannot be written or the encoder fails
     */
    public static List<Path> write(Path root, Spec spec) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(spec, "spec");
        // scenes are read-only once built, so the clips render and encode on all cores at once
        Map<Integer, Scene> scenes = new HashMap<>();
        for (int g = 1; g <= spec.groups(); g++) {
            scenes.put(g, Scene.of(spec, g));
        }
        List<Path> written = new ArrayList<>();
        List<Callable<Path>> jobs = new ArrayList<>();
        for (String className : spec.classes()) {
            Path dir = Files.createDirectories(root.resolve(className));
            for (int i = 0; i < spec.clipsPerClass(); i++) {
                int index = i;
                jobs.add(() -> {
                    Clip clip = render(spec, className, index, scenes.get(spec.groupOf(index)), true);
                    Path file = dir.resolve(clip.fileName());
                    writeMp4(clip.frames(), spec.width(), spec.height(), spec.fps(), spec.gopSize(), file);
                    return file;
                });
            }
        }
        int threads = Math.min(jobs.size(), Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "clip-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Path> f : pool.invokeAll(jobs)) {
                written.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing clips under " + root);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    /**
     * Renders one clip in memory, exactly as {@link #write} would encode it.
     *
     * @param spec what to generate
     * @param className one of {@code spec.classes()}
     * @param clipIndex the clip's 0-based index within its class, below {@code spec.clipsPerClass()}
     * @return the frames and the shape's poses
     */
    public static Clip render(Spec spec, String className, int clipIndex) {
        return render(spec, className, clipIndex, true);
    }

    /**
     * Renders a clip with or without its shape; without, the frames are exactly the background,
     * flicker and noise of the clip with the shape (tests locate the shape by the difference).
     */
    static Clip render(Spec spec, String className, int clipIndex, boolean drawShape) {
        Objects.requireNonNull(spec, "spec");
        return render(spec, className, clipIndex, Scene.of(spec, spec.groupOf(clipIndex)), drawShape);
    }

    /**
     * Writes frames as an MP4 file with the encoder of {@link #encoderName()}, for tests and tools
     * that need clips of their own design.
     *
     * @param frames the frames, each {@code byte[height * width * 3]}, RGB, row-major
     * @param width the frame width, even
     * @param height the frame height, even
     * @param fps frames per second
     * @param gopSize the key-frame interval
     * @param file the file to write (replaced when it exists)
     * @throws IOException when the file cannot be written or the encoder fails
     */
    public static void writeMp4(List<byte[]> frames, int width, int height, double fps, int gopSize, Path file)
            throws IOException {
        Ffmpeg.quiet();
        Path part = file.resolveSibling(file.getFileName() + ".part");
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(part.toFile(), width, height, 0);
        try {
            recorder.setFormat("mp4");
            String encoder = encoderName();
            if ("mpeg4".equals(encoder)) {
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            } else {
                recorder.setVideoCodecName(encoder);
            }
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(gopSize);
            // About one bit per pixel: the shapes' edges survive the camera noise.
            long bitrate = Math.round((double) width * height * Math.min(fps, 60));
            recorder.setVideoBitrate((int) Math.max(200_000, Math.min(bitrate, 40_000_000)));
            recorder.setVideoOption("threads", "1"); // the same bytes on every machine
            if ("libx264".equals(encoder)) {
                recorder.setVideoOption("preset", "veryfast");
            }
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer image = (ByteBuffer) frame.image[0];
            int row = width * 3;
            for (byte[] pixels : frames) {
                if (pixels.length != row * height) {
                    throw new IllegalArgumentException(
                            "a frame has " + pixels.length + " bytes, " + width + "x" + height + "x3 expected");
                }
                for (int y = 0; y < height; y++) {
                    image.put(y * frame.imageStride, pixels, y * row, row);
                }
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        } finally {
            recorder.release();
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // ---------------------------------------------------------------------------------------------
    // Rendering

    private static Clip render(Spec spec, String className, int clipIndex, Scene scene, boolean drawShape) {
        int classIndex = CLASSES.indexOf(className);
        if (classIndex < 0 || !spec.classes().contains(className)) {
            throw new IllegalArgumentException("class '" + className + "' is not in " + spec.classes());
        }
        if (clipIndex < 0 || clipIndex >= spec.clipsPerClass()) {
            throw new IllegalArgumentException(
                    "clip index must be 0.." + (spec.clipsPerClass() - 1) + ", got " + clipIndex);
        }
        int w = spec.width();
        int h = spec.height();
        int n = spec.frames();
        double m = Math.min(w, h);
        Random r = new Random(mix(spec.seed(), 0x5EEDL + classIndex, clipIndex));

        // Everything the clip needs is drawn first, so the per-frame noise that follows is the same
        // stream whether or not the shape is drawn.
        Shape shape = Shape.values()[r.nextInt(SHAPES)];
        float[] body = scene.dark ? brightColour(r) : darkColour(r);
        float[] marker = scene.dark ? darkColour(r) : brightColour(r);
        double x0 = r.nextDouble() * w;
        double y0 = r.nextDouble() * h;
        double angle0 = r.nextDouble() * 2 * Math.PI;
        double small = (0.08 + 0.04 * r.nextDouble()) * m;
        double scale = 1.7 + 0.5 * r.nextDouble();
        double sizeAt = r.nextDouble();
        // distractors, replaced below by the class's own motion
        double drift = 0.06 * m * r.nextDouble();
        double driftDirection = r.nextDouble() * 2 * Math.PI;
        double dx = drift * Math.cos(driftDirection);
        double dy = drift * Math.sin(driftDirection);
        double turn = Math.toRadians(15) * (2 * r.nextDouble() - 1);
        double radiusA = small * Math.pow(scale, sizeAt);
        double radiusB = radiusA * (1 + 0.07 * (2 * r.nextDouble() - 1));
        double travel = 0.3 + 0.3 * r.nextDouble();
        double sideways = 0.08 * (2 * r.nextDouble() - 1) * travel;
        double rotation = Math.toRadians(100 + 120 * r.nextDouble());
        switch (className) {
            case "left" -> {
                dx = -travel * w;
                dy = sideways * h;
            }
            case "right" -> {
                dx = travel * w;
                dy = sideways * h;
            }
            case "up" -> {
                dx = sideways * w;
                dy = -travel * h;
            }
            case "down" -> {
                dx = sideways * w;
                dy = travel * h;
            }
            case "clockwise" -> turn = rotation;
            case "counterclockwise" -> turn = -rotation;
            case "grow" -> {
                radiusA = small;
                radiusB = small * scale;
            }
            case "shrink" -> {
                radiusA = small * scale;
                radiusB = small;
            }
            default -> throw new IllegalStateException(className);
        }
        boolean panning = r.nextBoolean();
        double panLength = panning ? (0.03 + 0.07 * r.nextDouble()) * m : 0;
        double panDirection = r.nextDouble() * 2 * Math.PI;
        double noise = (2 + 7 * r.nextDouble()) / 255.0;
        double flicker = 3 * r.nextDouble() / 255.0;

        List<byte[]> frames = new ArrayList<>(n);
        List<Pose> poses = new ArrayList<>(n);
        float[] canvas = new float[w * h * 3];
        for (int t = 0; t < n; t++) {
            double p = (double) t / (n - 1);
            Pose pose = new Pose(
                    wrap(x0 + dx * p, w),
                    wrap(y0 + dy * p, h),
                    angle0 + turn * p,
                    radiusA * Math.pow(radiusB / radiusA, p));
            poses.add(pose);
            scene.paint(
                    canvas,
                    scene.margin + panLength * p * Math.cos(panDirection),
                    scene.margin + panLength * p * Math.sin(panDirection));
            if (drawShape) {
                drawWrapped(canvas, w, h, shape, pose, body, marker);
            }
            double offset = flicker * r.nextGaussian();
            byte[] out = new byte[w * h * 3];
            for (int i = 0; i < out.length; i++) {
                double v = canvas[i] + offset + noise * r.nextGaussian();
                out[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
            }
            frames.add(out);
        }
        return new Clip(className, spec.groupOf(clipIndex), spec.takeOf(clipIndex), w, h, frames, poses);
    }

    /** Draws the shape at its pose and at the copies the torus needs near the edges. */
    private static void drawWrapped(
            float[] canvas, int w, int h, Shape shape, Pose pose, float[] body, float[] marker) {
        double extent = pose.radius() * 1.5; // every shape lies within 1.42 radii of its centre
        for (int oy = -1; oy <= 1; oy++) {
            for (int ox = -1; ox <= 1; ox++) {
                double cx = pose.x() + ox * w;
                double cy = pose.y() + oy * h;
                if (cx + extent < 0 || cx - extent > w || cy + extent < 0 || cy - extent > h) {
                    continue;
                }
                draw(canvas, w, h, shape, cx, cy, pose.angle(), pose.radius(), extent, body, marker);
            }
        }
    }

    /** Draws one copy with {@value #SUPERSAMPLE}x{@value #SUPERSAMPLE} supersampling. */
    private static void draw(
            float[] canvas,
            int w,
            int h,
            Shape shape,
            double cx,
            double cy,
            double angle,
            double radius,
            double extent,
            float[] body,
            float[] marker) {
        int xa = Math.max(0, (int) Math.floor(cx - extent));
        int xb = Math.min(w - 1, (int) Math.ceil(cx + extent));
        int ya = Math.max(0, (int) Math.floor(cy - extent));
        int yb = Math.min(h - 1, (int) Math.ceil(cy + extent));
        double cos = Math.cos(angle) / radius;
        double sin = Math.sin(angle) / radius;
        float weight = 1f / (SUPERSAMPLE * SUPERSAMPLE);
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                float bodyShare = 0;
                float markerShare = 0;
                for (int sy = 0; sy < SUPERSAMPLE; sy++) {
                    double py = y + (sy + 0.5) / SUPERSAMPLE - cy;
                    for (int sx = 0; sx < SUPERSAMPLE; sx++) {
                        double px = x + (sx + 0.5) / SUPERSAMPLE - cx;
                        // into the shape's frame: the inverse of rotating (u, v) by the angle
                        double u = cos * px + sin * py;
                        double v = -sin * px + cos * py;
                        int part = shape.part(u, v);
                        if (part == 1) {
                            bodyShare += weight;
                        } else if (part == 2) {
                            markerShare += weight;
                        }
                    }
                }
                float cover = bodyShare + markerShare;
                if (cover == 0) {
                    continue;
                }
                int i = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    canvas[i + c] = canvas[i + c] * (1 - cover) + body[c] * bodyShare + marker[c] * markerShare;
                }
            }
        }
    }

    private static double wrap(double v, int size) {
        double r = v % size;
        return r < 0 ? r + size : r;
    }

    /** A colour for a bright shape on a dark scene: value 0.75-1, saturation 0.4-1. */
    private static float[] brightColour(Random r) {
        return hsv(r.nextDouble(), 0.4 + 0.6 * r.nextDouble(), 0.75 + 0.25 * r.nextDouble());
    }

    /** A colour for a dark shape on a bright scene: value 0-0.25. */
    private static float[] darkColour(Random r) {
        return hsv(r.nextDouble(), 0.3 + 0.7 * r.nextDouble(), 0.25 * r.nextDouble());
    }

    private static float[] hsv(double hue, double saturation, double value) {
        double h6 = (hue - Math.floor(hue)) * 6;
        int sector = (int) h6 % 6;
        double f = h6 - Math.floor(h6);
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        double[] rgb = switch (sector) {
            case 0 -> new double[] {value, t, p};
            case 1 -> new double[] {q, value, p};
            case 2 -> new double[] {p, value, t};
            case 3 -> new double[] {p, q, value};
            case 4 -> new double[] {t, p, value};
            default -> new double[] {value, p, q};
        };
        return new float[] {(float) rgb[0], (float) rgb[1], (float) rgb[2]};
    }

    /** A 64-bit mix of a seed and two numbers (SplitMix64's finaliser), for independent streams. */
    private static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The six shapes, each in its own frame (u right, v down) within the unit disc around its
     * centre; {@link #part} says whether a point is outside (0), on the body (1) or on the marker
     * (2). None looks the same after any turn short of a full one.
     */
    private enum Shape {
        /** A square with a disc in one corner. */
        SQUARE_DOT {
            @Override
            int part(double u, double v) {
                if (Math.abs(u) > 0.7 || Math.abs(v) > 0.7) {
                    return 0;
                }
                double du = u - 0.38;
                double dv = v - 0.38;
                return du * du + dv * dv < 0.22 * 0.22 ? 2 : 1;
            }
        },
        /** A disc with a clock hand from the centre to the rim. */
        DISC_HAND {
            @Override
            int part(double u, double v) {
                if (u * u + v * v > 1) {
                    return 0;
                }
                return u > -0.1 && u < 0.9 && Math.abs(v) < 0.12 ? 2 : 1;
            }
        },
        /** A tall isosceles triangle, apex up, with a band across its base. */
        TRIANGLE {
            @Override
            int part(double u, double v) {
                if (v < -1 || v > 0.7) {
                    return 0;
                }
                double half = 0.6 * (v + 1) / 1.7;
                if (Math.abs(u) > half) {
                    return 0;
                }
                return v > 0.45 ? 2 : 1;
            }
        },
        /** A cross with one long arm. */
        DAGGER {
            @Override
            int part(double u, double v) {
                boolean vertical = Math.abs(u) < 0.16 && v > -0.5 && v < 1.0;
                boolean horizontal = Math.abs(v + 0.1) < 0.16 && Math.abs(u) < 0.55;
                if (!vertical && !horizontal) {
                    return 0;
                }
                return v > 0.7 ? 2 : 1;
            }
        },
        /** An L: a vertical bar with a foot to the right. */
        ELL {
            @Override
            int part(double u, double v) {
                boolean stem = u > -0.6 && u < -0.2 && v > -0.9 && v < 0.8;
                boolean foot = u > -0.6 && u < 0.7 && v > 0.4 && v < 0.8;
                if (!stem && !foot) {
                    return 0;
                }
                return foot && u > 0.35 ? 2 : 1;
            }
        },
        /** An arrow pointing right. */
        ARROW {
            @Override
            int part(double u, double v) {
                boolean shaft = u > -0.95 && u < 0.3 && Math.abs(v) < 0.14;
                boolean head = u >= 0.3 && u < 0.95 && Math.abs(v) < 0.55 * (0.95 - u) / 0.65;
                if (!shaft && !head) {
                    return 0;
                }
                return u < -0.7 ? 2 : 1;
            }
        };

        abstract int part(double u, double v);
    }

    /**
     * A group's scene: a background texture larger than the frame (so it can pan), its colours,
     * and whether it is dark (bright shapes) or bright (dark shapes).
     */
    private static final class Scene {
        private static final int KINDS = 5;

        final boolean dark;
        final int margin;
        final int textureWidth;
        final int textureHeight;
        final float[] texture;
        final int width;
        final int height;

        private Scene(boolean dark, int margin, int width, int height, float[] texture) {
            this.dark = dark;
            this.margin = margin;
            this.width = width;
            this.height = height;
            this.textureWidth = width + 2 * margin;
            this.textureHeight = height + 2 * margin;
            this.texture = texture;
        }

        static Scene of(Spec spec, int group) {
            Random r = new Random(mix(spec.seed(), 0x5CE7EL, group));
            int w = spec.width();
            int h = spec.height();
            double m = Math.min(w, h);
            int margin = (int) Math.ceil(0.1 * m) + 2;
            int tw = w + 2 * margin;
            int th = h + 2 * margin;
            boolean dark = r.nextBoolean();
            double hue = r.nextDouble();
            // two colours of clearly different brightness, both on the scene's side of the shapes
            float[] c1 = dark ? sceneColour(hue, 0.04, 0.16, r) : sceneColour(hue, 0.55, 0.68, r);
            float[] c2 = dark
                    ? sceneColour(hue + 0.1 + 0.3 * r.nextDouble(), 0.26, 0.44, r)
                    : sceneColour(hue + 0.1 + 0.3 * r.nextDouble(), 0.8, 0.95, r);
            int kind = r.nextInt(KINDS);
            float[] mixAt = new float[tw * th];
            switch (kind) {
                case 0 -> blobs(mixAt, tw, th, m / (3 + 4 * r.nextDouble()), r);
                case 1 -> stripes(mixAt, tw, th, m / (3 + 6 * r.nextDouble()), r.nextDouble() * Math.PI);
                case 2 -> checker(mixAt, tw, th, Math.max(2, (int) Math.round(m / (4 + 6 * r.nextDouble()))));
                case 3 -> speckles(mixAt, tw, th, m, r);
                default -> gradient(mixAt, tw, th, r.nextDouble() * 2 * Math.PI, r);
            }
            float[] texture = new float[tw * th * 3];
            for (int i = 0; i < mixAt.length; i++) {
                float a = mixAt[i];
                for (int c = 0; c < 3; c++) {
                    texture[i * 3 + c] = c1[c] * (1 - a) + c2[c] * a;
                }
            }
            return new Scene(dark, margin, w, h, texture);
        }

        /** Copies the frame-sized window at (ox, oy) of the texture, bilinearly interpolated. */
        void paint(float[] canvas, double ox, double oy) {
            int ix = (int) Math.floor(ox);
            int iy = (int) Math.floor(oy);
            float fx = (float) (ox - ix);
            float fy = (float) (oy - iy);
            ix = Math.max(0, Math.min(textureWidth - width - 1, ix));
            iy = Math.max(0, Math.min(textureHeight - height - 1, iy));
            for (int y = 0; y < height; y++) {
                int row0 = ((iy + y) * textureWidth + ix) * 3;
                int row1 = row0 + textureWidth * 3;
                int out = y * width * 3;
                for (int x = 0; x < width * 3; x++) {
                    float top = texture[row0 + x] * (1 - fx) + texture[row0 + x + 3] * fx;
                    float bottom = texture[row1 + x] * (1 - fx) + texture[row1 + x + 3] * fx;
                    canvas[out + x] = top * (1 - fy) + bottom * fy;
                }
            }
        }

        private static float[] sceneColour(double hue, double low, double high, Random r) {
            return hsv(hue, 0.15 + 0.5 * r.nextDouble(), low + (high - low) * r.nextDouble());
        }

        /** Smooth value noise: random values on a grid, interpolated with smoothstep. */
        private static void blobs(float[] out, int w, int h, double cell, Random r) {
            int gw = (int) Math.ceil(w / cell) + 2;
            int gh = (int) Math.ceil(h / cell) + 2;
            float[] grid = new float[gw * gh];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = r.nextFloat();
            }
            for (int y = 0; y < h; y++) {
                double gy = y / cell;
                int y0 = (int) gy;
                double ty = smooth(gy - y0);
                for (int x = 0; x < w; x++) {
                    double gx = x / cell;
                    int x0 = (int) gx;
                    double tx = smooth(gx - x0);
                    double top = grid[y0 * gw + x0] * (1 - tx) + grid[y0 * gw + x0 + 1] * tx;
                    double bottom = grid[(y0 + 1) * gw + x0] * (1 - tx) + grid[(y0 + 1) * gw + x0 + 1] * tx;
                    out[y * w + x] = (float) (top * (1 - ty) + bottom * ty);
                }
            }
        }

        private static double smooth(double t) {
            return t * t * (3 - 2 * t);
        }

        private static void stripes(float[] out, int w, int h, double period, double angle) {
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = Math.sin(2 * Math.PI * (x * cos + y * sin) / period);
                    out[y * w + x] = (float) (0.5 + 0.5 * Math.tanh(3 * s));
                }
            }
        }

        private static void checker(float[] out, int w, int h, int cell) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = ((x / cell + y / cell) & 1) == 0 ? 0f : 1f;
                }
            }
        }

        /** Discs of the second colour, of random sizes, scattered over the first. */
        private static void speckles(float[] out, int w, int h, double m, Random r) {
            int count = (int) Math.round(w * h / (m * m) * (25 + 40 * r.nextDouble()));
            for (int k = 0; k < count; k++) {
                double cx = r.nextDouble() * w;
                double cy = r.nextDouble() * h;
                double rad = (0.01 + 0.04 * r.nextDouble()) * m;
                int xa = Math.max(0, (int) (cx - rad));
                int xb = Math.min(w - 1, (int) (cx + rad) + 1);
                int ya = Math.max(0, (int) (cy - rad));
                int yb = Math.min(h - 1, (int) (cy + rad) + 1);
                for (int y = ya; y <= yb; y++) {
                    for (int x = xa; x <= xb; x++) {
                        double ddx = x + 0.5 - cx;
                        double ddy = y + 0.5 - cy;
                        if (ddx * ddx + ddy * ddy <= rad * rad) {
                            out[y * w + x] = 1f;
                        }
                    }
                }
            }
        }

        /** A linear ramp across the texture at an angle, with fixed fine grain on top. */
        private static void gradient(float[] out, int w, int h, double angle, Random r) {
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double span = Math.abs(w * cos) + Math.abs(h * sin);
            double start = Math.min(0, w * cos) + Math.min(0, h * sin);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double t = (x * cos + y * sin - start) / span;
                    double grain = 0.15 * (r.nextDouble() - 0.5);
                    out[y * w + x] = (float) Math.max(0, Math.min(1, t + grain));
                }
            }
        }
    }

    /** Picks the encoder once per class loader. */
    private static final class EncoderHolder {
        static final String NAME = pick();

        private static String pick() {
            Ffmpeg.quiet();
            for (String name : new String[] {"libx264", "libopenh264", "h264"}) {
                AVCodec codec = avcodec_find_encoder_by_name(name);
                if (codec != null && !codec.isNull()) {
                    return name;
                }
            }
            return "mpeg4";
        }
    }
}
