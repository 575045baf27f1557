package dev.lstmforge.plugins.text.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import org.junit.jupiter.api.Test;

class LanguageModelMetricsTest {

    @Test
    void bitsPerCharacter() {
        assertThat(LanguageModelMetrics.bitsPerCharacter(1_000 * Math.log(2), 1_000))
                .isCloseTo(1.0, within(1e-12));
        // A uniform guess over 65 characters.
        assertThat(LanguageModelMetrics.bitsPerCharacter(10 * Math.log(65), 10))
                .isCloseTo(Math.log(65) / Math.log(2), within(1e-12));
        assertThat(LanguageModelMetrics.bitsPerCharacter(0, 5)).isZero();
    }

    @Test
    void perplexityAndConversions() {
        assertThat(LanguageModelMetrics.perplexity(Math.log(10))).isCloseTo(10, within(1e-9));
        assertThat(LanguageModelMetrics.perplexity(0)).isEqualTo(1.0);
        assertThat(LanguageModelMetrics.natsToBits(Math.log(8))).isCloseTo(3, within(1e-12));
        assertThat(LanguageModelMetrics.bitsToNats(LanguageModelMetrics.natsToBits(1.25)))
                .isCloseTo(1.25, within(1e-12));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> LanguageModelMetrics.bitsPerCharacter(1.0, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("characters must be >= 1, got 0");
        assertThatThrownBy(() -> LanguageModelMetrics.bitsPerCharacter(-1.0, 3))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("totalNats")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> LanguageModelMetrics.perplexity(Double.NaN))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("natsPerToken")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> LanguageModelMetrics.perplexity(Double.POSITIVE_INFINITY))
                .isInstanceOf(DataException.class);
    }
}
