package dev.lstmforge.plugins.audio.decode;

import ai.djl.audio.FFmpegAudioFactory;
import ai.djl.modality.audio.Audio;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.media.Ffmpeg;
import dev.lstmforge.support.media.MediaFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes any audio file FFmpeg reads (WAV, FLAC, MP3, Ogg Vorbis/Opus, AAC/M4A, AIFF, AU...) to
 * mono float samples in [-1, 1] at one sample rate, with one-line errors for bad input.
 *
 * <p>Decoding goes through DJL's audio extension ({@link FFmpegAudioFactory}, over javacv's FFmpeg),
 * which mixes the channels down to mono (FFmpeg swresample: the mean of left and right for stereo)
 * at the file's own rate; the decoder then resamples with FFmpeg swresample, drained to the end so
 * a clip of {@code n} samples at rate {@code r} becomes {@code round(n * sampleRate / r)} samples.
 * 16-bit PCM comes out exactly as {@code s / 32768}.
 *
 * <p>RIFF WAVE input is checked before decoding (FFmpeg silently decodes what is left of a
 * truncated WAV): magic, fmt chunk, the data chunk's declared size against the bytes present.
 *
 * <p>Thread-safe: an instance holds only its configuration, so a parallel stream may decode many
 * files with one decoder.
 *
 * <pre>{@code
 * AudioDecoder decoder = new AudioDecoder(16000);
 * float[] clip = decoder.decode(Path.of("recordings/7_jackson_0.wav")); // mono, 16 kHz, [-1, 1]
 * float[] body = decoder.decode(requestBytes, "request");
 * // a bad file: DataException "clip.wav: truncated: the data chunk declares 32000 bytes, the file holds 1200"
 * }</pre>
 */
public final class AudioDecoder {

    /** The lowest sample rate accepted, in Hz. */
    public static final int MIN_SAMPLE_RATE = 1000;

    /** The highest sample rate accepted, in Hz. */
    public static final int MAX_SAMPLE_RATE = 192000;

    private static final Set<String> AUDIO_EXTENSIONS =
            Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac", "aiff", "aif", "au");

    /** javacv's FFmpeg errors carry the return code as "error -1094995529:". */
    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

    /** FFmpeg's AVERROR(ENOENT), AVERROR(EACCES), AVERROR(EISDIR) (Linux errno values). */
    private static final int ENOENT = -2;

    private static final int EACCES = -13;
    private static final int EISDIR = -21;

    private final int sampleRate;

    /** Configured once here and only read afterwards: shared safely by concurrent calls. */
    private final FFmpegAudioFactory factory;

    /**
     * Creates a decoder that delivers samples at the given rate.
     *
     * @param sampleRate the output rate in Hz, {@value #MIN_SAMPLE_RATE} to {@value #MAX_SAMPLE_RATE}
     * @throws IllegalArgumentException when the rate is outside that range
     */
    public AudioDecoder(int sampleRate) {
        if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException(
                    "sample rate " + sampleRate + " Hz is outside " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE + " Hz");
        }
        this.sampleRate = sampleRate;
        Ffmpeg.quiet();
        FFmpegAudioFactory f = new FFmpegAudioFactory();
        f.setChannels(1); // mixed down by FFmpeg; the rate is left native and resampled here, drained
        this.factory = f;
    }

    /**
     * The rate of the samples this decoder returns.
     *
     * @return the sample rate in Hz
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Decodes an audio file.
     *
     * @param file the file, in any format FFmpeg reads
     * @return mono samples in [-1, 1] at {@link #sampleRate()}, at least one
     * @throws DataException naming the file when it is missing, a directory, empty, not audio, a
     *     damaged WAV, in a sample format FFmpeg cannot decode, or holds no samples
     */
    public float[] decode(Path file) {
        String name = MediaFiles.requireNonEmptyFile(file, "audio file");
        WavHeader wav;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            wav = checkWav(WavHeader.Bytes.of(channel), name);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read the file: " + MediaFiles.reason(e), e);
        }
        Audio audio;
        try {
            audio = factory.fromFile(file);
        } catch (IOException e) {
            throw ffmpegFailure(name, e, wav, true);
        }
        return finish(name, audio);
    }

    /**
     * Decodes audio held in memory, such as a request body.
     *
     * @param bytes the encoded audio, in any format FFmpeg reads
     * @param source what to call it in messages: "request", or the original file name (whose
     *     extension, if {@code .wav}, also asks for the WAV checks)
     * @return mono samples in [-1, 1] at {@link #sampleRate()}, at least one
     * @throws DataException naming the source when the bytes are empty, not audio, a damaged WAV, in
     *     a sample format FFmpeg cannot decode, or hold no samples
     */
    public float[] decode(byte[] bytes, String source) {
        Objects.requireNonNull(bytes, "bytes");
        String name = source == null || source.isBlank() ? "request" : source;
        if (bytes.length == 0) {
            throw new DataException(name + ": empty (0 bytes)");
        }
        WavHeader wav;
        try {
            wav = checkWav(WavHeader.Bytes.of(bytes), name);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        Audio audio;
        try {
            audio = factory.fromInputStream(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw ffmpegFailure(name, e, wav, false);
        }
        return finish(name, audio);
    }

    /**
     * Whether a file name has the extension of an audio format this decoder is meant for: wav, flac,
     * mp3, ogg, oga, opus, m4a, aac, aiff, aif or au, in any case.
     *
     * @param name a file name or path
     * @return true for an audio extension
     */
    public static boolean isAudioFileName(String name) {
        if (name == null) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (dot <= slash + 1 || dot == name.length() - 1) {
            return false; // no extension, or a hidden file like ".wav"
        }
        return AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Reads the WAV header when the name says .wav or the bytes say RIFF WAVE; null otherwise. */
    private static WavHeader checkWav(WavHeader.Bytes bytes, String name) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean named = lower.endsWith(".wav") || lower.endsWith(".wave");
        if (!named) {
            byte[] head = new byte[12];
            if (!WavHeader.looksLikeWav(head, bytes.read(0, head, head.length))) {
                return null;
            }
        }
        return WavHeader.read(bytes, name);
    }

    /** Scales, resamples and checks what FFmpeg decoded. */
    private float[] finish(String name, Audio audio) {
        float[] samples = audio.getData();
        int rate = Math.round(audio.getSampleRate());
        if (samples.length == 0 || rate <= 0) {
            throw new DataException(name + ": no audio samples: FFmpeg decoded 0 samples");
        }
        // DJL divides FFmpeg's 16-bit samples by 32767, which puts -32768 at -1.00003; recover the
        // integer exactly (|error| < 0.002) and use the usual s / 32768 instead.
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.round(samples[i] * 32767f) * (1f / 32768f);
        }
        if (rate != sampleRate) {
            samples = Resampler.resample(samples, rate, sampleRate);
            for (int i = 0; i < samples.length; i++) { // the sinc filter can ring past full scale
                samples[i] = Math.max(-1f, Math.min(1f, samples[i]));
            }
            if (samples.length == 0) {
                throw new DataException(name + ": no audio samples: " + audio.getData().length + " samples at " + rate
                        + " Hz resample to none at " + sampleRate + " Hz");
            }
        }
        return samples;
    }

    /**
     * Turns a javacv failure (the cause of DJL's "Unsupported Audio file") into a one-line message.
     * For a stream the code of a failed open says nothing: javacv retries the open without its
     * custom I/O context (FFmpeg freed it), which then fails as a missing file named like the stream.
     */
    private static DataException ffmpegFailure(String name, IOException e, WavHeader wav, boolean file) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        Matcher m = ERROR_CODE.matcher(message);
        int code = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String problem;
        if (message.startsWith("avformat_open_input()")) {
            if (!file) {
                problem = "not an audio file FFmpeg can read";
            } else if (code == ENOENT) {
                problem = "file not found";
            } else if (code == EISDIR) {
                problem = "is a directory, not an audio file";
            } else if (code == EACCES) {
                problem = "cannot read the file: permission denied";
            } else {
                problem = "not an audio file FFmpeg can read (" + Ffmpeg.describeError(code) + ")";
            }
        } else if (message.startsWith("Did not find a video or audio stream")
                || message.startsWith("avcodec_find_decoder()")) {
            problem = wav != null
                    ? "unsupported sample format: FFmpeg has no decoder for this WAV format (" + wav.describe() + ")"
                    : "unsupported audio format: FFmpeg found no audio stream it can decode";
        } else if (message.startsWith("avcodec_open2()")) {
            problem = "unsupported sample format: FFmpeg cannot open the audio decoder: " + Ffmpeg.describeError(code)
                    + (wav != null ? " (" + wav.describe() + ")" : "");
        } else if (message.startsWith("avformat_find_stream_info()")) {
            problem = "corrupt audio: FFmpeg cannot read the stream information: " + Ffmpeg.describeError(code);
        } else {
            int javacvHint = message.indexOf(" (For more details");
            problem = "FFmpeg cannot decode it: " + (javacvHint > 0 ? message.substring(0, javacvHint) : message);
        }
        return new DataException(name + ": " + problem, e);
    }
}
