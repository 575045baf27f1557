package dev.lstmforge.plugins.sensor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.metrics.Confusion;
import org.junit.jupiter.api.Test;

class PointAdjustTest {

    private static boolean[] b(String s) {
        boolean[] out = new boolean[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.charAt(i) == '1';
        }
        return out;
    }

    @Test
    void aHitSegmentCountsAsFullyDetected() {
        boolean[] actual = b("0111001101");
        boolean[] predicted = b("0010010000");
        boolean[] adjusted = PointAdjust.adjust(predicted, actual);
        // segment 1..3 was hit at 2 -> all of it; 6..7 and 9 were missed; the FP at 5 stays
        assertThat(adjusted).containsExactly(b("0111010000"));
        assertThat(predicted).containsExactly(b("0010010000"));
    }

    @Test
    void segmentsAtTheEdgesAndHitsAtSegmentEnds() {
        assertThat(PointAdjust.adjust(b("0100001"), b("1100011"))).containsExactly(b("1100011"));
        assertThat(PointAdjust.adjust(b("0000000"), b("1111111"))).containsExactly(b("0000000"));
        assertThat(PointAdjust.adjust(b("1010"), b("0000"))).containsExactly(b("1010"));
    }

    @Test
    void improvesRecallNeverPrecisionOfNonSegmentPoints() {
        boolean[] actual = b("00111110000111");
        boolean[] predicted = b("10000100010000");
        Confusion before = Confusion.of(predicted, actual);
        Confusion after = Confusion.of(PointAdjust.adjust(predicted, actual), actual);
        assertThat(before).isEqualTo(new Confusion(1, 2, 4, 7));
        assertThat(after).isEqualTo(new Confusion(5, 2, 4, 3));
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> PointAdjust.adjust(new boolean[1], new boolean[2]))
                .isInstanceOf(DataException.class)
                .hasMessage("predicted and actual labels differ in length: 1 vs 2");
    }
}
