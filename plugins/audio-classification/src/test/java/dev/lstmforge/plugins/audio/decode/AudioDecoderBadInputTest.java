package dev.lstmforge.plugins.audio.decode;

import static dev.lstmforge.plugins.audio.decode.AudioFixtures.chunk;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.fmt;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.pcm16;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.riff;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: every case is a {@link DataException} with one line that names the file first, then
 * the problem, and no Java class name. The bad files are built here at run time.
 */
class AudioDecoderBadInputTest {

    private static final byte[] PCM = pcm16(sine(440, 8000, 800, 0.5)); // 1600 bytes, 0.1 s

    @TempDir
    Path tmp;

    private final AudioDecoder decoder = new AudioDecoder(8000);

    @Test
    void missingFile() {
        Path file = tmp.resolve("nowhere.wav");
        assertFails(file, file + ": file not found");
    }

    @Test
    void directory() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("clips.wav"));
        assertFails(dir, dir + ": is a directory, not an audio file");
    }

    @Test
    void zeroLengthFile() {
        Path file = write("empty.wav", new byte[0]);
        assertFails(file, file + ": empty file (0 bytes)");
        assertFails(new byte[0], "request", "request: empty (0 bytes)");
        assertFails(write("empty.mp3", new byte[0]), tmp.resolve("empty.mp3") + ": empty file (0 bytes)");
    }

    @Test
    void textFileNamedWav() {
        Path file = write("notes.wav", "hello, this is not audio\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
        assertFails(file, file + ": not a WAV file: it starts with 'hell', not 'RIFF'");
    }

    @Test
    void textFileNamedMp3AndRandomBytes() {
        byte[] text = "hello, this is not audio\n".repeat(20).getBytes(StandardCharsets.US_ASCII);
        String invalid = ": not an audio file FFmpeg can read (invalid data found when processing input)";
        Path mp3 = write("notes.mp3", text);
        assertFails(mp3, mp3 + invalid);
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        Path bin = write("noise.ogg", random);
        assertFails(bin, bin + invalid);
        assertFails(random, "request", "request: not an audio file FFmpeg can read");
        assertFails(Arrays.copyOf(random, 4), "request", "request: not an audio file FFmpeg can read");
        assertFails(text, "notes.mp3", "notes.mp3: not an audio file FFmpeg can read");
    }

    @Test
    void textFileNamedFlacIsTakenForFlacButHasNoSamples() {
        // FFmpeg's FLAC probe accepts it with a low score, then finds a stream with 0 channels
        Path file = write("notes.flac", "hello, this is not audio\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
        assertFails(file, file + ": no audio samples: FFmpeg decoded 0 samples");
    }

    @Test
    void corruptWavHeaders() {
        byte[] good = riff("RIFF", "WAVE", fmt(1, 1, 8000, 16), chunk("data", PCM));
        assertThat(decoder.decode(good, "good.wav")).hasSize(800);

        byte[] magic = good.clone();
        magic[3] = 'Z';
        assertFails(magic, "a.wav", "a.wav: not a WAV file: it starts with 'RIFZ', not 'RIFF'");
        magic[0] = 0;
        assertFails(magic, "b.wav", "b.wav: not a WAV file: it starts with bytes 00 49 46 5A, not 'RIFF'");
        assertFails(
                riff("RIFF", "AVI ", fmt(1, 1, 8000, 16), chunk("data", PCM)),
                "c.wav",
                "c.wav: not a WAV file: the RIFF form type is 'AVI ', not 'WAVE'");
        assertFails(
                riff("RIFF", "WAVE", chunk("data", PCM)),
                "d.wav",
                "d.wav: corrupt WAV: no fmt chunk (the sample format)");
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 1, 8000, 16)), "e.wav", "e.wav: corrupt WAV: no data chunk (the samples)");
        assertFails(
                riff("RIFF", "WAVE", chunk("fmt ", new byte[10]), chunk("data", PCM)),
                "f.wav",
                "f.wav: corrupt fmt chunk: 10 bytes, a WAVE format needs at least 14");
        assertFails(
                Arrays.copyOf(good, 10),
                "g.wav",
                "g.wav: not a WAV file: 10 bytes, too short for a RIFF header" + " (12 bytes)");
    }

    @Test
    void bigEndianRifxIsRefusedBecauseFfmpegSwapsItsSamples() {
        byte[] rifx = riff("RIFX", "WAVE", fmt(1, 1, 8000, 16), chunk("data", PCM));
        assertFails(
                rifx,
                "be.wav",
                "be.wav: unsupported WAV variant: big-endian RIFX (FFmpeg 7.1 decodes its samples with the bytes"
                        + " swapped); convert it to a little-endian RIFF WAV");
    }

    @Test
    void truncatedWav() throws IOException {
        byte[] whole = riff("RIFF", "WAVE", fmt(1, 1, 8000, 16), chunk("data", PCM));
        Path cut = write("cut.wav", Arrays.copyOf(whole, 44 + 600));
        assertFails(cut, cut + ": truncated: the data chunk declares 1600 bytes, the file holds 600");
        assertFails(
                Arrays.copyOf(whole, 44 + 1599),
                "request",
                "request: truncated: the data chunk declares 1600 bytes, the file holds 1599");

        // a real recording cut in half
        Path fsdd = AudioFixtures.fsddFiles(1).get(0);
        byte[] recording = Files.readAllBytes(fsdd);
        Path half = write("half.wav", Arrays.copyOf(recording, recording.length / 2));
        long declared =
                ByteBuffer.wrap(recording).order(ByteOrder.LITTLE_ENDIAN).getInt(40) & 0xFFFFFFFFL;
        assertFails(
                half,
                half + ": truncated: the data chunk declares " + declared + " bytes, the file holds "
                        + (recording.length / 2 - 44));

        // cut inside a chunk before the data
        byte[] list = chunk("LIST", 5000, new byte[20]);
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 1, 8000, 16), list),
                "list.wav",
                "list.wav: truncated before the data chunk: the 'LIST' chunk at byte 36 declares 5000 bytes, the"
                        + " file holds 20");
        // RF64: the size that counts is the one in ds64
        assertFails(
                AudioDecoderTest.rf64(PCM, 4000),
                "big.wav",
                "big.wav: truncated: the data chunk declares 4000 bytes, the file holds 1600");
    }

    @Test
    void unsupportedSampleFormats() {
        assertFails(
                riff("RIFF", "WAVE", fmt(0x1234, 1, 8000, 16), chunk("data", PCM)),
                "tag.wav",
                "tag.wav: unsupported sample format: FFmpeg has no decoder for this WAV format (format tag 0x1234,"
                        + " 1 channel, 16 bits per sample, 8000 Hz)");
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 1, 8000, 0), chunk("data", PCM)),
                "bits0.wav",
                "bits0.wav: unsupported sample format: FFmpeg has no decoder for this WAV format (format tag"
                        + " 0x0001, 1 channel, 0 bits per sample, 8000 Hz)");
        assertFails(
                riff("RIFF", "WAVE", fmt(3, 1, 8000, 16), chunk("data", PCM)),
                "float16.wav",
                "float16.wav: unsupported sample format: FFmpeg has no decoder for this WAV format (format tag"
                        + " 0x0003, 1 channel, 16 bits per sample, 8000 Hz)");
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 0, 8000, 16), chunk("data", PCM)),
                "mono0.wav",
                "mono0.wav: unsupported sample format: the fmt chunk declares 0 channels");
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 1, 0, 16), chunk("data", PCM)),
                "rate0.wav",
                "rate0.wav: unsupported sample format: the fmt chunk declares a sample rate of 0 Hz");
    }

    @Test
    void clipsWithNoSamples() {
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 1, 8000, 16), chunk("data", new byte[0])),
                "none.wav",
                "none.wav: no audio samples: the data chunk holds 0 bytes, less than one sample frame (2 bytes)");
        assertFails(
                riff("RIFF", "WAVE", fmt(1, 2, 8000, 16), chunk("data", new byte[3])),
                "three.wav",
                "three.wav: no audio samples: the data chunk holds 3 bytes, less than one sample frame (4 bytes)");
        // not a WAV: a FLAC stream with a header and no frames
        Path flac = tmp.resolve("silence.flac");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(flac.toFile(), 1)) {
            recorder.setFormat("flac");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_FLAC);
            recorder.setSampleRate(8000);
            recorder.start();
            recorder.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertFails(flac, flac + ": no audio samples: FFmpeg decoded 0 samples");
    }

    private Path write(String name, byte[] bytes) {
        return AudioFixtures.write(tmp.resolve(name), bytes);
    }

    private void assertFails(Path file, String message) {
        assertThatThrownBy(() -> decoder.decode(file))
                .isInstanceOf(DataException.class)
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception", "javacv", "bytedeco"));
    }

    private void assertFails(byte[] bytes, String source, String message) {
        assertThatThrownBy(() -> decoder.decode(bytes, source))
                .isInstanceOf(DataException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "Exception", "javacv", "bytedeco"));
    }
}
