package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the real NAB and SKAB files of the shared data folder (skipped when it is absent). */
class RealSensorFilesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, rows in file, rows kept, repair notes, first timestamp, last timestamp
        "ambient_temperature_system_failure.csv, 7267, 7267, 0, 2013-07-04T00:00, 2014-05-28T15:00",
        "ec2_request_latency_system_failure.csv, 4032, 4021, 1, 2014-03-07T03:41, 2014-03-21T03:41",
        "machine_temperature_system_failure.csv, 22695, 22683, 2, 2013-12-02T21:15, 2014-02-19T15:25",
        "nyc_taxi.csv, 10320, 10320, 0, 2014-07-01T00:00, 2015-01-31T23:30",
    })
    void readsNabFiles(String file, int fileRows, int rows, int notes, LocalDateTime first, LocalDateTime last) {
        SensorSeries s = SensorCsvReader.read(TestData.nab(file));
        assertThat(s.columns()).containsExactly("value");
        assertThat(s.rows()).isEqualTo(rows);
        assertThat(s.repairs()).hasSize(notes);
        assertThat(s.timestamp(0)).isEqualTo(first);
        assertThat(s.timestamp(rows - 1)).isEqualTo(last);
        long[] t = s.epochMillis();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThan(t[i - 1]);
        }
        assertThat(fileRows - rows).isGreaterThanOrEqualTo(0);
    }

    @Test
    void reportsTheLongTimeGapsOfRealSeries() {
        SensorSeries ambient = SensorCsvReader.read(TestData.nab("ambient_temperature_system_failure.csv"));
        assertThat(TimeGaps.of(ambient, 10).warning())
                .contains("8 gaps longer than 10x the 1-hour step in "
                        + "ambient_temperature_system_failure.csv; longest 7.3 d after 2014-04-03 09:00");
        SensorSeries ec2 = SensorCsvReader.read(TestData.nab("ec2_request_latency_system_failure.csv"));
        assertThat(TimeGaps.of(ec2, 10).warning())
                .contains("1 gap longer than 10x the 5-minute step in "
                        + "ec2_request_latency_system_failure.csv; longest 1.1 h after 2014-03-09 01:56");
        SensorSeries machine = SensorCsvReader.read(TestData.nab("machine_temperature_system_failure.csv"));
        assertThat(TimeGaps.of(machine, 10).warning()).isEmpty();
    }

    @Test
    void ec2DaylightSavingDuplicatesAreDropped() {
        SensorSeries s = SensorCsvReader.read(TestData.nab("ec2_request_latency_system_failure.csv"));
        assertThat(s.repairs())
                .singleElement()
                .asString()
                .contains("dropped 11 row(s)", "1 timestamp(s)", "2014-03-09 03:00:00 x12", "lines 558, 559, 560, ...");
        // the first of the twelve 03:00 rows is kept
        int row = rowOf(s, LocalDateTime.of(2014, 3, 9, 3, 0));
        assertThat(s.value(row, 0)).isEqualTo(44.611999999999995);
        assertThat(s.timestamp(row - 1)).isEqualTo(LocalDateTime.of(2014, 3, 9, 1, 56));
        assertThat(s.timestamp(row + 1)).isEqualTo(LocalDateTime.of(2014, 3, 9, 3, 1));
    }

    @Test
    void machineTemperatureStepBackIsSortedAndItsRepeatedHourDropped() {
        SensorSeries s = SensorCsvReader.read(TestData.nab("machine_temperature_system_failure.csv"));
        List<String> notes = s.repairs();
        assertThat(notes.get(0))
                .contains(
                        "1 step(s) back",
                        "line 10151",
                        "2014-01-07 02:00:00",
                        "after 2014-01-07 02:55:00 at line 10150");
        assertThat(notes.get(1)).contains("dropped 12 row(s)", "12 timestamp(s)", "2014-01-07 02:00:00 x2");
        // the first reading of 02:00 in file order (line 10139) is kept, not the replay's
        int row = rowOf(s, LocalDateTime.of(2014, 1, 7, 2, 0));
        assertThat(s.timestamp(row + 12)).isEqualTo(LocalDateTime.of(2014, 1, 7, 3, 0));
        // regular 5-minute spacing around the repaired hour
        for (int i = row - 3; i < row + 15; i++) {
            assertThat(s.epochMillis(i + 1) - s.epochMillis(i)).isEqualTo(300_000L);
        }
    }

    @Test
    void readsSkabValveFiles() {
        int total = 0;
        for (int i = 0; i < 16; i++) {
            SensorSeries s = SensorCsvReader.read(TestData.skab("valve1/" + i + ".csv"));
            assertThat(s.columns())
                    .containsExactly(
                            "Accelerometer1RMS",
                            "Accelerometer2RMS",
                            "Current",
                            "Pressure",
                            "Temperature",
                            "Thermocouple",
                            "Voltage",
                            "Volume Flow RateRMS");
            assertThat(s.hasLabels()).isTrue();
            assertThat(s.hasChangepoints()).isTrue();
            assertThat(s.repairs()).isEmpty();
            assertThat(s.rows()).isBetween(1075, 1154);
            int anomalous = count(s.labels());
            assertThat((double) anomalous / s.rows()).isBetween(0.30, 0.38);
            assertThat(count(s.changepoints())).isBetween(3, 4);
            total += s.rows();
        }
        assertThat(total).isEqualTo(18_160);
    }

    @Test
    void readsSkabAnomalyFreeFileWithoutLabels() {
        SensorSeries s = SensorCsvReader.read(TestData.skab("anomaly-free/anomaly-free.csv"));
        assertThat(s.rows()).isEqualTo(9405);
        assertThat(s.columns()).hasSize(8);
        assertThat(s.hasLabels()).isFalse();
        assertThat(s.hasChangepoints()).isFalse();
        assertThat(s.timestamp(0)).isEqualTo(LocalDateTime.of(2020, 2, 8, 13, 30, 47));
        assertThat(s.timestamp(9404)).isEqualTo(LocalDateTime.of(2020, 2, 8, 16, 16, 47));
    }

    private static int rowOf(SensorSeries s, LocalDateTime t) {
        for (int i = 0; i < s.rows(); i++) {
            if (s.timestamp(i).equals(t)) {
                return i;
            }
        }
        throw new AssertionError(t + " not found");
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            if (x) {
                n++;
            }
        }
        return n;
    }
}
