package dev.lstmforge.plugins.video.decode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.media.Ffmpeg;
import dev.lstmforge.support.media.MediaFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes video files with javacv's {@link FFmpegFrameGrabber} into sampled frames: RGB, resized by
 * FFmpeg while decoding to one configured size, as floats in [0, 1] laid out frame by frame in CHW
 * order ({@link DecodedClip}); bad input fails with a one-line {@link DataException} naming the
 * file.
 *
 * <p>Resizing stretches the whole picture to {@code width x height} (no crop, the aspect ratio is
 * not kept), with swscale's bilinear filter, in FFmpeg's thread; the conversion to floats reuses
 * the decoder's buffers, and a caller may pass the output array to reuse too. Frames a strategy
 * does not keep are decoded but not converted, and key-frame sampling does not decode the frames
 * between key frames at all ({@link Sampling}).
 *
 * <p>Checks, each a {@link DataException} "{@code <file>: <problem>}": a missing file, a directory,
 * an empty file, a file FFmpeg cannot read as media (including a still image), a truncated or
 * corrupt MP4 (its boxes run past the end of the file, it has no index, or fewer frames decode than
 * the container declares), a file with no video stream (audio only), and a clip shorter than the
 * sampling needs.
 *
 * <p>Not thread-safe (it keeps scratch buffers): use one decoder per thread.
 *
 * <pre>{@code
 * VideoDecoder decoder = new VideoDecoder(224, 224);
 * DecodedClip clip = decoder.decode(Path.of("clips/demo.mp4"), Sampling.uniform(16));
 * clip.pixels();    // 16 * 3 * 224 * 224 floats, frame by frame, RGB planes, [0, 1]
 * clip.indices();   // which of the clip's frames: [8, 26, 43, ...]
 * decoder.decode(Path.of("song.m4a"), Sampling.uniform(16));
 * // DataException "song.m4a: no video stream (audio only)"
 * }</pre>
 */
public final class VideoDecoder {

    /** The largest output width or height accepted. */
    public static final int MAX_SIZE = 4096;

    /** The side of the grey copies the difference strategy compares (at most). */
    static final int THUMBNAIL = 32;

    private static final Set<String> VIDEO_EXTENSIONS =
            Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg", "ts", "wmv", "flv", "3gp", "ogv");

    /** Pixel formats whose first plane is 8-bit luma: the difference strategy reads it directly. */
    private static final Set<Integer> LUMA_FIRST = Set.of(
            avutil.AV_PIX_FMT_YUV420P,
            avutil.AV_PIX_FMT_YUVJ420P,
            avutil.AV_PIX_FMT_YUV422P,
            avutil.AV_PIX_FMT_YUVJ422P,
            avutil.AV_PIX_FMT_YUV444P,
            avutil.AV_PIX_FMT_YUVJ444P,
            avutil.AV_PIX_FMT_YUV440P,
            avutil.AV_PIX_FMT_YUVJ440P,
            avutil.AV_PIX_FMT_YUV411P,
            avutil.AV_PIX_FMT_YUV410P,
            avutil.AV_PIX_FMT_YUVA420P,
            avutil.AV_PIX_FMT_NV12,
            avutil.AV_PIX_FMT_NV21,
            avutil.AV_PIX_FMT_NV16,
            avutil.AV_PIX_FMT_GRAY8);

    /** javacv's FFmpeg errors carry the return code as "error -1094995529:". */
    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

    /** FFmpeg's AVERROR(ENOENT), AVERROR(EACCES), AVERROR(EISDIR) (Linux errno values). */
    private static final int ENOENT = -2;

    private static final int EACCES = -13;
    private static final int EISDIR = -21;

    private final int width;
    private final int height;
    private final int threads;
    private final float[] toUnit = new float[256];

    // scratch, reused from call to call
    private final byte[] row;
    private final GreyGrid rgbGrid;
    private GreyGrid lumaGrid;
    private byte[][] held = new byte[0][];

    /**
     * Creates a decoder that decodes each clip on one FFmpeg thread, which suits loading many clips
     * (in parallel or not): FFmpeg's frame threading starts its threads again for every clip, which
     * cost more than it gained on 2 cores for the short clips measured ({@code DecodeBenchmark}).
     *
     * @param width output width in pixels, 1 to {@value #MAX_SIZE}
     * @param height output height in pixels, 1 to {@value #MAX_SIZE}
     */
    public VideoDecoder(int width, int height) {
        this(width, height, 1);
    }

    /**
     * Creates a decoder.
     *
     * @param width output width in pixels, 1 to {@value #MAX_SIZE}
     * @param height output height in pixels, 1 to {@value #MAX_SIZE}
     * @param threads FFmpeg decoding threads per clip; 0 lets FFmpeg choose (frame threading, about
     *     one thread per core, worth it for long or large clips on many cores), 1 decodes on one
     */
    public VideoDecoder(int width, int height, int threads) {
        if (width < 1 || width > MAX_SIZE || height < 1 || height > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "output size must be 1.." + MAX_SIZE + " on each side, got " + width + "x" + height);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (FFmpeg's choice) or positive, got " + threads);
        }
        this.width = width;
        this.height = height;
        this.threads = threads;
        for (int i = 0; i < 256; i++) {
            toUnit[i] = i / 255f;
        }
        row = new byte[width * 3];
        rgbGrid = new GreyGrid(width, height, THUMBNAIL, THUMBNAIL);
        Ffmpeg.quiet();
    }

    /**
     * The output width.
     *
     * @return pixels
     */
    public int width() {
        return width;
    }

    /**
     * The output height.
     *
     * @return pixels
     */
    public int height() {
        return height;
    }

    /**
     * Whether a file name has the extension of a video container this decoder is meant for: mp4,
     * m4v, mov, avi, mkv, webm, mpg, mpeg, ts, wmv, flv, 3gp or ogv, in any case.
     *
     * @param name a file name or path
     * @return true for a video extension
     */
    public static boolean isVideoFileName(String name) {
        if (name == null) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (dot <= slash + 1 || dot == name.length() - 1) {
            return false;
        }
        return VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads what the container says about a video without decoding a frame.
     *
     * @param file the video file
     * @return its description
     * @throws DataException naming the file when it is missing, a directory, empty, not a video FFmpeg
     *     can read, or has no video stream
     */
    public VideoInfo probe(Path file) {
        String name = MediaFiles.requireNonEmptyFile(file, "video file");
        try (Source source = open(file, name, false, false)) {
            return source.info;
        }
    }

    /**
     * Decodes and samples a video file.
     *
     * @param file the video file, in any format FFmpeg reads
     * @param sampling which frames to keep
     * @return exactly {@code sampling.frames()} frames in time order
     * @throws DataException naming the file when it is missing, a directory, empty, not a video
     *     FFmpeg can read, a truncated or corrupt MP4, has no video stream, or is shorter than the
     *     sampling needs
     */
    public DecodedClip decode(Path file, Sampling sampling) {
        return decode(file, sampling, null);
    }

    /**
     * Decodes and samples a video file into a buffer the caller reuses.
     *
     * @param file the video file, in any format FFmpeg reads
     * @param sampling which frames to keep
     * @param reuse an array to write the frames into when it holds at least {@code
     *     sampling.frames() * 3 * height * width} values, else null (a new one is made)
     * @return exactly {@code sampling.frames()} frames in time order, in {@code reuse} when it was
     *     large enough
     * @throws DataException as {@link #decode(Path, Sampling)}
     */
    public DecodedClip decode(Path file, Sampling sampling, float[] reuse) {
        Objects.requireNonNull(sampling, "sampling");
        long start = System.nanoTime();
        String name = MediaFiles.requireNonEmptyFile(file, "video file");
        return sample(file, name, sampling, reuse, start);
    }

    /**
     * Decodes and samples a video held in memory, such as a request body. The bytes go through a
     * temporary file (FFmpeg seeks in MP4s whose index is at the end), deleted afterwards.
     *
     * @param bytes the encoded video
     * @param source what to call it in messages: "request", or the original file name
     * @param sampling which frames to keep
     * @return exactly {@code sampling.frames()} frames in time order
     * @throws DataException naming the source for the same problems as {@link #decode(Path,
     *     Sampling)}
     */
    public DecodedClip decode(byte[] bytes, String source, Sampling sampling) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sampling, "sampling");
        long start = System.nanoTime();
        String name = source == null || source.isBlank() ? "request" : source;
        if (bytes.length == 0) {
            throw new DataException(name + ": empty (0 bytes)");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("lstmforge-video-", ".bin");
            Files.write(temp, bytes);
            return sample(temp, name, sampling, null, start);
        } catch (IOException e) {
            throw new DataException(name + ": cannot buffer the video in a temporary file: " + MediaFiles.reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Strategies

    private DecodedClip sample(Path file, String name, Sampling sampling, float[] reuse, long start) {
        float[] out = reuse != null && reuse.length >= (long) sampling.frames() * 3 * height * width
                ? reuse
                : new float[Math.multiplyExact(sampling.frames(), 3 * height * width)];
        return switch (sampling.kind()) {
            case UNIFORM -> uniform(file, name, sampling, sampling, out, start, 0, false);
            case DIFFERENCE -> difference(file, name, sampling, out, start);
            case KEYFRAMES -> keyframes(file, name, sampling, out, start);
        };
    }

    /**
     * Uniform sampling: plans the indices from the container's frame count, decodes the whole clip
     * converting only the planned frames, and checks the count. When the count was only an estimate
     * (no declared count) and proves wrong, a second pass uses the real one.
     */
    private DecodedClip uniform(
            Path file,
            String name,
            Sampling sampling,
            Sampling asked,
            float[] out,
            long start,
            int decodedBefore,
            boolean fallback) {
        int needed = sampling.framesNeeded();
        int decoded = decodedBefore;
        int length;
        int[] indices = null;
        long[] times = new long[sampling.frames()];
        int filled = 0;
        try (Source source = open(file, name, false, false)) {
            int declared = source.info.declaredFrames();
            if (declared > 0 && declared < needed) {
                throw tooShort(name, declared, asked);
            }
            int estimate = source.info.estimatedFrames();
            if (estimate >= needed) {
                indices = sampling.uniformIndices(estimate);
            }
            int t = 0;
            while (true) {
                boolean wanted = indices != null && filled < indices.length && indices[filled] == t;
                Frame frame = source.next(wanted);
                if (frame == null) {
                    break;
                }
                if (wanted) {
                    convert(frame, out, filled, name);
                    times[filled] = frame.timestamp;
                    filled++;
                }
                t++;
            }
            length = t;
            decoded += t;
            checkComplete(name, declared, length);
        }
        if (length < needed) {
            throw tooShort(name, length, asked);
        }
        if (indices == null || filled < indices.length) {
            // the estimate was too high (or unknown): sample again, knowing the length
            indices = sampling.uniformIndices(length);
            filled = 0;
            try (Source source = open(file, name, false, false)) {
                for (int t = 0; filled < indices.length; t++) {
                    boolean wanted = indices[filled] == t;
                    Frame frame = source.next(wanted);
                    if (frame == null) {
                        throw new DataException(name + ": corrupt: " + length + " frames decoded at first, only " + t
                                + " the second time");
                    }
                    decoded++;
                    if (wanted) {
                        convert(frame, out, filled, name);
                        times[filled] = frame.timestamp;
                        filled++;
                    }
                }
            }
        }
        return new DecodedClip(
                out,
                sampling.frames(),
                height,
                width,
                indices,
                times,
                asked,
                fallback,
                length,
                decoded,
                System.nanoTime() - start);
    }

    /**
     * Difference sampling in one pass. Frames come from FFmpeg unscaled (javacv's raw mode); the
     * grey copy of each is read from its luma plane when the pixel format has one first (YUV,
     * grey), and only frames that enter the held set are scaled and converted to RGB; other pixel
     * formats are converted first and the grey copy made from the RGB. The {@code N} frames with the
     * largest change from their predecessor are held (a bounded set: {@code N + 1} frame buffers
     * whatever the clip's length), then written out in time order.
     */
    private DecodedClip difference(Path file, String name, Sampling sampling, float[] out, long start) {
        int n = sampling.frames();
        int frameBytes = height * width * 3;
        if (held.length != n + 1 || held[0].length != frameBytes) {
            held = new byte[n + 1][frameBytes];
        }
        int[] heldIndex = new int[n];
        long[] heldTime = new long[n];
        float[] heldScore = new float[n];
        int[] heldBuffer = new int[n]; // which of the n + 1 buffers each held frame uses
        int spare = 0; // the buffer the next frame is converted into
        int count = 0;
        int weakest = -1;
        float[] previous = new float[0];
        float[] current = new float[0];
        int length;
        try (Source source = open(file, name, false, true);
                RgbScaler scaler = new RgbScaler(width, height)) {
            int declared = source.info.declaredFrames();
            if (declared > 0 && declared < n) {
                throw tooShort(name, declared, sampling);
            }
            int t = 0;
            while (true) {
                Frame frame = source.next(true);
                if (frame == null) {
                    break;
                }
                AVFrame picture = (AVFrame) frame.opaque;
                byte[] pixels = held[spare];
                boolean converted = false;
                GreyGrid grid;
                if (LUMA_FIRST.contains(picture.format())) {
                    grid = lumaGrid(picture.width(), picture.height());
                } else {
                    convertRaw(scaler, picture, pixels, name);
                    converted = true;
                    grid = rgbGrid;
                }
                if (current.length != grid.size()) {
                    current = new float[grid.size()];
                }
                if (converted) {
                    grid.fromRgb(pixels, current);
                } else {
                    grid.fromLuma((ByteBuffer) frame.image[0], frame.imageStride, current);
                }
                // the first frame, or one after a change of picture size, counts as no change
                float score = t == 0 || previous.length != current.length
                        ? 0f
                        : GreyGrid.meanAbsoluteDifference(current, previous);
                float[] swap = previous;
                previous = current;
                current = swap;
                int slot = count < n ? count : score > heldScore[weakest] ? weakest : -1;
                if (slot >= 0) {
                    if (!converted) {
                        convertRaw(scaler, picture, pixels, name);
                    }
                    int freed = slot == count ? count + 1 : heldBuffer[slot];
                    hold(slot, spare, t, frame.timestamp, score, heldIndex, heldTime, heldScore, heldBuffer);
                    if (slot == count) {
                        // filling up: buffers are taken in order, so buffer `count + 1` is free
                        count++;
                    }
                    spare = freed;
                    if (count == n) {
                        weakest = weakest(heldScore, heldIndex, n);
                    }
                }
                t++;
            }
            length = t;
            checkComplete(name, declared, length);
        }
        if (length < n) {
            throw tooShort(name, length, sampling);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(heldIndex[a], heldIndex[b]));
        int[] indices = new int[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            int slot = order[i];
            indices[i] = heldIndex[slot];
            times[i] = heldTime[slot];
            unpack(held[heldBuffer[slot]], out, i);
        }
        return new DecodedClip(
                out, n, height, width, indices, times, sampling, false, length, length, System.nanoTime() - start);
    }

    private GreyGrid lumaGrid(int sourceWidth, int sourceHeight) {
        if (lumaGrid == null || lumaGrid.sourceWidth != sourceWidth || lumaGrid.sourceHeight != sourceHeight) {
            lumaGrid = new GreyGrid(sourceWidth, sourceHeight, THUMBNAIL, THUMBNAIL);
        }
        return lumaGrid;
    }

    private static void convertRaw(RgbScaler scaler, AVFrame picture, byte[] pixels, String name) {
        if (!scaler.scale(picture, pixels)) {
            throw new DataException(name + ": unsupported video: FFmpeg cannot convert its pixel format ("
                    + pixelFormatName(picture.format()) + ") to RGB");
        }
    }

    private static String pixelFormatName(int format) {
        BytePointer pointer = avutil.av_get_pix_fmt_name(format);
        return pointer == null || pointer.isNull() ? "format " + format : pointer.getString();
    }

    private static void hold(
            int slot,
            int buffer,
            int index,
            long time,
            float score,
            int[] heldIndex,
            long[] heldTime,
            float[] heldScore,
            int[] heldBuffer) {
        heldIndex[slot] = index;
        heldTime[slot] = time;
        heldScore[slot] = score;
        heldBuffer[slot] = buffer;
    }

    /** The held frame to evict next: the lowest score, and of equal scores the latest frame. */
    private static int weakest(float[] score, int[] index, int n) {
        int worst = 0;
        for (int i = 1; i < n; i++) {
            if (score[i] < score[worst] || score[i] == score[worst] && index[i] > index[worst]) {
                worst = i;
            }
        }
        return worst;
    }

    /**
     * Key-frame sampling: the decoder is opened with {@code skip_frame=nokey}, so it decodes key
     * frames only. The key frames are counted from the container's index when it covers every
     * frame (MP4, MOV), else by a first pass that decodes only key frames too; {@code N} evenly
     * spaced ones are kept. Fewer than {@code N}: uniform sampling instead, flagged as a fallback.
     */
    private DecodedClip keyframes(Path file, String name, Sampling sampling, float[] out, long start) {
        int n = sampling.frames();
        int[] decoded = {0};
        int keys;
        int declared;
        try (Source source = open(file, name, true, false)) {
            keys = source.info.keyFrames();
            declared = source.info.declaredFrames();
            if (keys >= n) {
                DecodedClip clip = takeKeyFrames(source, sampling, keys, out, start, declared, decoded);
                if (clip != null) {
                    return clip;
                }
                keys = -2; // fewer key frames decoded than the index promised
            } else if (keys < 0) {
                keys = 0;
                Frame frame;
                while ((frame = source.next(false)) != null) {
                    decoded[0]++;
                    if (frame.keyFrame) {
                        keys++;
                    }
                }
            }
        }
        if (keys >= n) {
            try (Source source = open(file, name, true, false)) {
                DecodedClip clip = takeKeyFrames(source, sampling, keys, out, start, declared, decoded);
                if (clip != null) {
                    return clip;
                }
            }
        }
        return uniform(file, name, Sampling.uniform(n), sampling, out, start, decoded[0], true);
    }

    /**
     * Converts {@code N} evenly spaced key frames of {@code keys} from a source opened for key
     * frames only, or returns null when fewer key frames decode than that.
     */
    private DecodedClip takeKeyFrames(
            Source source, Sampling sampling, int keys, float[] out, long start, int declared, int[] decoded) {
        int n = sampling.frames();
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = (int) ((2L * i + 1) * keys / (2L * n));
        }
        int[] indices = new int[n];
        long[] times = new long[n];
        int filled = 0;
        int key = 0;
        while (filled < n) {
            boolean wanted = chosen[filled] == key;
            Frame frame = source.next(wanted);
            if (frame == null) {
                return null;
            }
            decoded[0]++;
            if (!frame.keyFrame) {
                continue; // a decoder that ignores skip_frame: filter here instead
            }
            if (wanted) {
                convert(frame, out, filled, source.name);
                // the frame's time times the rate, kept increasing for variable-rate clips
                int index = source.grabber.getFrameNumber();
                indices[filled] = filled == 0 ? Math.max(0, index) : Math.max(index, indices[filled - 1] + 1);
                times[filled] = frame.timestamp;
                filled++;
            }
            key++;
        }
        return new DecodedClip(
                out,
                n,
                height,
                width,
                indices,
                times,
                sampling,
                false,
                declared,
                decoded[0],
                System.nanoTime() - start);
    }

    // ---------------------------------------------------------------------------------------------
    // Pixels

    /** Writes one RGB24 frame into slot {@code slot} of {@code out} as CHW floats in [0, 1]. */
    private void convert(Frame frame, float[] out, int slot, String name) {
        ByteBuffer image = image(frame, name);
        int plane = height * width;
        int base = slot * 3 * plane;
        for (int y = 0; y < height; y++) {
            image.get(y * frame.imageStride, row, 0, row.length);
            int r = base + y * width;
            int g = r + plane;
            int b = g + plane;
            for (int x = 0, i = 0; x < width; x++, i += 3) {
                out[r + x] = toUnit[row[i] & 0xFF];
                out[g + x] = toUnit[row[i + 1] & 0xFF];
                out[b + x] = toUnit[row[i + 2] & 0xFF];
            }
        }
    }

    /** Writes packed RGB bytes into slot {@code slot} of {@code out} as CHW floats in [0, 1]. */
    private void unpack(byte[] pixels, float[] out, int slot) {
        int plane = height * width;
        int base = slot * 3 * plane;
        for (int p = 0, i = 0; p < plane; p++, i += 3) {
            out[base + p] = toUnit[pixels[i] & 0xFF];
            out[base + plane + p] = toUnit[pixels[i + 1] & 0xFF];
            out[base + 2 * plane + p] = toUnit[pixels[i + 2] & 0xFF];
        }
    }

    private ByteBuffer image(Frame frame, String name) {
        if (frame.image == null || frame.imageWidth != width || frame.imageHeight != height) {
            throw new DataException(name + ": FFmpeg returned a " + frame.imageWidth + "x" + frame.imageHeight
                    + " frame, " + width + "x" + height + " expected");
        }
        return (ByteBuffer) frame.image[0];
    }

    // ---------------------------------------------------------------------------------------------
    // Opening and errors

    /**
     * Opens the file with FFmpeg and checks it has a video stream. Frames come resized to the
     * output size in RGB24, or with {@code raw} as the decoder made them (javacv's raw mode: the
     * first plane in {@code Frame.image[0]}, FFmpeg's {@link AVFrame} in {@code Frame.opaque}).
     */
    private Source open(Path file, String name, boolean keyFramesOnly, boolean raw) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        if (raw) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        } else {
            grabber.setImageWidth(width);
            grabber.setImageHeight(height);
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        }
        if (threads > 0) {
            grabber.setVideoOption("threads", Integer.toString(threads));
        }
        if (keyFramesOnly) {
            grabber.setVideoOption("skip_frame", "nokey");
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw openFailure(file, name, e);
        } catch (RuntimeException e) {
            closeQuietly(grabber);
            throw new DataException(name + ": FFmpeg cannot open it: " + oneLine(e.getMessage()), e);
        }
        Source source = new Source(grabber, name);
        try {
            String format = String.valueOf(grabber.getFormat());
            if (!grabber.hasVideo()) {
                throw new DataException(
                        name + ": " + (grabber.hasAudio() ? "no video stream (audio only)" : noStream(file)));
            }
            if (format.equals("image2") || format.endsWith("_pipe")) {
                throw new DataException(name + ": a still image (" + format + "), not a video");
            }
            source.info = describe(grabber, format);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    private static VideoInfo describe(FFmpegFrameGrabber grabber, String format) {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        long count = stream.nb_frames();
        int declared = count > 0 && count <= Integer.MAX_VALUE ? (int) count : -1;
        long micros = Math.max(0, grabber.getLengthInTime());
        double fps = grabber.getFrameRate();
        long frames = declared > 0 ? declared : micros > 0 && fps > 0 ? Math.round(micros * fps / 1e6) : Long.MAX_VALUE;
        // An index that lists every frame (MP4, MOV, AVI) flags the key frames among them; one that
        // lists only some key frames (Matroska's cues, read lazily) cannot count them.
        int entries = avformat_index_get_entries_count(stream);
        int keys = -1;
        if (entries > 0 && entries >= frames) {
            keys = 0;
            for (int i = 0; i < entries; i++) {
                AVIndexEntry entry = avformat_index_get_entry(stream, i);
                if (entry != null && (entry.flags() & AVIndexEntry.AVINDEX_KEYFRAME) != 0) {
                    keys++;
                }
            }
        }
        String codec = avcodec_get_name(stream.codecpar().codec_id()).getString();
        return new VideoInfo(
                format,
                codec,
                stream.codecpar().width(),
                stream.codecpar().height(),
                fps,
                micros,
                declared,
                keys,
                grabber.hasAudio());
    }

    /** Fails when far fewer frames decoded than the container declares (beyond 1%, at least 1). */
    private static void checkComplete(String name, int declared, int decoded) {
        if (declared > 0 && decoded < declared - Math.max(1, declared / 100)) {
            throw new DataException(name + ": truncated or corrupt: the container declares " + declared
                    + " frames, only " + decoded + " decode");
        }
    }

    private static DataException tooShort(String name, int length, Sampling sampling) {
        String what = sampling.step() > 0
                ? "every " + ordinal(sampling.step()) + " frame for " + sampling.frames() + " frames needs "
                        + sampling.framesNeeded()
                : sampling.frames() + " asked (" + sampling + ")";
        return new DataException(name + ": too short: " + length + (length == 1 ? " frame, " : " frames, ") + what);
    }

    private static String ordinal(int k) {
        int mod100 = k % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : switch (k % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return k + suffix;
    }

    /** Turns a failed {@code start()} into a one-line message. */
    private static DataException openFailure(Path file, String name, FrameGrabber.Exception e) {
        String message = oneLine(e.getMessage());
        Matcher m = ERROR_CODE.matcher(message);
        int code = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String problem;
        if (message.startsWith("avformat_open_input()")) {
            if (code == ENOENT) {
                problem = "file not found";
            } else if (code == EISDIR) {
                problem = "is a directory, not a video file";
            } else if (code == EACCES) {
                problem = "cannot read the file: permission denied";
            } else {
                problem = Mp4Boxes.startsLikeMp4(file)
                        ? mp4Problem(file, "FFmpeg cannot open it: " + Ffmpeg.describeError(code))
                        : "not a video file FFmpeg can read (" + Ffmpeg.describeError(code) + ")";
            }
        } else if (message.startsWith("avformat_find_stream_info()")) {
            problem = Mp4Boxes.startsLikeMp4(file)
                    ? mp4Problem(file, "FFmpeg cannot read the stream information: " + Ffmpeg.describeError(code))
                    : "corrupt video: FFmpeg cannot read the stream information: " + Ffmpeg.describeError(code);
        } else if (message.startsWith("Did not find a video or audio stream")) {
            problem = noStream(file);
        } else if (message.startsWith("avcodec_find_decoder()")) {
            problem = "unsupported video codec: FFmpeg has no decoder for it";
        } else if (message.startsWith("avcodec_open2()")) {
            problem = "unsupported video: FFmpeg cannot open the decoder: " + Ffmpeg.describeError(code);
        } else {
            int javacvHint = message.indexOf(" (");
            problem = "FFmpeg cannot open it: " + (javacvHint > 0 ? message.substring(0, javacvHint) : message);
        }
        return new DataException(name + ": " + problem, e);
    }

    /** The problem of a file in which FFmpeg found no stream at all. */
    private static String noStream(Path file) {
        return Mp4Boxes.startsLikeMp4(file)
                ? mp4Problem(file, "FFmpeg finds no stream in its index")
                : "no video stream";
    }

    /** What is wrong with a file that starts like an MP4 but FFmpeg cannot use. */
    private static String mp4Problem(Path file, String otherwise) {
        String structure = Mp4Boxes.problem(file);
        return structure != null ? structure : "corrupt MP4: " + otherwise;
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\s+", " ").trim();
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing more to free
        }
    }

    /** An opened grabber and what its container says. */
    private static final class Source implements AutoCloseable {
        final FFmpegFrameGrabber grabber;
        final String name;
        VideoInfo info;

        Source(FFmpegFrameGrabber grabber, String name) {
            this.grabber = grabber;
            this.name = name;
        }

        /**
         * The next video frame, converted to RGB at the output size only when {@code convert}.
         *
         * @return the frame (javacv's, overwritten by the next call), or null at the end
         */
        Frame next(boolean convert) {
            try {
                return grabber.grabFrame(false, true, convert, false, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new DataException(
                        name + ": corrupt video: FFmpeg cannot decode it: " + oneLine(e.getMessage()), e);
            }
        }

        @Override
        public void close() {
            closeQuietly(grabber);
        }
    }

    /**
     * Reads the top-level box structure of an ISO base media file (MP4, MOV) to say why FFmpeg
     * could not use it: a box running past the end of the file (truncated) or no index box.
     */
    static final class Mp4Boxes {
        private Mp4Boxes() {}

        /**
         * Whether the file starts with an {@code ftyp} box, as MP4 and MOV files do.
         *
         * @param file the file
         * @return true for an MP4-like start
         */
        static boolean startsLikeMp4(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = new byte[8];
                return in.readNBytes(head, 0, 8) == 8
                        && "ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * The structural problem of an MP4: a box that runs past the end of the file, a box too
         * small to be one, or no {@code moov} box (the index); null when the boxes are intact.
         *
         * @param file the file
         * @return the problem, or null
         */
        static String problem(Path file) {
            boolean index = false;
            try (SeekableByteChannel channel = Files.newByteChannel(file)) {
                long size = channel.size();
                long offset = 0;
                ByteBuffer header = ByteBuffer.allocate(16);
                while (offset < size) {
                    header.clear();
                    channel.position(offset);
                    while (header.hasRemaining() && channel.read(header) >= 0) {
                        // read up to 16 bytes, fewer at the end of the file
                    }
                    if (header.position() < 8) {
                        return "truncated MP4: the file ends inside a box header at byte " + offset;
                    }
                    long boxSize = Integer.toUnsignedLong(header.getInt(0));
                    String type = printable(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1));
                    if (boxSize == 1) {
                        if (header.position() < 16) {
                            return "truncated MP4: the file ends inside the '" + type + "' box header";
                        }
                        boxSize = header.getLong(8);
                    } else if (boxSize == 0) {
                        boxSize = size - offset; // "to the end of the file"
                    }
                    if (boxSize < 8) {
                        return "corrupt MP4: the box at byte " + offset + " declares " + boxSize + " bytes";
                    }
                    if (boxSize > size - offset) {
                        return "truncated MP4: the '" + type + "' box at byte " + offset + " needs " + boxSize
                                + " bytes, the file ends after " + (size - offset);
                    }
                    index |= type.equals("moov");
                    offset += boxSize;
                }
            } catch (IOException e) {
                return null;
            }
            return index ? null : "truncated or corrupt MP4: it has no index (no 'moov' box)";
        }

        private static String printable(String type) {
            return type.replaceAll("[^\\x20-\\x7E]", "?");
        }
    }
}
