package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimeGapsTest {

    /** A 5-minute series from 2014-02-01 00:00 with the given extra minutes added after some rows. */
    private static SensorSeries series(int rows, int[] afterRow, int[] extraMinutes) {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        LocalDateTime t = LocalDateTime.of(2014, 2, 1, 0, 0);
        for (int r = 0; r < rows; r++) {
            csv.append(t.toString().replace('T', ' '))
                    .append(':')
                    .append("00,")
                    .append(r % 7)
                    .append('\n');
            t = t.plusMinutes(5);
            for (int g = 0; g < afterRow.length; g++) {
                if (afterRow[g] == r) {
                    t = t.plusMinutes(extraMinutes[g]);
                }
            }
        }
        return SensorCsvReader.read(new StringReader(csv.toString()), "gaps.csv");
    }

    @Test
    void countsGapsLongerThanTenStepsAndNamesTheLongest() {
        // after row 9 (00:45): 45 h; after row 14: 60 min; after row 19: 51 min; after row 24: 50 min (not > 10x)
        SensorSeries s = series(40, new int[] {9, 14, 19, 24}, new int[] {45 * 60 - 5, 55, 46, 45});
        TimeGaps g = TimeGaps.of(s, 10);
        assertThat(g.stepMillis()).isEqualTo(5 * 60_000L);
        assertThat(g.gaps()).isEqualTo(3);
        assertThat(g.longestMillis()).isEqualTo(45 * 3_600_000L);
        assertThat(g.warning())
                .contains("3 gaps longer than 10x the 5-minute step in gaps.csv; longest 45 h after "
                        + "2014-02-01 00:45");
    }

    @Test
    void saysNothingForARegularSeries() {
        assertThat(TimeGaps.of(series(40, new int[0], new int[0]), 10).warning())
                .isEmpty();
        assertThat(TimeGaps.of(series(2, new int[0], new int[0]), 10).gaps()).isZero();
    }

    @Test
    void describesStepsAndDurations() {
        assertThat(TimeText.step(300_000)).isEqualTo("5-minute");
        assertThat(TimeText.step(1_000)).isEqualTo("1-second");
        assertThat(TimeText.step(86_400_000)).isEqualTo("1-day");
        assertThat(TimeText.step(90_000)).isEqualTo("90-second");
        assertThat(TimeText.step(250)).isEqualTo("250-millisecond");
        assertThat(TimeText.duration(12_000)).isEqualTo("12 s");
        assertThat(TimeText.duration(30 * 60_000)).isEqualTo("30 min");
        assertThat(TimeText.duration(90 * 60_000)).isEqualTo("1.5 h");
        assertThat(TimeText.duration(45 * 3_600_000L)).isEqualTo("45 h");
        assertThat(TimeText.duration(4 * 86_400_000L)).isEqualTo("4 d");
    }
}
