package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.data.Scaler;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesScalingTest {

    // temp is 10, 20, 30 in the first three rows, then 31 (just outside) and 80 (far outside);
    // flow stays within 1..3 throughout
    private static final SensorSeries PUMP = SensorCsvReader.read(
            new StringReader("timestamp,temp,flow\n"
                    + "2024-01-01 00:00:00,10,1\n2024-01-01 00:01:00,20,3\n2024-01-01 00:02:00,30,2\n"
                    + "2024-01-01 00:03:00,31,2\n2024-01-01 00:04:00,80,1\n"),
            "pump.csv");

    @Test
    void fitsOnTheTrainingRowsAndNamesColumnsInMessages() {
        Scaler s = SeriesScaling.fitStandard(PUMP, 0, 3);
        assertThat(s.columnNames()).containsExactly("temp", "flow");
        assertThat(s.center(0)).isEqualTo(20.0);
        assertThat(SeriesScaling.scale(s, PUMP)[4][0]).isCloseTo(60 / Math.sqrt(200.0 / 3), within(1e-12));
        SensorSeries flat = SensorCsvReader.read(
                new StringReader(
                        "timestamp,temp\n2024-01-01 00:00:00,5\n" + "2024-01-01 00:01:00,5\n2024-01-01 00:02:00,6\n"),
                "flat.csv");
        assertThatThrownBy(() -> SeriesScaling.fitStandard(flat, 0, 2))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("flat.csv column temp: constant (value 5) in the training rows 0..1");
    }

    @Test
    void warnsAboutRowsOutsideTheTrainingRangeWithPlaceAndCount() {
        Scaler s = SeriesScaling.fitStandard(PUMP, 0, 3);
        assertThat(SeriesScaling.rangeWarnings(s, PUMP, 3, 5))
                .containsExactly(
                        "pump.csv column temp: 2 of 2 rows outside the training range [10, 30]; farthest 80 at 2024-01-01 "
                                + "00:04");
        assertThat(SeriesScaling.rangeWarnings(s, PUMP, 0, 3)).isEmpty();
    }

    @Test
    void selectsTheModelsColumnsInItsOrder() {
        SensorSeries s = PUMP.select(List.of("flow", "temp"));
        assertThat(s.columns()).containsExactly("flow", "temp");
        assertThat(s.value(4, 1)).isEqualTo(80.0);
        assertThatThrownBy(() -> PUMP.select(List.of("temp", "pressure")))
                .isInstanceOf(DataException.class)
                .hasMessage("pump.csv column pressure: missing; the model reads [temp, pressure] and pump.csv has "
                        + "[temp, flow]");
    }
}
