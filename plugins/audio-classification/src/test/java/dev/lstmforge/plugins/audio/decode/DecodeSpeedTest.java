package dev.lstmforge.plugins.audio.decode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.audio.FFmpegAudioFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding speed over 300 FSDD files (8 kHz 16-bit mono WAV, about 0.4 s each), sequential and
 * parallel, at the native 8 kHz and resampled to 22.05 kHz. Prints files per second; the bound
 * asserted is loose (a slow shared machine must not fail it), the numbers are for the report.
 */
class DecodeSpeedTest {

    private static final int FILES = 300;

    @Test
    void decodesHundredsOfFilesPerSecond() {
        List<Path> files = AudioFixtures.fsddFiles(FILES);
        FFmpegAudioFactory factory = new FFmpegAudioFactory();
        factory.setChannels(1);
        for (int rate : new int[] {8000, 22050}) {
            AudioDecoder decoder = new AudioDecoder(rate);
            files.forEach(decoder::decode); // warm-up: natives, JIT, page cache
            double sequential = medianFilesPerSecond(() -> files.forEach(decoder::decode));
            double parallel = medianFilesPerSecond(() -> files.parallelStream().forEach(decoder::decode));
            System.out.printf(
                    "AudioDecoder(%d): %.0f files/s sequential, %.0f files/s parallel (%d cores)%n",
                    rate, sequential, parallel, Runtime.getRuntime().availableProcessors());
            assertThat(sequential).isGreaterThan(20);
        }
        files.forEach(f -> decodeWith(factory, f));
        double alone = medianFilesPerSecond(() -> files.forEach(f -> decodeWith(factory, f)));
        System.out.printf("FFmpegAudioFactory alone (native rate, no checks): %.0f files/s sequential%n", alone);
    }

    /** The median of three timed passes over the files. */
    private static double medianFilesPerSecond(Runnable pass) {
        double[] rates = new double[3];
        for (int i = 0; i < rates.length; i++) {
            long t0 = System.nanoTime();
            pass.run();
            rates[i] = FILES / ((System.nanoTime() - t0) / 1e9);
        }
        java.util.Arrays.sort(rates);
        return rates[1];
    }

    private static float[] decodeWith(FFmpegAudioFactory factory, Path file) {
        try {
            return factory.fromFile(file).getData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
