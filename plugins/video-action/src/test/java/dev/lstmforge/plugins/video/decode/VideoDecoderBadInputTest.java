package dev.lstmforge.plugins.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lstmforge.support.DataException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives one {@link DataException} line: the file, then the problem. */
class VideoDecoderBadInputTest {

    @TempDir
    static Path dir;

    private static Path good;
    private static Path faststart;

    private final VideoDecoder decoder = new VideoDecoder(32, 32);

    @BeforeAll
    static void writeClips() throws IOException {
        good = VideoFixtures.counterClip(dir.resolve("good.mp4"), 64, 64, 24, 25, 8, Set.of());
        faststart = VideoFixtures.counterClip(dir.resolve("faststart.mp4"), "mp4", 24, 8, true);
    }

    private DataException failure(Path file, Sampling sampling) {
        DataException e = catchThrowableOfType(DataException.class, () -> decoder.decode(file, sampling));
        assertThat(e).as("a DataException for " + file).isNotNull();
        assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n").doesNotContain("\r");
        return e;
    }

    private DataException failure(Path file) {
        return failure(file, Sampling.uniform(4));
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.mp4");
        assertThat(failure(file)).hasMessage(file + ": file not found");
    }

    @Test
    void directory() {
        assertThat(failure(dir)).hasMessage(dir + ": is a directory, not a video file");
    }

    @Test
    void zeroLengthFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.mp4"));
        assertThat(failure(file)).hasMessage(file + ": empty file (0 bytes)");
        assertThat(catchThrowableOfType(
                        DataException.class, () -> decoder.decode(new byte[0], "upload.mp4", Sampling.uniform(2))))
                .hasMessage("upload.mp4: empty (0 bytes)");
    }

    @Test
    void textFileNamedMp4() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
        assertThat(failure(file))
                .hasMessage(file + ": not a video file FFmpeg can read (invalid data found when processing input)");
    }

    @Test
    void stillImage() throws IOException {
        Path file = dir.resolve("picture.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        assertThat(failure(file)).hasMessage(file + ": a still image (png_pipe), not a video");
    }

    @Test
    void truncatedMp4WithItsIndexAtTheEnd() throws IOException {
        // FFmpeg's MP4 muxer writes the 'moov' index last: cut inside the media data, the file has
        // no index, and FFmpeg finds no stream
        byte[] bytes = Files.readAllBytes(good);
        int mdat = indexOf(bytes, "mdat".getBytes(StandardCharsets.ISO_8859_1)) - 4;
        int mdatSize = java.nio.ByteBuffer.wrap(bytes, mdat, 4).getInt();
        Path file = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(bytes, mdat + 100));
        assertThat(failure(file))
                .hasMessage(file + ": truncated MP4: the 'mdat' box at byte " + mdat + " needs " + mdatSize
                        + " bytes, the file ends after 100");

        // cut inside the index itself
        Path inIndex = VideoFixtures.truncated(good, dir.resolve("cut-index.mp4"), 0.9);
        assertThat(failure(inIndex).getMessage()).startsWith(inIndex + ": truncated MP4: the 'moov' box at byte ");
    }

    @Test
    void truncatedMp4WithItsIndexFirst() throws IOException {
        // with the index first FFmpeg opens the file; fewer frames decode than it declares
        Path file = VideoFixtures.truncated(faststart, dir.resolve("cut-faststart.mp4"), 0.5);
        assertThat(failure(file).getMessage())
                .startsWith(file + ": truncated or corrupt: the container declares 24 frames, only ")
                .endsWith(" decode");
        assertThat(failure(file, Sampling.difference(4)).getMessage())
                .startsWith(file + ": truncated or corrupt: the container declares 24 frames");
    }

    @Test
    void corruptHeader() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        byte[] garbage = new byte[256];
        new Random(1).nextBytes(garbage);
        System.arraycopy(garbage, 0, bytes, 0, garbage.length);
        Path file = Files.write(dir.resolve("garbled.mp4"), bytes);
        assertThat(failure(file).getMessage()).startsWith(file + ": not a video file FFmpeg can read (");
    }

    @Test
    void corruptIndex() throws IOException {
        // zero the whole 'moov' box after its header: the boxes are intact, their content is not
        byte[] bytes = Files.readAllBytes(good);
        int moov = indexOf(bytes, "moov".getBytes(StandardCharsets.ISO_8859_1)) - 4;
        assertThat(moov).isPositive();
        for (int i = moov + 8; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        Path file = Files.write(dir.resolve("zeroed-index.mp4"), bytes);
        assertThat(failure(file)).hasMessage(file + ": corrupt MP4: FFmpeg finds no stream in its index");
    }

    @Test
    void audioOnly() throws IOException {
        Path file = VideoFixtures.audioOnly(dir.resolve("tone.mp4"));
        assertThat(failure(file)).hasMessage(file + ": no video stream (audio only)");
        assertThat(catchThrowableOfType(DataException.class, () -> decoder.probe(file)))
                .hasMessage(file + ": no video stream (audio only)");
    }

    @Test
    void clipShorterThanTheFramesAsked() {
        assertThat(failure(good, Sampling.uniform(30)))
                .hasMessage(good + ": too short: 24 frames, 30 asked (uniform:30)");
        assertThat(failure(good, Sampling.every(5, 8)))
                .hasMessage(good + ": too short: 24 frames, every 5th frame for 8 frames needs 36");
        assertThat(failure(good, Sampling.difference(25)))
                .hasMessage(good + ": too short: 24 frames, 25 asked (difference:25)");
        assertThat(failure(good, Sampling.keyframes(30)))
                .hasMessage(good + ": too short: 24 frames, 30 asked (keyframes:30)");
    }

    @Test
    void bytesAreNamedByTheirSource() throws IOException {
        byte[] text = "not a video".getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(
                        DataException.class, () -> decoder.decode(text, "upload.mp4", Sampling.uniform(2))))
                .hasMessage("upload.mp4: not a video file FFmpeg can read (invalid data found when processing input)");
        byte[] video = Files.readAllBytes(good);
        assertThat(decoder.decode(video, "upload.mp4", Sampling.uniform(4)).indices())
                .containsExactly(3, 9, 15, 21);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
