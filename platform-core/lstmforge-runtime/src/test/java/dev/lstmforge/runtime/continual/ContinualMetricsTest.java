package dev.lstmforge.runtime.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Average, backward transfer and forgetting against values worked out by hand. */
class ContinualMetricsTest {

    private static final double[][] R = {
        {0.90, 0.10, 0.20},
        {0.70, 0.95, 0.30},
        {0.60, 0.80, 0.85},
    };

    @Test
    void higherIsBetter() {
        ContinualMetrics m = ContinualMetrics.of(R, true);
        assertThat(m.average()).isCloseTo((0.60 + 0.80 + 0.85) / 3, within(1e-12));
        // BWT: ((0.60 - 0.90) + (0.80 - 0.95)) / 2
        assertThat(m.bwt()).isCloseTo(-0.225, within(1e-12));
        // forgetting: task 0 best 0.90 -> 0.60, task 1 best 0.95 -> 0.80
        assertThat(m.forgetting()).isCloseTo(0.225, within(1e-12));
    }

    @Test
    void anErrorMetricFlipsTheSignsSoThatForgettingStaysPositive() {
        double[][] rmse = {{1.0, 5.0}, {3.0, 1.5}};
        ContinualMetrics m = ContinualMetrics.of(rmse, false);
        assertThat(m.average()).isCloseTo(2.25, within(1e-12));
        assertThat(m.bwt()).isCloseTo(-2.0, within(1e-12));
        assertThat(m.forgetting()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void forgettingCountsOnlyRowsAfterATaskWasLearned() {
        // task 1 scored 0.99 by chance before it was trained: not a level it ever held
        double[][] r = {{0.9, 0.99}, {0.9, 0.8}};
        ContinualMetrics m = ContinualMetrics.of(r, true);
        assertThat(m.forgetting()).isCloseTo(0.0, within(1e-12));
        assertThat(m.bwt()).isCloseTo(0.0, within(1e-12));
    }
}
