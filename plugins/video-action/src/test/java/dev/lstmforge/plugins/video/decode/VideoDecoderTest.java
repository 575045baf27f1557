package dev.lstmforge.plugins.video.decode;

import static dev.lstmforge.plugins.video.decode.VideoFixtures.counterClip;
import static dev.lstmforge.plugins.video.decode.VideoFixtures.counters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.video.data.SyntheticActions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output layout and size, other sizes and rates, buffer reuse, and the shared real clip. */
class VideoDecoderTest {

    @TempDir
    Path dir;

    @Test
    void framesAreRgbPlanesInZeroToOne() throws IOException {
        // left half red, right half blue, for 6 frames
        int w = 64;
        int h = 48;
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            byte[] px = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    px[i + (x < w / 2 ? 0 : 2)] = (byte) 230;
                }
            }
            frames.add(px);
        }
        Path file = dir.resolve("halves.mp4");
        SyntheticActions.writeMp4(frames, w, h, 25, 12, file);

        DecodedClip c = new VideoDecoder(20, 10).decode(file, Sampling.uniform(2));
        assertThat(c.width()).isEqualTo(20);
        assertThat(c.height()).isEqualTo(10);
        assertThat(c.values()).isEqualTo(2 * 3 * 10 * 20).isEqualTo(c.pixels().length);
        for (int f = 0; f < 2; f++) {
            // channel 0 is red: high on the left, low on the right; channel 2 (blue) the reverse
            assertThat(c.at(f, 0, 5, 3)).isCloseTo(230 / 255f, within(0.08f));
            assertThat(c.at(f, 2, 5, 3)).isCloseTo(0f, within(0.08f));
            assertThat(c.at(f, 0, 5, 16)).isCloseTo(0f, within(0.08f));
            assertThat(c.at(f, 2, 5, 16)).isCloseTo(230 / 255f, within(0.08f));
            assertThat(c.at(f, 1, 5, 16)).isCloseTo(0f, within(0.08f));
        }
        for (float v : c.pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
        // the offset of frame 1 is one frame's worth of values
        assertThat(c.offset(1)).isEqualTo(3 * 10 * 20);
    }

    @Test
    void fullHdInputIsResizedWhileDecoding() throws IOException {
        Path file = counterClip(dir.resolve("hd.mp4"), 1920, 1080, 4, 60, 12, Set.of());
        VideoDecoder decoder = new VideoDecoder(64, 64);

        VideoInfo info = decoder.probe(file);
        assertThat(info.width()).isEqualTo(1920);
        assertThat(info.height()).isEqualTo(1080);
        assertThat(info.fps()).isCloseTo(60, within(0.01));
        assertThat(info.declaredFrames()).isEqualTo(4);
        assertThat(info.codec()).isEqualTo(SyntheticActions.writesH264() ? "h264" : "mpeg4");

        DecodedClip c = decoder.decode(file, Sampling.uniform(4));
        assertThat(c.width()).isEqualTo(64);
        assertThat(c.height()).isEqualTo(64);
        assertThat(c.values()).isEqualTo(4 * 3 * 64 * 64);
        assertThat(counters(c)).containsExactly(0, 1, 2, 3);
        assertThat(c.timestampsMicros()[1] - c.timestampsMicros()[0]).isCloseTo(16_667L, within(2L));
    }

    @Test
    void otherFrameRatesGiveTheirTimestamps() throws IOException {
        Path file = counterClip(dir.resolve("slow.mp4"), 64, 64, 16, 12.5, 4, Set.of());
        DecodedClip c = new VideoDecoder(32, 32).decode(file, Sampling.every(3, 5));
        // spans 13 frames: (16 - 13) / 2 = 1 frame before it
        assertThat(c.indices()).containsExactly(1, 4, 7, 10, 13);
        assertThat(counters(c)).containsExactly(1, 4, 7, 10, 13);
        assertThat(c.timestampsMicros()).containsExactly(80_000L, 320_000L, 560_000L, 800_000L, 1_040_000L);
        assertThat(new VideoDecoder(32, 32).decode(file, Sampling.keyframes(4)).indices())
                .containsExactly(0, 4, 8, 12);
    }

    @Test
    void aLargeEnoughBufferIsReusedAndASmallOneIsNot() throws IOException {
        Path file = counterClip(dir.resolve("reuse.mp4"), 64, 64, 12, 25, 12, Set.of());
        VideoDecoder decoder = new VideoDecoder(16, 16);
        float[] buffer = new float[5 * 3 * 16 * 16 + 7];
        for (Sampling s : new Sampling[] {Sampling.uniform(5), Sampling.difference(5), Sampling.keyframes(5)}) {
            DecodedClip c = decoder.decode(file, s, buffer);
            assertThat(c.pixels()).isSameAs(buffer);
            assertThat(c.frames()).isEqualTo(5);
            assertThat(counters(c)).containsExactly(c.indices());
        }
        DecodedClip fresh = decoder.decode(file, Sampling.uniform(6), buffer);
        assertThat(fresh.pixels()).isNotSameAs(buffer).hasSize(6 * 3 * 16 * 16);
        // a decoder reused for another strategy and size of sample still gives the right frames
        assertThat(counters(decoder.decode(file, Sampling.difference(12))))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void videoFileNames() {
        assertThat(VideoDecoder.isVideoFileName("a/b/clip.MP4")).isTrue();
        assertThat(VideoDecoder.isVideoFileName("clip.webm")).isTrue();
        assertThat(VideoDecoder.isVideoFileName("clip.avi")).isTrue();
        assertThat(VideoDecoder.isVideoFileName("clip.mkv")).isTrue();
        assertThat(VideoDecoder.isVideoFileName("notes.txt")).isFalse();
        assertThat(VideoDecoder.isVideoFileName(".mp4")).isFalse();
        assertThat(VideoDecoder.isVideoFileName("dir.mp4/clip")).isFalse();
    }

    @Test
    void sharedRealClip() {
        Path clip = VideoFixtures.sharedClip();
        VideoDecoder decoder = new VideoDecoder(224, 224);
        VideoInfo info = decoder.probe(clip);
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(340);
        assertThat(info.height()).isEqualTo(256);
        assertThat(info.fps()).isCloseTo(28, within(0.01));
        assertThat(info.declaredFrames()).isEqualTo(280);
        assertThat(info.keyFrames()).isPositive().isLessThan(280);

        DecodedClip uniform = decoder.decode(clip, Sampling.uniform(16));
        assertThat(uniform.values()).isEqualTo(16 * 3 * 224 * 224);
        assertThat(uniform.indices()).startsWith(8, 26).endsWith(271).isSorted();
        assertThat(uniform.clipFrames()).isEqualTo(280);
        // real content: the frames differ from one another and are not flat
        double spread = 0;
        for (int i = 0; i < 224 * 224; i += 97) {
            spread += Math.abs(uniform.pixels()[i] - uniform.pixels()[uniform.offset(15) + i]);
        }
        assertThat(spread).isGreaterThan(1.0);

        DecodedClip difference = decoder.decode(clip, Sampling.difference(16));
        assertThat(difference.indices()).hasSize(16).isSorted().doesNotHaveDuplicates();
        assertThat(difference.decodedFrames()).isEqualTo(280);

        int keys = info.keyFrames();
        DecodedClip keyframes = decoder.decode(clip, Sampling.keyframes(keys));
        assertThat(keyframes.fallback()).isFalse();
        assertThat(keyframes.decodedFrames()).isEqualTo(keys);
        assertThat(keyframes.indices()).startsWith(0).isSorted();
        DecodedClip fallback = decoder.decode(clip, Sampling.keyframes(keys + 1));
        assertThat(fallback.fallback()).isTrue();
        assertThat(fallback.indices()).hasSize(keys + 1);
    }
}
