package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up's rules, counted in calls: it never measures time, so none of this is timed. */
class WarmUpTest {

    @Test
    void aQuietWarmUpHasPassedTheOptimisingCompilersThreshold() {
        AtomicLong calls = new AtomicLong();
        WarmUp.Result r = WarmUp.untilJitQuiet(calls::incrementAndGet, 100, 60);
        assertThat(r.calls()).isEqualTo(calls.get());
        if (r.quiet()) {
            assertThat(r.calls()).isGreaterThanOrEqualTo(WarmUp.c2InvocationThreshold() + WarmUp.ROUND);
        }
    }

    @Test
    void withoutTimeLeftItStillMakesTheMinimumCallsAndIsNotQuiet() {
        AtomicLong calls = new AtomicLong();
        WarmUp.Result r = WarmUp.untilJitQuiet(calls::incrementAndGet, 700, 0);
        assertThat(r.calls()).isEqualTo(calls.get()).isBetween(700L, 700L + WarmUp.ROUND);
        assertThat(r.quiet()).isFalse();
    }

    @Test
    void timedMakesExactlyTheCallsAskedAndTimesEach() {
        AtomicLong calls = new AtomicLong();
        long[] nanos = WarmUp.timed(calls::incrementAndGet, 37);
        assertThat(calls.get()).isEqualTo(37);
        assertThat(nanos).hasSize(37);
        assertThat(java.util.Arrays.stream(nanos).min().getAsLong()).isNotNegative();
    }

    @Test
    void theThresholdIsHotSpotsSetting() {
        assertThat(WarmUp.c2InvocationThreshold()).isPositive();
    }
}
