package dev.lstmforge.plugins.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void resamplingReadsTheInputAtScaledPositions() {
        float[] ramp = new float[11];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        assertThat(Augmentation.resample(ramp, 2.0)).containsExactly(0, 2, 4, 6, 8, 10);
        float[] slow = Augmentation.resample(ramp, 0.5);
        assertThat(slow).hasSize(21);
        assertThat(slow[3]).isCloseTo(1.5f, within(1e-6f));
    }

    @Test
    void augmentedClipsStayCloseInLengthAndLoudnessAndDifferPerDraw() {
        float[] clip = new float[8000];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        float[] a = Augmentation.apply(clip, 8000, new Random(1));
        float[] b = Augmentation.apply(clip, 8000, new Random(2));
        assertThat(a.length).isBetween(7272, 8889);
        assertThat(a).isNotEqualTo(b);
        assertThat(Augmentation.apply(clip, 8000, new Random(1))).containsExactly(a);
        double rms = 0;
        for (float v : a) {
            rms += v * v;
        }
        rms = Math.sqrt(rms / a.length);
        // 0.212 before; at most 6 dB of gain either way (and a little noise, a little silence)
        assertThat(rms).isBetween(0.08, 0.45);
    }
}
