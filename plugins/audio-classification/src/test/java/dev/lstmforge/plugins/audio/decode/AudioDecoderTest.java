package dev.lstmforge.plugins.audio.decode;

import static dev.lstmforge.plugins.audio.decode.AudioFixtures.chunk;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.fmt;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.pcm16;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.riff;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.sine;
import static dev.lstmforge.plugins.audio.decode.AudioFixtures.toPcm16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding good input: exact PCM values, range, mono mix-down, resampling, bytes vs files, threads. */
class AudioDecoderTest {

    private static final float LSB = 1f / 32768f;

    @TempDir
    Path tmp;

    @Test
    void acceptsRatesFrom1000To192000Hz() {
        assertThat(new AudioDecoder(1000).sampleRate()).isEqualTo(1000);
        assertThat(new AudioDecoder(192000).sampleRate()).isEqualTo(192000);
        assertThatThrownBy(() -> new AudioDecoder(999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample rate 999 Hz is outside 1000..192000 Hz");
        assertThatThrownBy(() -> new AudioDecoder(192001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesAudioFileNamesByExtension() {
        for (String name : List.of(
                "a.wav",
                "B.WAV",
                "c.flac",
                "d.Mp3",
                "e.ogg",
                "f.oga",
                "g.opus",
                "h.m4a",
                "i.aac",
                "j.aiff",
                "k.AIF",
                "l.au",
                "dir/x.y/z.wav",
                "C:\\rec\\1.wav")) {
            assertThat(AudioDecoder.isAudioFileName(name)).as(name).isTrue();
        }
        for (String name :
                List.of("a.txt", "wav", ".wav", "a.wav.txt", "a.", "a.mp4", "a.wma", "dir.wav/readme", "", "a.wave")) {
            assertThat(AudioDecoder.isAudioFileName(name)).as(name).isFalse();
        }
        assertThat(AudioDecoder.isAudioFileName(null)).isFalse();
    }

    @Test
    void fsddWavDecodesToItsPcmOver32768Exactly() {
        AudioDecoder decoder = new AudioDecoder(8000);
        for (Path file : AudioFixtures.fsddFiles(20)) {
            short[] pcm = AudioFixtures.readPcm16(file); // the JDK's reader, not FFmpeg
            float[] x = decoder.decode(file);
            assertThat(x).as(file.toString()).hasSize(pcm.length);
            for (int i = 0; i < pcm.length; i++) {
                if (x[i] != pcm[i] / 32768f) {
                    throw new AssertionError(file + " sample " + i + ": " + x[i] + " != " + pcm[i] + "/32768");
                }
            }
        }
    }

    @Test
    void fullScaleSamplesStayInsideMinusOneToOne() {
        AudioDecoder decoder = new AudioDecoder(8000);
        float[] extremes = {-1f, 1f, -0.5f, 0.5f, 0f, -1f, 1f};
        float[] x = decoder.decode(AudioFixtures.writeWav(tmp.resolve("full.wav"), extremes, 8000));
        // -32768 is exactly -1 (DJL alone gives -1.0000305), +1 is stored as 32767
        assertThat(x).containsExactly(-1f, 32767 * LSB, -0.5f, 0.5f, 0f, -1f, 32767 * LSB);

        // 8-bit unsigned PCM: 0 is the most negative value
        byte[] u8 = {0, (byte) 128, (byte) 255, 64};
        float[] y = decoder.decode(AudioFixtures.write(
                tmp.resolve("u8.wav"), riff("RIFF", "WAVE", fmt(1, 1, 8000, 8), chunk("data", u8))));
        assertThat(y).containsExactly(-1f, 0f, 127f / 128f, -0.5f);

        // a full-scale square wave rings past +-1 in the resampling filter: clipped
        float[] square = new float[4000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? 1f : -1f;
        }
        float[] z = new AudioDecoder(22050).decode(AudioFixtures.writeWav(tmp.resolve("sq.wav"), square, 8000));
        assertThat(max(z)).isEqualTo(1f); // it rang, so the clipping was needed
        assertThat(-min(z)).isEqualTo(1f);
    }

    @Test
    void stereoIsMixedToTheMeanOfLeftAndRight() {
        float[] left = sine(440, 8000, 4000, 0.6);
        float[] right = sine(1250, 8000, 4000, 0.3);
        right[100] = -1f; // one extreme sample: the mean must not clip or wrap
        left[100] = -1f;
        float[] x = new AudioDecoder(8000)
                .decode(AudioFixtures.writeStereoWav(tmp.resolve("stereo.wav"), left, right, 8000));
        assertThat(x).hasSize(4000);
        double maxError = 0;
        for (int i = 0; i < x.length; i++) {
            double mean = (toPcm16(left[i]) + toPcm16(right[i])) / 2.0 / 32768.0;
            maxError = Math.max(maxError, Math.abs(x[i] - mean));
        }
        assertThat(maxError).isLessThanOrEqualTo(LSB); // the mean, rounded to 16 bits
        assertThat(x[100]).isEqualTo(-1f);
    }

    @Test
    void resamplingKeepsLengthAndWaveform() {
        int n = 8000; // one second at 8 kHz
        float[] tone = sine(440, 8000, n, 0.5);
        Path wav = AudioFixtures.writeWav(tmp.resolve("tone.wav"), tone, 8000);
        for (int rate : new int[] {16000, 22050, 44100}) {
            float[] x = new AudioDecoder(rate).decode(wav);
            assertThat(x.length).as("length at %d Hz", rate).isCloseTo(rate, within(1));
            float[] expected = sine(440, rate, x.length, 0.5);
            double maxError = 0;
            int edge = rate / 100; // 10 ms at each end, where the filter sees the clip's edge
            for (int i = edge; i < x.length - edge; i++) {
                maxError = Math.max(maxError, Math.abs(x[i] - expected[i]));
            }
            assertThat(maxError).as("max error at %d Hz", rate).isLessThan(2e-3);
        }
        // down: 44.1 kHz to 8 kHz keeps a 440 Hz tone and removes a 6 kHz one (above 4 kHz Nyquist)
        float[] low = new AudioDecoder(8000)
                .decode(AudioFixtures.writeWav(tmp.resolve("low.wav"), sine(440, 44100, 44100, 0.5), 44100));
        float[] high = new AudioDecoder(8000)
                .decode(AudioFixtures.writeWav(tmp.resolve("high.wav"), sine(6000, 44100, 44100, 0.5), 44100));
        assertThat(low.length).isCloseTo(8000, within(1));
        assertThat(rms(low, 80)).isCloseTo(0.5 / Math.sqrt(2), within(0.005));
        assertThat(rms(high, 80)).isLessThan(0.5 / Math.sqrt(2) / 100); // at least 40 dB down, no alias
    }

    @Test
    void resampledFsddLengthIsTheRateRatioOfTheInput() {
        AudioDecoder at8k = new AudioDecoder(8000);
        AudioDecoder at22k = new AudioDecoder(22050);
        for (Path file : AudioFixtures.fsddFiles(10)) {
            int in = at8k.decode(file).length;
            int out = at22k.decode(file).length;
            assertThat(out).as(file.toString()).isCloseTo((int) Math.round(in * 22050.0 / 8000.0), within(1));
        }
    }

    @Test
    void bytesDecodeLikeTheFile() throws IOException {
        AudioDecoder decoder = new AudioDecoder(22050);
        for (Path file : AudioFixtures.fsddFiles(3)) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(decoder.decode(bytes, "request")).containsExactly(decoder.decode(file));
            assertThat(decoder.decode(bytes, file.getFileName().toString())).containsExactly(decoder.decode(file));
        }
    }

    @Test
    void parallelDecodingGivesTheSequentialResults() {
        AudioDecoder decoder = new AudioDecoder(16000);
        List<Path> files = AudioFixtures.fsddFiles(200);
        List<float[]> sequential = files.stream().map(decoder::decode).toList();
        List<float[]> parallel = files.parallelStream().map(decoder::decode).toList();
        for (int i = 0; i < files.size(); i++) {
            assertThat(parallel.get(i)).as(files.get(i).toString()).containsExactly(sequential.get(i));
        }
    }

    @Test
    void otherWavLayoutsDecode() {
        AudioDecoder decoder = new AudioDecoder(8000);
        float[] tone = sine(500, 8000, 801, 0.5);
        byte[] pcm = pcm16(tone);
        float[] expected = new float[tone.length];
        for (int i = 0; i < tone.length; i++) {
            expected[i] = toPcm16(tone[i]) * LSB;
        }
        // a LIST chunk of odd length (with its pad byte) before the data
        byte[] list = chunk("LIST", "INFOIART\3\0\0\0ab\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(decoder.decode(riff("RIFF", "WAVE", fmt(1, 1, 8000, 16), list, chunk("data", pcm)), "list.wav"))
                .containsExactly(expected);
        // streamed: the data size unknown (0 or 0xFFFFFFFF), the samples run to the end
        for (long declared : new long[] {0, 0xFFFFFFFFL}) {
            assertThat(decoder.decode(
                            riff("RIFF", "WAVE", fmt(1, 1, 8000, 16), chunk("data", declared, pcm)), "streamed.wav"))
                    .as("declared %d", declared)
                    .containsExactly(expected);
        }
        // odd-sized 8-bit data, with and without its pad byte
        byte[] u8 = new byte[99];
        java.util.Arrays.fill(u8, (byte) 192);
        byte[] padded = riff("RIFF", "WAVE", fmt(1, 1, 8000, 8), chunk("data", u8));
        byte[] unpadded = java.util.Arrays.copyOf(padded, padded.length - 1);
        assertThat(decoder.decode(padded, "padded.wav")).hasSize(99).containsOnly(0.5f);
        assertThat(decoder.decode(unpadded, "unpadded.wav")).hasSize(99).containsOnly(0.5f);
        // 12-bit PCM in 16-bit containers: FFmpeg reads it as 16-bit, so it is accepted
        assertThat(decoder.decode(riff("RIFF", "WAVE", fmt(1, 1, 8000, 12), chunk("data", pcm)), "12bit.wav"))
                .containsExactly(expected);
        // RF64: the data size in the ds64 chunk
        assertThat(decoder.decode(rf64(pcm, pcm.length), "rf64.wav")).containsExactly(expected);
    }

    @Test
    void ffmpegLogNoiseIsSilencedButErrorsAreNot() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        AudioDecoder decoder = new AudioDecoder(22050);
        float[] x;
        try {
            System.setErr(new PrintStream(captured, true));
            x = decoder.decode(AudioFixtures.writeWav(tmp.resolve("quiet.wav"), sine(300, 8000, 800, 0.3), 8000));
        } finally {
            System.setErr(original);
        }
        assertThat(x).isNotEmpty();
        assertThat(captured.toString()).doesNotContain("rejected some options").isEmpty();
        assertThat(avutil.av_log_get_level()).isEqualTo(avutil.AV_LOG_ERROR);
    }

    /** Mono 16-bit PCM as an RF64 file whose ds64 chunk declares {@code dataSize} bytes. */
    static byte[] rf64(byte[] pcm, long dataSize) {
        ByteBuffer ds64 = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        ds64.putLong(0xFFFFFFFFL + 1).putLong(dataSize).putLong(dataSize / 2).putInt(0);
        return riffWithSize(
                "RF64", 0xFFFFFFFFL, chunk("ds64", ds64.array()), fmt(1, 1, 8000, 16), chunk("data", 0xFFFFFFFFL, pcm));
    }

    private static byte[] riffWithSize(String magic, long size, byte[]... chunks) {
        byte[] body = riff(magic, "WAVE", chunks);
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) size);
        return body;
    }

    private static float max(float[] x) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static float min(float[] x) {
        float m = Float.POSITIVE_INFINITY;
        for (float v : x) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double rms(float[] x, int skipEdges) {
        double sum = 0;
        for (int i = skipEdges; i < x.length - skipEdges; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (x.length - 2 * skipEdges));
    }
}
