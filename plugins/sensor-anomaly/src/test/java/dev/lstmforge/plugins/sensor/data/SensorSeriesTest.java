package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorSeriesTest {

    private static final long T0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC

    private static SensorSeries three() {
        return new SensorSeries(
                "s",
                List.of("a", "b"),
                new long[] {T0, T0 + 1000, T0 + 2000},
                new double[][] {{1, 10}, {2, 20}, {3, 30}},
                new boolean[] {false, true, false},
                List.of("note"));
    }

    @Test
    void exposesItsParts() {
        SensorSeries s = three();
        assertThat(s.rows()).isEqualTo(3);
        assertThat(s.columns()).containsExactly("a", "b");
        assertThat(s.timestamp(2)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 2));
        assertThat(s.value(1, 1)).isEqualTo(20);
        assertThat(s.column(1)).containsExactly(10, 20, 30);
        assertThat(s.hasLabels()).isTrue();
        assertThat(s.repairs()).containsExactly("note");
        assertThat(s.toString()).contains("3 rows x 2 columns", "1 labelled anomalous");
    }

    @Test
    void isImmutable() {
        long[] t = {T0, T0 + 1000};
        double[][] v = {{1}, {2}};
        boolean[] l = {true, false};
        SensorSeries s = new SensorSeries("s", List.of("a"), t, v, l, List.of());
        t[0] = 0;
        v[0][0] = 99;
        l[0] = false;
        assertThat(s.epochMillis(0)).isEqualTo(T0);
        assertThat(s.value(0, 0)).isEqualTo(1);
        assertThat(s.label(0)).isTrue();
        s.values()[1][0] = 77;
        s.epochMillis()[1] = 5;
        s.labels()[1] = true;
        assertThat(s.value(1, 0)).isEqualTo(2);
        assertThat(s.epochMillis(1)).isEqualTo(T0 + 1000);
        assertThat(s.label(1)).isFalse();
        assertThatThrownBy(() -> s.columns().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sliceKeepsRowsLabelsAndNotes() {
        SensorSeries s = three().slice(1, 3);
        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.epochMillis()).containsExactly(T0 + 1000, T0 + 2000);
        assertThat(s.column(0)).containsExactly(2, 3);
        assertThat(s.labels()).containsExactly(true, false);
        assertThat(s.repairs()).containsExactly("note");
        assertThatThrownBy(() -> three().slice(2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> three().slice(0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unknownLabelsAreAllFalse() {
        SensorSeries s = new SensorSeries(
                "s", List.of("a"), new long[] {T0, T0 + 1}, new double[][] {{1}, {2}}, null, List.of());
        assertThat(s.hasLabels()).isFalse();
        assertThat(s.labels()).containsExactly(false, false);
        assertThat(s.withLabels(new boolean[] {true, false}).hasLabels()).isTrue();
    }

    @Test
    void rejectsInconsistentParts() {
        assertThatThrownBy(() -> new SensorSeries(
                        "s", List.of("a"), new long[] {T0, T0}, new double[][] {{1}, {2}}, null, List.of()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new SensorSeries(
                        "s", List.of("a", "b"), new long[] {T0}, new double[][] {{1}}, null, List.of()))
                .hasMessageContaining("row 0 has 1 values; expected 2");
        assertThatThrownBy(() -> new SensorSeries(
                        "s", List.of("a"), new long[] {T0}, new double[][] {{Double.NaN}}, null, List.of()))
                .hasMessageContaining("column 'a'")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SensorSeries(
                        "s", List.of("a", "a"), new long[] {T0}, new double[][] {{1, 2}}, null, List.of()))
                .hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> new SensorSeries(
                        "s", List.of("a"), new long[] {T0}, new double[][] {{1}}, new boolean[2], List.of()))
                .hasMessageContaining("1 rows but 2 labels");
    }
}
