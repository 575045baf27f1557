package dev.lstmforge.plugins.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.support.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three FSDD recordings encoded to FLAC and to MP3 (libmp3lame, 128 kb/s) and decoded again: FLAC
 * gives back exactly the WAV's samples; MP3 gives them back with a small delay, found by
 * cross-correlation, and coding noise at least 20 dB below the signal.
 */
class RoundTripTest {

    private static final List<String> CLIPS = List.of("3_jackson_7.wav", "5_nicolas_20.wav", "8_lucas_31.wav");

    /** The lags searched for the MP3 delay, in samples either way (0.15 s at 8 kHz). */
    private static final int MAX_LAG = 1200;

    @TempDir
    Path tmp;

    @Test
    void theEncodersExistInThisFfmpegBuild() {
        Ffmpeg.quiet();
        assertThat(avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_FLAC)).isNotNull();
        assertThat(avcodec.avcodec_find_encoder(avcodec.AV_CODEC_ID_MP3).name().getString())
                .isEqualTo("libmp3lame");
    }

    @Test
    void flacIsLosslessAndMp3IsCloseAfterItsDelay() throws IOException {
        for (int rate : new int[] {8000, 22050}) {
            AudioDecoder decoder = new AudioDecoder(rate);
            for (String name : CLIPS) {
                Path wav = AudioFixtures.fsdd().resolve(name);
                assumeTrue(Files.isRegularFile(wav), "missing " + wav);
                String stem = name.substring(0, name.length() - 4);
                Path flac = AudioFixtures.encode(wav, tmp.resolve(stem + ".flac"), "flac");
                Path mp3 = AudioFixtures.encode(wav, tmp.resolve(stem + ".mp3"), "mp3");

                float[] x = decoder.decode(wav);
                float[] f = decoder.decode(flac);
                float[] m = decoder.decode(mp3);
                assertThat(f).as("%s as FLAC at %d Hz", name, rate).containsExactly(x);
                assertThat(decoder.decode(Files.readAllBytes(flac), "request")).containsExactly(x);
                assertThat(decoder.decode(Files.readAllBytes(mp3), "request")).containsExactly(m);

                int lag = bestLag(x, m, MAX_LAG * rate / 8000);
                double snr = snrDb(x, m, lag);
                double snrUnaligned = snrDb(x, m, 0);
                System.out.printf(
                        "%s at %d Hz: WAV %d samples, FLAC identical (%d bytes), MP3 %d samples (%d bytes),"
                                + " lag %d, SNR %.1f dB (%.1f dB unaligned)%n",
                        name, rate, x.length, Files.size(flac), m.length, Files.size(mp3), lag, snr, snrUnaligned);
                assertThat(snr).as("%s MP3 SNR at %d Hz", name, rate).isGreaterThan(20);
                assertThat(Math.abs(m.length - x.length)).as("MP3 length").isLessThan(rate / 10);
            }
        }
    }

    @Test
    void theLagSearchFindsAKnownDelay() {
        float[] x = new AudioDecoder(8000).decode(AudioFixtures.fsddFiles(1).get(0));
        for (int delay : new int[] {0, 37, 1105, -250}) {
            float[] y = new float[x.length];
            for (int i = 0; i < y.length; i++) {
                int j = i - delay;
                y[i] = j >= 0 && j < x.length ? 0.9f * x[j] : 0f;
            }
            assertThat(bestLag(x, y, MAX_LAG)).isEqualTo(delay);
        }
    }

    @Test
    void otherContainersDecodeFromFilesAndFromBytes() throws IOException {
        AudioDecoder decoder = new AudioDecoder(8000);
        Path wav = AudioFixtures.fsdd().resolve(CLIPS.get(0));
        assumeTrue(Files.isRegularFile(wav), "missing " + wav);
        float[] x = decoder.decode(wav);
        for (String format : List.of("aiff", "m4a", "opus")) {
            Path encoded = AudioFixtures.encode(wav, tmp.resolve("clip." + format), format);
            float[] y = decoder.decode(encoded);
            assertThat(decoder.decode(Files.readAllBytes(encoded), "request"))
                    .as(format)
                    .containsExactly(y);
            int lag = bestLag(x, y, MAX_LAG);
            double snr = snrDb(x, y, lag);
            System.out.printf("%s: %d samples (WAV %d), lag %d, SNR %.1f dB%n", format, y.length, x.length, lag, snr);
            if (format.equals("aiff")) {
                assertThat(y).containsExactly(x);
            } else {
                assertThat(snr).as(format).isGreaterThan(10);
            }
        }
    }

    @Test
    void encodeRefusesOtherFormats() {
        Path wav = AudioFixtures.writeWav(tmp.resolve("x.wav"), new float[100], 8000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudioFixtures.encode(wav, tmp.resolve("x.ogg"), "ogg"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The shift k maximising the cross-correlation sum of x[i] * y[i + k].
     *
     * @param x the reference
     * @param y the delayed copy
     * @param maxLag the largest |k| tried
     * @return k: y lags x by k samples
     */
    static int bestLag(float[] x, float[] y, int maxLag) {
        int best = 0;
        double bestSum = Double.NEGATIVE_INFINITY;
        for (int k = -maxLag; k <= maxLag; k++) {
            double sum = 0;
            int from = Math.max(0, -k);
            int to = Math.min(x.length, y.length - k);
            for (int i = from; i < to; i++) {
                sum += x[i] * y[i + k];
            }
            if (sum > bestSum) {
                bestSum = sum;
                best = k;
            }
        }
        return best;
    }

    /**
     * Signal to noise ratio of y against x where they overlap at a lag: 10 log10(sum x^2 / sum (x -
     * y)^2).
     *
     * @param x the reference
     * @param y the copy
     * @param lag y[i + lag] is compared with x[i]
     * @return the ratio in dB
     */
    static double snrDb(float[] x, float[] y, int lag) {
        double signal = 0;
        double noise = 0;
        int from = Math.max(0, -lag);
        int to = Math.min(x.length, y.length - lag);
        for (int i = from; i < to; i++) {
            double d = x[i] - y[i + lag];
            signal += x[i] * (double) x[i];
            noise += d * d;
        }
        return 10 * Math.log10(signal / noise);
    }
}
