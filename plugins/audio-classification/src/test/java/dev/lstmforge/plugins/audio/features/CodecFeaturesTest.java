package dev.lstmforge.plugins.audio.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.plugins.audio.decode.AudioDecoder;
import dev.lstmforge.plugins.audio.decode.AudioFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same clip as WAV, FLAC and MP3 gives the same MFCC features: FLAC exactly (it is lossless),
 * MP3 (128 kb/s, libmp3lame) within the tolerances stated below. Three shared FSDD files, three speakers,
 * at the plugin's default settings (22,050 Hz, 40 coefficients, n_fft 2048, hop 512).
 */
class CodecFeaturesTest {

    /**
     * Smallest allowed correlation between the MP3's and the WAV's MFCC (each coefficient centred on
     * the WAV's mean). Measured: 0.985, 0.949, 0.970. An 8 kHz MP3 loses much of the band above
     * 3 kHz and the quiet frames, so the agreement is close but far from exact.
     */
    static final double MP3_MIN_CORRELATION = 0.93;

    /**
     * Largest allowed mean |MFCC_mp3 - MFCC_wav| as a share of the WAV features' own spread (mean
     * |MFCC - its mean|). Measured: 0.20, 0.34, 0.31 (1.6, 2.1 and 3.4 dB-MFCC units).
     */
    static final double MP3_RELATIVE = 0.4;

    @Test
    void flacIsExactAndMp3IsClose(@TempDir Path tmp) {
        MfccConfig cfg = MfccConfig.defaults(22050);
        Mfcc mfcc = new Mfcc(cfg);
        AudioDecoder decoder = new AudioDecoder(22050);
        for (String name : new String[] {"3_jackson_7", "5_nicolas_20", "8_lucas_31"}) {
            Path wav = AudioFixtures.fsdd().resolve(name + ".wav");
            float[][] w = mfcc.compute(decoder.decode(wav));
            float[][] f = mfcc.compute(decoder.decode(AudioFixtures.encode(wav, tmp.resolve(name + ".flac"), "flac")));
            float[][] m = mfcc.compute(decoder.decode(AudioFixtures.encode(wav, tmp.resolve(name + ".mp3"), "mp3")));
            assertThat(f.length).isEqualTo(w.length);
            assertThat(m.length).isEqualTo(w.length);
            double flacMax = 0;
            double mp3Sum = 0;
            double spread = 0;
            double[] mean = new double[cfg.nMfcc()];
            for (float[] row : w) {
                for (int c = 0; c < row.length; c++) {
                    mean[c] += row[c] / w.length;
                }
            }
            for (int t = 0; t < w.length; t++) {
                for (int c = 0; c < cfg.nMfcc(); c++) {
                    flacMax = Math.max(flacMax, Math.abs(f[t][c] - w[t][c]));
                    mp3Sum += Math.abs(m[t][c] - w[t][c]);
                    spread += Math.abs(w[t][c] - mean[c]);
                }
            }
            double corrNum = 0;
            double a2 = 0;
            double b2 = 0;
            for (int t = 0; t < w.length; t++) {
                for (int c = 0; c < cfg.nMfcc(); c++) {
                    double x = w[t][c] - mean[c];
                    double y = m[t][c] - mean[c];
                    corrNum += x * y;
                    a2 += x * x;
                    b2 += y * y;
                }
            }
            double corr = corrNum / Math.sqrt(a2 * b2);
            assertThat(flacMax).as(name + " FLAC").isLessThan(1e-4);
            assertThat(corr).as(name + " MP3 correlation").isGreaterThan(MP3_MIN_CORRELATION);
            assertThat(mp3Sum / spread).as(name + " MP3 relative").isLessThan(MP3_RELATIVE);
        }
    }
}
