package dev.lstmforge.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.support.DataException;
import org.junit.jupiter.api.Test;

class ConfusionTest {

    @Test
    void countsAndRates() {
        boolean[] predicted = {true, true, false, false, true, false};
        boolean[] actual = {true, false, true, false, true, false};
        Confusion c = Confusion.of(predicted, actual);
        assertThat(c).isEqualTo(new Confusion(2, 1, 2, 1));
        assertThat(c.total()).isEqualTo(6);
        assertThat(c.precision()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.recall()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.tpr()).isEqualTo(c.recall());
        assertThat(c.tnr()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.fpr()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(c.f1()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.gMean()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(c.accuracy()).isCloseTo(4.0 / 6, within(1e-15));
    }

    @Test
    void unevenExample() {
        Confusion c = new Confusion(3, 1, 90, 6);
        assertThat(c.precision()).isEqualTo(0.75);
        assertThat(c.recall()).isEqualTo(1.0 / 3);
        assertThat(c.f1()).isCloseTo(2 * 0.75 * (1.0 / 3) / (0.75 + 1.0 / 3), within(1e-15));
        assertThat(c.gMean()).isCloseTo(Math.sqrt((1.0 / 3) * (90.0 / 91)), within(1e-15));
    }

    @Test
    void zeroOverZeroIsZero() {
        Confusion none = Confusion.of(new boolean[] {false, false}, new boolean[] {true, false});
        assertThat(none.precision()).isZero();
        assertThat(none.f1()).isZero();
        assertThat(none.gMean()).isZero();
        Confusion noPositives = Confusion.of(new boolean[] {true, false}, new boolean[] {false, false});
        assertThat(noPositives.recall()).isZero();
        assertThat(noPositives.tnr()).isEqualTo(0.5);
        Confusion noNegatives = Confusion.of(new boolean[] {true, false}, new boolean[] {true, true});
        assertThat(noNegatives.tnr()).isZero();
        assertThat(noNegatives.fpr()).isZero();
        assertThat(noNegatives.gMean()).isZero();
        Confusion empty = Confusion.of(new boolean[0], new boolean[0]);
        assertThat(empty.accuracy()).isZero();
        assertThat(empty.f1()).isZero();
    }

    @Test
    void poolsAndValidates() {
        assertThat(new Confusion(1, 2, 3, 4).plus(new Confusion(10, 20, 30, 40)))
                .isEqualTo(new Confusion(11, 22, 33, 44));
        assertThatThrownBy(() -> new Confusion(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Confusion.of(new boolean[2], new boolean[3]))
                .isInstanceOf(DataException.class)
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("predicted and actual labels differ in length: 2 vs 3");
    }

    @Test
    void metricsCarrySnakeCaseNamesWithAPrefix() {
        assertThat(new Confusion(3, 1, 90, 6).metrics("event_"))
                .containsOnlyKeys("event_precision", "event_recall", "event_f1", "event_g_mean", "event_accuracy")
                .containsEntry("event_precision", 0.75)
                .containsEntry("event_accuracy", 93.0 / 100);
    }
}
