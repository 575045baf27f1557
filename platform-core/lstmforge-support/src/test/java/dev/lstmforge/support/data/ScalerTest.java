package dev.lstmforge.support.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.support.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalerTest {

    private static final double[][] DATA = {{1, 10}, {2, 20}, {3, 60}, {100, -5}};

    @Test
    void standardScalingUsesOnlyTheFittingRows() {
        Scaler s = Scaler.fitStandard(DATA, 0, 3);
        assertThat(s.kind()).isEqualTo(Scaler.Kind.STANDARD);
        // rows 0..2: column 0 is 1, 2, 3 -> mean 2, population variance 2/3
        assertThat(s.center(0)).isEqualTo(2.0);
        assertThat(s.scale(0)).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        // column 1 is 10, 20, 60 -> mean 30, variance (400 + 100 + 900) / 3
        assertThat(s.center(1)).isEqualTo(30.0);
        assertThat(s.scale(1)).isCloseTo(Math.sqrt(1400.0 / 3), within(1e-12));
        double[][] z = s.transformAll(DATA);
        assertThat(z[0][0]).isCloseTo(-1 / Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(z[3][0]).isCloseTo(98 / Math.sqrt(2.0 / 3), within(1e-9));
        assertThat(s.transform(1, 60)).isCloseTo(30 / Math.sqrt(1400.0 / 3), within(1e-12));
        assertThat(s.inverse(1, z[3][1])).isCloseTo(-5, within(1e-12));
    }

    @Test
    void minMaxScalingMapsTheFittingRowsOntoZeroOne() {
        Scaler s = Scaler.fitMinMax(DATA, 0, 3);
        assertThat(s.transform(DATA[0])).containsExactly(0, 0);
        assertThat(s.transform(DATA[2])).containsExactly(1, 1);
        assertThat(s.transform(DATA[1])).containsExactly(new double[] {0.5, 0.2}, within(1e-15));
        assertThat(s.transform(DATA[3])[0]).isEqualTo(49.5); // (100 - 1) / 2: later rows may leave [0, 1]
    }

    @Test
    void constantColumnInTheTrainingPartIsADataError() {
        double[][] v = {{1, 7}, {2, 7}, {3, 7}, {4, 8}};
        assertThatThrownBy(() -> Scaler.fitStandard(v, 0, 3))
                .isInstanceOf(DataException.class)
                .isInstanceOf(LstmForgeException.class)
                .isNotInstanceOf(IllegalArgumentException.class)
                .hasMessage("the given data column #1: constant (value 7) in the training rows 0..2; it carries no "
                        + "information: drop the column or use another split");
        double[][] pump = {{20.5, 3}, {20.5, 4}, {21.0, 5}};
        assertThatThrownBy(() -> Scaler.builder()
                        .setKind(Scaler.Kind.MIN_MAX)
                        .optColumns(List.of("temp", "flow"))
                        .optSource("pump.csv")
                        .fit(pump, 0, 2))
                .hasMessage("pump.csv column temp: constant (value 20.5) in the training rows 0..1; it carries no "
                        + "information: drop the column or use another split");
        Scaler kept = Scaler.builder()
                .setKind(Scaler.Kind.MIN_MAX)
                .optKeepConstant(true)
                .fit(pump, 0, 2);
        assertThat(kept.scale(0)).isEqualTo(1.0);
        assertThat(kept.transform(pump[2])).containsExactly(0.5, 2.0);
    }

    @Test
    void stateRoundTripsThroughGsonAndIsChecked() {
        Scaler s = Scaler.builder()
                .setKind(Scaler.Kind.STANDARD)
                .optColumns(List.of("a", "b"))
                .fit(DATA, 0, 4);
        Gson gson = new Gson();
        String json = gson.toJson(s.state());
        assertThat(json)
                .contains(
                        "\"kind\":\"STANDARD\"",
                        "\"columns\":[\"a\",\"b\"]",
                        "\"min\":[1.0,-5.0]",
                        "\"max\":[100.0,60.0]");
        Scaler back = Scaler.fromState(gson.fromJson(json, Scaler.State.class));
        assertThat(back.transform(DATA[2])).containsExactly(s.transform(DATA[2]));
        assertThat(back.columnNames()).containsExactly("a", "b");
        assertThat(Scaler.fromState(Scaler.fitStandard(DATA, 0, 4).state()).columnNames())
                .containsExactly("#0", "#1");
        assertThatThrownBy(() -> Scaler.fromState(
                        gson.fromJson("{\"kind\":\"STANDARD\",\"center\":[0],\"scale\":[0]}", Scaler.State.class)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("scale positive");
        assertThatThrownBy(() -> Scaler.fromState(
                        gson.fromJson("{\"kind\":\"LOG\",\"center\":[0],\"scale\":[1]}", Scaler.State.class)))
                .hasMessage("scaler state has unknown kind 'LOG' (expected STANDARD or MIN_MAX)");
        assertThatThrownBy(() -> Scaler.fromState(gson.fromJson("{\"kind\":\"STANDARD\"}", Scaler.State.class)))
                .hasMessageContaining("incomplete");
    }

    @Test
    void reportsColumnsOutsideTheTrainingRange() {
        Scaler s = Scaler.fitStandard(DATA, 0, 3); // training ranges: [1, 3] and [10, 60]
        double[][] later = {{0, 10}, {2, 61}, {5, 30}, {3, -1}};
        List<Scaler.OutOfRange> found = s.outOfRange(later, 0.5);
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).isEqualTo(new Scaler.OutOfRange(0, "#0", 2, 4, 1, 3, 2, 5));
        assertThat(found.get(0).describe())
                .isEqualTo("column #0: 2 of 4 rows outside the training range [1, 3]; " + "farthest 5");
        assertThat(found.get(1).farthestRow()).isEqualTo(3); // -1 is 11 below 10; 61 is only 1 above 60
        assertThat(found.get(1).share()).isEqualTo(0.5);
        assertThat(s.outOfRange(later, 0.6)).isEmpty();
        assertThat(s.outOfRange(new double[][] {{1, 10}, {3, 60}}, 0)).isEmpty(); // the ends are inside
        Scaler.State old = s.state();
        old.min = null;
        old.max = null;
        assertThat(Scaler.fromState(old).outOfRange(later, 0)).isEmpty(); // saved before ranges were kept
    }

    @Test
    void transformWindowMatchesTransformThenFill() {
        Scaler s = Scaler.fitStandard(DATA, 0, 4);
        float[] direct = s.transformWindow(DATA, 1, 3);
        float[] viaFill = new float[6];
        Windows.fill(s.transformAll(DATA), 1, 3, viaFill, 0);
        assertThat(direct).containsExactly(viaFill);
        float[] dst = new float[10];
        s.transformWindow(DATA, 2, 2, dst, 3);
        assertThat(dst[3]).isEqualTo(direct[2]);
        assertThat(dst[0]).isZero();
        assertThatThrownBy(() -> s.transform(new double[3]))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fitted on 2 columns");
    }

    @Test
    void rejectsEmptyRangesAndNonFiniteValues() {
        assertThatThrownBy(() -> Scaler.fitStandard(DATA, 2, 2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("rows [2, 2)");
        assertThatThrownBy(() -> Scaler.fitStandard(new double[][] {{1}, {Double.NaN}}, 0, 2))
                .hasMessage("the given data row 1, column #0: value NaN is not a finite number");
        assertThatThrownBy(() -> Scaler.builder().fit(DATA, 0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
