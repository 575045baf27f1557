package dev.lstmforge.plugins.video.decode;

import static dev.lstmforge.plugins.video.decode.VideoFixtures.counterClip;
import static dev.lstmforge.plugins.video.decode.VideoFixtures.counters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each strategy on a 24-frame clip whose frames show their own index (a binary counter), key
 * frames every 8 frames (0, 8, 16), and hard cuts of the background at frames 5, 11 and 17: the
 * returned frames are the planned ones, in time order, and their pixels agree with their indices.
 */
class SamplingTest {

    private static final int FRAMES = 24;

    @TempDir
    static Path dir;

    private static Path clip;
    private static Path mkv;

    @BeforeAll
    static void writeClips() throws IOException {
        clip = counterClip(dir.resolve("counter.mp4"), 64, 64, FRAMES, 25, 8, Set.of(5, 11, 17));
        mkv = VideoFixtures.counterClip(dir.resolve("counter.mkv"), "matroska", FRAMES, 8, false);
    }

    private final VideoDecoder decoder = new VideoDecoder(32, 32);

    @Test
    void uniformTakesTheMiddleFrameOfEqualSegments() {
        DecodedClip c = decoder.decode(clip, Sampling.uniform(4));
        // segments of 6 frames: [0,6) [6,12) [12,18) [18,24), middles 3, 9, 15, 21
        assertThat(c.indices()).containsExactly(3, 9, 15, 21);
        assertThat(counters(c)).containsExactly(3, 9, 15, 21);
        assertThat(c.frames()).isEqualTo(4);
        assertThat(c.fallback()).isFalse();
        assertThat(c.clipFrames()).isEqualTo(FRAMES);
        assertThat(c.timestampsMicros()).containsExactly(120_000L, 360_000L, 600_000L, 840_000L);
    }

    @Test
    void uniformCanTakeEveryFrame() {
        DecodedClip c = decoder.decode(clip, Sampling.uniform(FRAMES));
        int[] all = new int[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            all[i] = i;
        }
        assertThat(c.indices()).containsExactly(all);
        assertThat(counters(c)).containsExactly(all);
    }

    @Test
    void everyKthFrameIsCentredInTheClip() {
        DecodedClip c = decoder.decode(clip, Sampling.every(5, 4));
        // spans 16 frames; (24 - 16) / 2 = 4 frames before it
        assertThat(c.indices()).containsExactly(4, 9, 14, 19);
        assertThat(counters(c)).containsExactly(4, 9, 14, 19);
    }

    @Test
    void differenceFindsTheCutsAndThenTheLargestCounterChange() {
        DecodedClip cuts = decoder.decode(clip, Sampling.difference(3));
        assertThat(cuts.indices()).containsExactly(5, 11, 17);
        assertThat(counters(cuts)).containsExactly(5, 11, 17);

        // after the cuts, the largest change is 15 -> 16 (five of the eight counter blocks flip)
        DecodedClip four = decoder.decode(clip, Sampling.difference(4));
        assertThat(four.indices()).containsExactly(5, 11, 16, 17);
        assertThat(counters(four)).containsExactly(5, 11, 16, 17);
        assertThat(four.decodedFrames()).isEqualTo(FRAMES);
    }

    @Test
    void differenceReturnsTimeOrderAndDistinctFramesWhenAllAreKept() {
        DecodedClip c = decoder.decode(clip, Sampling.difference(FRAMES));
        assertThat(c.indices()).isSorted().doesNotHaveDuplicates().hasSize(FRAMES);
        assertThat(counters(c)).containsExactly(c.indices());
    }

    @Test
    void differenceConvertsFramesExactlyAsTheGrabberDoes() {
        // difference sampling scales the frames it keeps itself; uniform lets javacv do it
        DecodedClip mine = decoder.decode(clip, Sampling.difference(FRAMES));
        DecodedClip javacv = decoder.decode(clip, Sampling.uniform(FRAMES));
        assertThat(mine.indices()).containsExactly(javacv.indices());
        assertThat(java.util.Arrays.copyOf(mine.pixels(), mine.values()))
                .containsExactly(java.util.Arrays.copyOf(javacv.pixels(), javacv.values()));
    }

    @Test
    void differenceWorksOnPixelFormatsWithoutALumaPlane() throws IOException {
        Path png = VideoFixtures.pngCounterClip(dir.resolve("counter-png.mkv"), FRAMES, Set.of(5, 11, 17));
        assertThat(decoder.probe(png).codec()).isEqualTo("png");
        DecodedClip cuts = decoder.decode(png, Sampling.difference(3));
        assertThat(cuts.indices()).containsExactly(5, 11, 17);
        assertThat(counters(cuts)).containsExactly(5, 11, 17);
        assertThat(decoder.decode(png, Sampling.difference(4)).indices()).containsExactly(5, 11, 16, 17);
    }

    @Test
    void keyframesDecodeOnlyTheKeyFramesTheRecorderWrote() {
        assertThat(decoder.probe(clip).keyFrames()).isEqualTo(3);

        DecodedClip keys = decoder.decode(clip, Sampling.keyframes(3));
        assertThat(keys.fallback()).isFalse();
        assertThat(keys.indices()).containsExactly(0, 8, 16);
        assertThat(counters(keys)).containsExactly(0, 8, 16);
        assertThat(keys.timestampsMicros()).containsExactly(0L, 320_000L, 640_000L);
        // the decoder produced the key frames alone, not all 24 frames filtered afterwards
        DecodedClip all = decoder.decode(clip, Sampling.uniform(3));
        assertThat(all.decodedFrames()).isEqualTo(FRAMES);
        assertThat(keys.decodedFrames()).isEqualTo(3).isLessThan(all.decodedFrames());
    }

    @Test
    void keyframesTakeEvenlySpacedKeyFramesWhenThereAreMore() {
        DecodedClip two = decoder.decode(clip, Sampling.keyframes(2));
        // of key frames #0, #1, #2: the middles of two halves are #0 and #2
        assertThat(two.indices()).containsExactly(0, 16);
        assertThat(counters(two)).containsExactly(0, 16);
        assertThat(two.decodedFrames()).isLessThanOrEqualTo(3);
    }

    @Test
    void tooFewKeyFramesFallBackToUniformAndSaySo() {
        DecodedClip c = decoder.decode(clip, Sampling.keyframes(4));
        assertThat(c.fallback()).isTrue();
        assertThat(c.sampling()).isEqualTo(Sampling.keyframes(4));
        assertThat(c.indices()).containsExactly(3, 9, 15, 21);
        assertThat(counters(c)).containsExactly(3, 9, 15, 21);
    }

    @Test
    void withoutAnIndexKeyFramesAreCountedByAKeyFrameOnlyPass() {
        VideoInfo info = decoder.probe(mkv);
        assertThat(info.declaredFrames()).isEqualTo(-1);
        assertThat(info.keyFrames()).isEqualTo(-1);

        DecodedClip keys = decoder.decode(mkv, Sampling.keyframes(3));
        assertThat(keys.fallback()).isFalse();
        assertThat(keys.indices()).containsExactly(0, 8, 16);
        assertThat(counters(keys)).containsExactly(0, 8, 16);
        // two passes over the key frames: still far fewer than the 24 frames
        assertThat(keys.decodedFrames()).isLessThanOrEqualTo(6);
    }

    @Test
    void withoutADeclaredCountUniformStillFindsTheRightFrames() {
        DecodedClip c = decoder.decode(mkv, Sampling.uniform(4));
        assertThat(c.indices()).containsExactly(3, 9, 15, 21);
        assertThat(counters(c)).containsExactly(3, 9, 15, 21);
        assertThat(c.clipFrames()).isEqualTo(FRAMES);
    }

    @Test
    void textFormRoundTrips() {
        for (Sampling s : new Sampling[] {
            Sampling.uniform(16), Sampling.every(5, 16), Sampling.difference(8), Sampling.keyframes(4)
        }) {
            assertThat(Sampling.parse(s.toString())).isEqualTo(s);
        }
        assertThat(Sampling.parse(" Dynamic:12 ")).isEqualTo(Sampling.difference(12));
        assertThat(Sampling.every(5, 16).framesNeeded()).isEqualTo(76);
        assertThat(Sampling.uniform(16).framesNeeded()).isEqualTo(16);
    }

    @Test
    void badSamplingTextIsRejectedWithTheText() {
        assertThatThrownBy(() -> Sampling.parse("uniform"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'uniform'");
        assertThatThrownBy(() -> Sampling.parse("every:0:16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step must be at least 1");
        assertThatThrownBy(() -> Sampling.parse("random:4")).hasMessageContaining("uniform:N, every:K:N");
        assertThatThrownBy(() -> Sampling.uniform(0)).hasMessageContaining("frames must be 1..");
        assertThatThrownBy(() -> new Sampling(Sampling.Kind.DIFFERENCE, 4, 2))
                .hasMessageContaining("uniform sampling only");
    }

    @Test
    void uniformIndicesAreIncreasingAndInRangeForAnyLength() {
        for (int n = 1; n <= 20; n++) {
            for (int length = n; length <= 70; length++) {
                int[] idx = Sampling.uniform(n).uniformIndices(length);
                assertThat(idx).hasSize(n).isSorted().doesNotHaveDuplicates();
                assertThat(idx[0]).isGreaterThanOrEqualTo(0);
                assertThat(idx[n - 1]).isLessThan(length);
            }
        }
    }
}
