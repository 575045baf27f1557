package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ScalerTest {

    private static final double[][] DATA = {{1, 10}, {2, 20}, {3, 60}, {100, -5}};

    @Test
    void standardScalingUsesOnlyTheFittingRows() {
        Scaler s = Scaler.fitStandard(DATA, 0, 3);
        assertThat(s.kind()).isEqualTo(Scaler.Kind.STANDARD);
        assertThat(s.center(0)).isEqualTo(2.0);
        assertThat(s.scale(0)).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        assertThat(s.center(1)).isEqualTo(30.0);
        double[][] z = s.transformAll(DATA);
        for (int c = 0; c < 2; c++) {
            double mean = (z[0][c] + z[1][c] + z[2][c]) / 3;
            double var = (z[0][c] * z[0][c] + z[1][c] * z[1][c] + z[2][c] * z[2][c]) / 3 - mean * mean;
            assertThat(mean).isCloseTo(0, within(1e-12));
            assertThat(var).isCloseTo(1, within(1e-12));
        }
        assertThat(z[3][0]).isCloseTo(98 / Math.sqrt(2.0 / 3), within(1e-9));
        assertThat(s.inverse(1, z[3][1])).isCloseTo(-5, within(1e-12));
    }

    @Test
    void minMaxScalingMapsTheFittingRowsOntoZeroOne() {
        Scaler s = Scaler.fitMinMax(DATA, 0, 3);
        assertThat(s.transform(DATA[0])).containsExactly(0, 0);
        assertThat(s.transform(DATA[2])).containsExactly(1, 1);
        assertThat(s.transform(DATA[1])).containsExactly(new double[] {0.5, 0.2}, within(1e-15));
        assertThat(s.transform(DATA[3])[0]).isEqualTo(49.5);
    }

    @Test
    void constantColumnInTheTrainingPartIsTheBadInputError() {
        double[][] v = {{1, 7}, {2, 7}, {3, 7}, {4, 8}};
        assertThatThrownBy(() -> Scaler.fitStandard(v, 0, 3))
                .isInstanceOf(SensorDataException.class)
                .hasMessage("column #1 is constant (value 7) in the training part (rows 0..2)"
                        + " of the given data; it carries no information — drop it or use another"
                        + " split");
        SensorSeries s = SensorCsvReader.read(new StringReader("timestamp,temp,flow\n"
                + "2020-01-01 00:00:00,20.5,3\n2020-01-01 00:01:00,20.5,4\n"
                + "2020-01-01 00:02:00,21.0,5\n"), "pump.csv");
        assertThatThrownBy(() -> Scaler.fitMinMax(s, 0, 2))
                .hasMessage("column temp is constant (value 20.5000) in the training part (rows"
                        + " 0..1) of pump.csv; it carries no information — drop it or use another"
                        + " split");
        assertThat(Scaler.fitMinMax(s, 0, 3).columnNames()).containsExactly("temp", "flow");
    }

    @Test
    void stateRoundTripsThroughJson() {
        Scaler s = Scaler.fitStandard(DATA, 0, 4);
        String json = s.toJson();
        assertThat(json).contains("\"kind\":\"STANDARD\"", "\"center\"", "\"scale\"");
        Scaler back = Scaler.fromJson(json);
        assertThat(back.transform(DATA[2])).containsExactly(s.transform(DATA[2]));
        Scaler viaState = Scaler.fromState(s.state());
        assertThat(viaState.columnNames()).containsExactly("#0", "#1");
        assertThatThrownBy(() -> Scaler.fromJson("{\"kind\":\"STANDARD\",\"center\":[0],\"scale\":[0]}"))
                .isInstanceOf(SensorDataException.class).hasMessageContaining("scale positive");
        assertThatThrownBy(() -> Scaler.fromJson("{\"kind\":\"LOG\",\"center\":[0],\"scale\":[1]}"))
                .hasMessageContaining("unknown kind 'LOG'");
        assertThatThrownBy(() -> Scaler.fromJson("{\"kind\":\"STANDARD\"}"))
                .hasMessageContaining("incomplete");
        assertThatThrownBy(() -> Scaler.fromJson("{not json"))
                .isInstanceOf(SensorDataException.class);
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
        assertThatThrownBy(() -> s.transform(new double[3])).hasMessageContaining("fitted on 2 columns");
    }

    @Test
    void rejectsEmptyRangesAndNonFiniteValues() {
        assertThatThrownBy(() -> Scaler.fitStandard(DATA, 2, 2)).hasMessageContaining("rows [2, 2)");
        assertThatThrownBy(() -> Scaler.fitStandard(new double[][] {{1}, {Double.NaN}}, 0, 2))
                .hasMessageContaining("row 1").hasMessageContaining("not finite");
    }
}
