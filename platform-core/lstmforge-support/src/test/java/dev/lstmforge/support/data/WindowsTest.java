package dev.lstmforge.support.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import org.junit.jupiter.api.Test;

class WindowsTest {

    private static final double[][] ROWS = {{0, 0.5}, {1, 1.5}, {2, 2.5}, {3, 3.5}, {4, 4.5}, {5, 5.5}};

    @Test
    void countsFullWindows() {
        assertThat(Windows.count(6, 3, 1)).isEqualTo(4);
        assertThat(Windows.count(6, 3, 2)).isEqualTo(2);
        assertThat(Windows.count(6, 3, 3)).isEqualTo(2);
        assertThat(Windows.count(7, 3, 3)).isEqualTo(2);
        assertThat(Windows.count(6, 6, 5)).isEqualTo(1);
        assertThat(Windows.count(5, 6, 1)).isZero();
        assertThat(Windows.count(0, 1, 1)).isZero();
        assertThatThrownBy(() -> Windows.count(5, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Windows.count(5, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fillIsStepMajor() {
        float[] dst = new float[8];
        Windows.fill(ROWS, 2, 3, dst, 1);
        assertThat(dst).containsExactly(0f, 2f, 2.5f, 3f, 3.5f, 4f, 4.5f, 0f);
        assertThatThrownBy(() -> Windows.fill(ROWS, 4, 3, new float[6], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Windows.fill(ROWS, 0, 3, new float[5], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Windows.fill(new double[][] {{1, 2}, {3}}, 0, 2, new float[4], 0))
                .isInstanceOf(DataException.class)
                .hasMessage("row 1 has 1 values; the window's first row has 2");
    }

    @Test
    void allAndFlatAgree() {
        float[][] all = Windows.all(ROWS, 2, 2);
        assertThat(all).hasDimensions(3, 4);
        assertThat(all[1]).containsExactly(2f, 2.5f, 3f, 3.5f);
        float[] flat = Windows.flat(ROWS, 2, 2);
        assertThat(flat).hasSize(12);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(flat[i * 4 + j]).isEqualTo(all[i][j]);
            }
        }
        assertThat(Windows.all(ROWS, 7, 1)).isEmpty();
        assertThat(Windows.flat(ROWS, 7, 1)).isEmpty();
    }

    @Test
    void windowLabels() {
        boolean[] l = {false, false, true, false, false, false, true};
        assertThat(Windows.labelsAny(l, 3, 2)).containsExactly(true, true, true);
        assertThat(Windows.labelsAny(l, 3, 3)).containsExactly(true, false);
        assertThat(Windows.labelsLast(l, 3, 2)).containsExactly(true, false, true);
        assertThat(Windows.labelsAny(l, 2, 1)).containsExactly(false, true, true, false, false, true);
    }
}
