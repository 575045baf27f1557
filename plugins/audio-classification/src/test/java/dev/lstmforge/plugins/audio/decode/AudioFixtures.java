package dev.lstmforge.plugins.audio.decode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.support.media.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Audio files for tests: FLAC and MP3 encodes of a WAV (javacv's FFmpegFrameRecorder), 16-bit PCM
 * WAV writers (mono and stereo, written byte by byte, independent of FFmpeg), a reference PCM
 * reader (the JDK's javax.sound.sampled), builders for deliberately broken RIFF files, and the
 * shared FSDD recordings.
 */
public final class AudioFixtures {

    /** The MP3 bit rate {@link #encode} uses, in bits per second. */
    public static final int MP3_BIT_RATE = 128_000;

    private AudioFixtures() {}

    /**
     * Encodes an audio file (any format FFmpeg reads) to another format, keeping its channels and,
     * except for Opus, its rate:
     *
     * <ul>
     *   <li>"flac": FFmpeg's FLAC encoder (lossless);
     *   <li>"mp3": libmp3lame at {@value #MP3_BIT_RATE} b/s;
     *   <li>"m4a": FFmpeg's AAC encoder at 128 kb/s in an MP4 (iPod) container;
     *   <li>"opus": libopus at 64 kb/s in Ogg, resampled to 48 kHz (the only rate Opus codes);
     *   <li>"aiff": 16-bit big-endian PCM.
     * </ul>
     *
     * @param wav the input file
     * @param out the file to write
     * @param format one of the names above
     * @return {@code out}
     */
    public static Path encode(Path wav, Path out, String format) {
        String container;
        int codec;
        int bitRate = 0;
        switch (format) {
            case "flac" -> {
                container = "flac";
                codec = avcodec.AV_CODEC_ID_FLAC;
            }
            case "mp3" -> {
                container = "mp3";
                codec = avcodec.AV_CODEC_ID_MP3;
                bitRate = MP3_BIT_RATE;
            }
            case "m4a" -> {
                container = "ipod";
                codec = avcodec.AV_CODEC_ID_AAC;
                bitRate = 128_000;
            }
            case "opus" -> {
                container = "ogg";
                codec = avcodec.AV_CODEC_ID_OPUS;
                bitRate = 64_000;
            }
            case "aiff" -> {
                container = "aiff";
                codec = avcodec.AV_CODEC_ID_PCM_S16BE;
            }
            default -> throw new IllegalArgumentException("format must be flac, mp3, m4a, opus or aiff, not " + format);
        }
        Ffmpeg.quiet();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(wav.toFile())) {
            if (codec == avcodec.AV_CODEC_ID_OPUS) {
                grabber.setSampleRate(48_000);
            }
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), grabber.getAudioChannels())) {
                recorder.setFormat(container);
                recorder.setAudioCodec(codec);
                recorder.setSampleRate(grabber.getSampleRate());
                recorder.setAudioChannels(grabber.getAudioChannels());
                if (bitRate > 0) {
                    recorder.setAudioBitrate(bitRate);
                }
                recorder.start();
                Frame frame;
                while ((frame = grabber.grabSamples()) != null) {
                    recorder.record(frame);
                }
                recorder.stop();
            }
            grabber.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IllegalStateException("encoding " + wav + " to " + format + " failed", e);
        }
        return out;
    }

    /**
     * Writes a 16-bit PCM mono WAV; each sample becomes {@code round(x * 32768)}, clipped to the
     * 16-bit range.
     *
     * @param out the file to write
     * @param samples the samples, nominally in [-1, 1]
     * @param rate the sample rate in Hz
     * @return {@code out}
     */
    public static Path writeWav(Path out, float[] samples, int rate) {
        return write(out, wavBytes(rate, samples));
    }

    /**
     * Writes a 16-bit PCM stereo WAV (interleaved left, right).
     *
     * @param out the file to write
     * @param left the left channel
     * @param right the right channel, as long as the left
     * @param rate the sample rate in Hz
     * @return {@code out}
     */
    public static Path writeStereoWav(Path out, float[] left, float[] right, int rate) {
        return write(out, wavBytes(rate, left, right));
    }

    /**
     * A complete 16-bit PCM WAV file in memory with any number of channels.
     *
     * @param rate the sample rate in Hz
     * @param channels one array per channel, all the same length
     * @return the file's bytes
     */
    public static byte[] wavBytes(int rate, float[]... channels) {
        int frames = channels[0].length;
        ByteBuffer pcm = ByteBuffer.allocate(frames * channels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : channels) {
                pcm.putShort(toPcm16(channel[i]));
            }
        }
        return riff("RIFF", "WAVE", fmt(1, channels.length, rate, 16), chunk("data", pcm.array()));
    }

    /**
     * The 16-bit value {@link #writeWav} stores for a sample.
     *
     * @param x the sample
     * @return {@code round(x * 32768)} clipped to [-32768, 32767]
     */
    public static short toPcm16(float x) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(x * 32768.0)));
    }

    /**
     * Reads a PCM WAV with the JDK's own reader (javax.sound.sampled), independent of FFmpeg.
     *
     * @param wav a 16-bit little-endian PCM WAV
     * @return the samples of the first channel, as 16-bit integers
     */
    public static short[] readPcm16(Path wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleSizeInBits() != 16
                    || f.isBigEndian()
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IllegalArgumentException(wav + " is not 16-bit little-endian PCM: " + f);
            }
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int channels = f.getChannels();
            short[] out = new short[b.remaining() / (2 * channels)];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getShort(i * 2 * channels);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(wav + " is not a WAV file the JDK reads", e);
        }
    }

    /**
     * A sine tone.
     *
     * @param hz the frequency
     * @param rate the sample rate
     * @param n the number of samples
     * @param amplitude the peak value
     * @return {@code amplitude * sin(2 pi hz i / rate)}
     */
    public static float[] sine(double hz, int rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    // ---- builders for deliberately broken RIFF files ----

    /**
     * A RIFF container whose size field is right for its content.
     *
     * @param magic "RIFF", or something wrong
     * @param form "WAVE", or something wrong
     * @param chunks the chunks, each from {@link #chunk}
     * @return the bytes
     */
    public static byte[] riff(String magic, String form, byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii(form));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteBuffer out = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii(magic)).putInt(body.size()).put(body.toByteArray());
        return out.array();
    }

    /**
     * A chunk whose declared size is its body's length (plus a pad byte after an odd body).
     *
     * @param id the four-character id
     * @param body the content
     * @return the bytes
     */
    public static byte[] chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /**
     * A chunk that declares any size, true or not (plus a pad byte after an odd body).
     *
     * @param id the four-character id
     * @param declared the size to write in the header, as an unsigned 32-bit value
     * @param body the content actually written
     * @return the bytes
     */
    public static byte[] chunk(String id, long declared, byte[] body) {
        ByteBuffer out =
                ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii(id)).putInt((int) declared).put(body);
        return out.array();
    }

    /**
     * A 16-byte fmt chunk (PCMWAVEFORMAT) with a consistent block align and byte rate.
     *
     * @param tag the format tag (1 PCM, 3 float, ...)
     * @param channels the channel count
     * @param rate the sample rate in Hz
     * @param bits the bits per sample
     * @return the chunk, header included
     */
    public static byte[] fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign);
        b.putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    /**
     * Samples as 16-bit little-endian PCM bytes.
     *
     * @param samples the samples
     * @return the bytes
     */
    public static byte[] pcm16(float[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : samples) {
            b.putShort(toPcm16(x));
        }
        return b.array();
    }

    /**
     * Writes bytes to a file.
     *
     * @param out the file
     * @param bytes the content
     * @return {@code out}
     */
    public static Path write(Path out, byte[] bytes) {
        try {
            return Files.write(out, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- the shared data ----

    /**
     * The FSDD folder under {@code -Dlstmforge.dataRoot}, or a skipped test.
     *
     * @return the folder of {@code {digit}_{speaker}_{index}.wav} files
     */
    public static Path fsdd() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        Path dir = Path.of(root, "audio", "fsdd");
        assumeTrue(Files.isDirectory(dir), "missing " + dir);
        return dir;
    }

    /**
     * The first FSDD files in name order, or a skipped test.
     *
     * @param n how many
     * @return the files
     */
    public static List<Path> fsddFiles(int n) {
        try (Stream<Path> files = Files.list(fsdd())) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".wav"))
                    .sorted()
                    .limit(n)
                    .toList();
            assumeTrue(list.size() == n, "fewer than " + n + " FSDD files");
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
