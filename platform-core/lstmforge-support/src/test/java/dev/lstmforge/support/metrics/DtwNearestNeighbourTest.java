package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DtwNearestNeighbourTest {

    @Test
    void matchesAHandComputedWarping() {
        // frames 0,1,2 against 0,2: the best path 0-0, 1-0 (or 1-2), 2-2 costs 1; 1 / (3 + 2) = 0.2
        assertThat(DtwNearestNeighbour.distance(new float[] {0, 1, 2}, new float[] {0, 2}, 1))
                .isCloseTo(0.2, within(1e-12));
        // two-dimensional frames, Euclidean: (0,0)-(3,4) is 5, one frame each: 5 / 2
        assertThat(DtwNearestNeighbour.distance(new float[] {0, 0}, new float[] {3, 4}, 2))
                .isCloseTo(2.5, within(1e-12));
    }

    @Test
    void aTimeStretchedCopyIsAtDistanceZeroAndAReversedOneIsNot() {
        float[] a = {1, 2, 3, 4};
        float[] stretched = {1, 1, 2, 2, 2, 3, 4, 4};
        assertThat(DtwNearestNeighbour.distance(a, stretched, 1)).isZero();
        assertThat(DtwNearestNeighbour.distance(a, new float[] {4, 3, 2, 1}, 1)).isGreaterThan(0.5);
    }

    @Test
    void earlyAbandoningGivesTheSameNeighbourAsTheFullComputation() {
        Random r = new Random(7);
        int width = 3;
        List<float[]> templates = new ArrayList<>();
        int[] labels = new int[60];
        for (int k = 0; k < labels.length; k++) {
            templates.add(randomSequence(r, 5 + r.nextInt(20), width));
            labels[k] = k;
        }
        DtwNearestNeighbour nn = new DtwNearestNeighbour(templates, labels, width);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            queries.add(randomSequence(r, 5 + r.nextInt(20), width));
        }
        int[] fast = nn.classifyAll(queries);
        for (int q = 0; q < queries.size(); q++) {
            int best = 0;
            for (int k = 1; k < templates.size(); k++) {
                if (DtwNearestNeighbour.distance(queries.get(q), templates.get(k), width)
                        < DtwNearestNeighbour.distance(queries.get(q), templates.get(best), width)) {
                    best = k;
                }
            }
            assertThat(fast[q]).as("query %d", q).isEqualTo(best);
        }
    }

    @Test
    void separatesRisingFromFallingSequencesOfAnyLength() {
        Random r = new Random(3);
        List<float[]> templates = new ArrayList<>();
        int[] labels = new int[20];
        for (int k = 0; k < 20; k++) {
            templates.add(ramp(r, 6 + r.nextInt(10), k % 2 == 0));
            labels[k] = k % 2;
        }
        DtwNearestNeighbour nn = new DtwNearestNeighbour(templates, labels, 1);
        for (int q = 0; q < 30; q++) {
            boolean rising = q % 3 == 0;
            assertThat(nn.classify(ramp(r, 4 + r.nextInt(30), rising))).isEqualTo(rising ? 0 : 1);
        }
    }

    @Test
    void rejectsRaggedOrEmptySequences() {
        assertThatThrownBy(() -> new DtwNearestNeighbour(List.of(new float[5]), new int[] {0}, 2))
                .hasMessageContaining("template 0: 5 values");
        DtwNearestNeighbour nn = new DtwNearestNeighbour(List.of(new float[4]), new int[] {0}, 2);
        assertThatThrownBy(() -> nn.classify(new float[0])).hasMessageContaining("query: 0 values");
        assertThatThrownBy(() -> new DtwNearestNeighbour(List.of(), new int[0], 2))
                .hasMessageContaining("0 templates");
    }

    private static float[] randomSequence(Random r, int frames, int width) {
        float[] x = new float[frames * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] ramp(Random r, int frames, boolean rising) {
        float[] x = new float[frames];
        for (int t = 0; t < frames; t++) {
            float v = (float) t / (frames - 1);
            x[t] = (rising ? v : 1 - v) + (float) (0.05 * r.nextGaussian());
        }
        return x;
    }
}
