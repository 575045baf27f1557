package dev.lstmforge.plugins.sensor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import org.junit.jupiter.api.Test;

class EventScoreTest {

    private static boolean[] b(String s) {
        boolean[] out = new boolean[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.charAt(i) == 'X';
        }
        return out;
    }

    @Test
    void countsIncidentsAndPages() {
        // 2 incidents, the first found; 3 pages, one touching an incident
        EventScore e = EventScore.of(b("..X..XX..X"), b(".XXX...X.."));
        assertThat(e).isEqualTo(new EventScore(2, 1, 3, 1));
        assertThat(e.precision()).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(e.recall()).isEqualTo(0.5);
        assertThat(e.f1()).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void edgesPoolingAndEmptyCases() {
        // runs touching the first and the last point; an alarm spanning two incidents counts once
        EventScore e = EventScore.of(b("XXXXX"), b("XX.XX"));
        assertThat(e).isEqualTo(new EventScore(2, 2, 1, 1));
        assertThat(e.f1()).isEqualTo(1.0);
        assertThat(e.plus(new EventScore(1, 0, 4, 0))).isEqualTo(new EventScore(3, 2, 5, 1));
        EventScore none = EventScore.of(b("....."), b("....."));
        assertThat(none.precision()).isZero();
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
        assertThatThrownBy(() -> EventScore.of(new boolean[2], new boolean[3]))
                .isInstanceOf(DataException.class)
                .hasMessage("alerts and labels differ in length: 2 vs 3");
    }
}
