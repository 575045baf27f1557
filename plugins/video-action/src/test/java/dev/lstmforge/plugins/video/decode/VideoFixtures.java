package dev.lstmforge.plugins.video.decode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.plugins.video.data.SyntheticActions;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Test clips whose frames say which frame they are: the top quarter of every frame is a row of
 * eight black or white blocks, the frame index in binary (most significant bit left); the rest is a
 * flat grey, dark or light, that switches at chosen "cut" frames so the frame-difference sampler has
 * known peaks.
 */
public final class VideoFixtures {

    /** Counter bits in the top strip. */
    static final int BITS = 8;

    private VideoFixtures() {}

    /**
     * Frames of a counter clip.
     *
     * @param width frame width, a multiple of 16
     * @param height frame height, a multiple of 4
     * @param frames how many frames, at most 256
     * @param cuts the frames at which the background switches between dark and light
     * @return RGB frames, row-major
     */
    static List<byte[]> counterFrames(int width, int height, int frames, Set<Integer> cuts) {
        List<byte[]> out = new ArrayList<>();
        boolean light = false;
        int strip = height / 4;
        for (int t = 0; t < frames; t++) {
            if (cuts.contains(t)) {
                light = !light;
            }
            byte[] px = new byte[width * height * 3];
            byte background = (byte) (light ? 215 : 40);
            Arrays.fill(px, background);
            for (int y = 0; y < strip; y++) {
                for (int x = 0; x < width; x++) {
                    int bit = x * BITS / width;
                    boolean on = ((t >> (BITS - 1 - bit)) & 1) == 1;
                    int i = (y * width + x) * 3;
                    px[i] = px[i + 1] = px[i + 2] = (byte) (on ? 255 : 0);
                }
            }
            out.add(px);
        }
        return out;
    }

    /** Writes a counter clip as MP4 with the generator's encoder. */
    public static Path counterClip(Path file, int width, int height, int frames, double fps, int gop, Set<Integer> cuts)
            throws IOException {
        SyntheticActions.writeMp4(counterFrames(width, height, frames, cuts), width, height, fps, gop, file);
        return file;
    }

    /**
     * Writes a counter clip with javacv's recorder in any container (Matroska has no frame count
     * and no full index), optionally with the MP4 index first ("faststart").
     */
    static Path counterClip(Path file, String format, int frames, int gop, boolean faststart) throws IOException {
        int size = 64;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), size, size, 0);
        try {
            recorder.setFormat(format);
            recorder.setVideoCodecName(SyntheticActions.encoderName());
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setGopSize(gop);
            recorder.setVideoBitrate(400_000);
            if (faststart) {
                recorder.setOption("movflags", "faststart");
            }
            recorder.start();
            Frame frame = new Frame(size, size, Frame.DEPTH_UBYTE, 3);
            for (byte[] px : counterFrames(size, size, frames, Set.of())) {
                java.nio.ByteBuffer image = (java.nio.ByteBuffer) frame.image[0];
                for (int y = 0; y < size; y++) {
                    image.put(y * frame.imageStride, px, y * size * 3, size * 3);
                }
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        } finally {
            recorder.release();
        }
        return file;
    }

    /**
     * Writes a 64x64 counter clip as PNG pictures in Matroska: a codec that decodes to RGB, not YUV,
     * so nothing has a luma plane.
     */
    static Path pngCounterClip(Path file, int frames, Set<Integer> cuts) throws IOException {
        int size = 64;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), size, size, 0);
        try {
            recorder.setFormat("matroska");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_PNG);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            recorder.setFrameRate(25);
            recorder.start();
            Frame frame = new Frame(size, size, Frame.DEPTH_UBYTE, 3);
            for (byte[] px : counterFrames(size, size, frames, cuts)) {
                java.nio.ByteBuffer image = (java.nio.ByteBuffer) frame.image[0];
                for (int y = 0; y < size; y++) {
                    image.put(y * frame.imageStride, px, y * size * 3, size * 3);
                }
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        } finally {
            recorder.release();
        }
        return file;
    }

    /** Writes one second of a 440 Hz tone as AAC in an MP4 container: audio, no video. */
    static Path audioOnly(Path file) throws IOException {
        int rate = 16000;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1);
        try {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(rate);
            recorder.setAudioChannels(1);
            recorder.start();
            short[] samples = new short[rate];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            }
            recorder.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            recorder.stop();
        } finally {
            recorder.release();
        }
        return file;
    }

    /** The frame index a decoded frame shows, read from the block centres of its counter strip. */
    static int counterOf(DecodedClip clip, int frame) {
        int y = clip.height() / 8;
        int value = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int x = (2 * bit + 1) * clip.width() / (2 * BITS);
            float grey = (clip.at(frame, 0, y, x) + clip.at(frame, 1, y, x) + clip.at(frame, 2, y, x)) / 3;
            value = value * 2 + (grey > 0.5f ? 1 : 0);
        }
        return value;
    }

    /** The counters of every frame of a decoded clip. */
    static int[] counters(DecodedClip clip) {
        int[] out = new int[clip.frames()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counterOf(clip, i);
        }
        return out;
    }

    /** A copy of the first {@code fraction} of a file's bytes. */
    static Path truncated(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return target;
    }

    /** The shared real clip {@code video/clips/demo.mp4} under {@code -Dlstmforge.dataRoot}, or a skipped test. */
    public static Path sharedClip() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        Path clip = Path.of(root, "video", "clips", "demo.mp4");
        assumeTrue(Files.isRegularFile(clip), "missing " + clip);
        return clip;
    }
}
