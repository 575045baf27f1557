package dev.lstmforge.support.metrics.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTestTest {

    @Test
    void isTheBinomialTailOfTheDiscordantItemsAtOneHalf() {
        // sum of C(15, k) for k = 12..15, over 2^15 = (455 + 105 + 15 + 1) / 32768
        assertThat(McNemarTest.firstBetter(12, 3)).isCloseTo(576.0 / 32768, within(1e-15));
        assertThat(McNemarTest.firstBetter(3, 12)).isCloseTo(1 - 576.0 / 32768 + 455.0 / 32768, within(1e-12));
        assertThat(McNemarTest.firstBetter(5, 5)).isGreaterThan(0.5);
    }

    @Test
    void noDisagreementIsNoEvidence() {
        assertThat(McNemarTest.firstBetter(0, 0)).isEqualTo(1.0);
        assertThat(McNemarTest.firstBetter(0, 7)).isEqualTo(1.0);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> McNemarTest.firstBetter(-1, 3)).hasMessageContaining("-1");
    }
}
