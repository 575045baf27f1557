package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NabLabelsTest {

    @TempDir
    Path dir;

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private NabLabels write(String json) throws IOException {
        Path f = dir.resolve("windows.json");
        Files.writeString(f, json);
        return NabLabels.read(f);
    }

    private static SensorSeries hourly(String firstIso, int rows) {
        StringBuilder b = new StringBuilder("timestamp,value\n");
        LocalDateTime t = LocalDateTime.parse(firstIso);
        for (int i = 0; i < rows; i++) {
            b.append(t.plusHours(i).toString().replace('T', ' '))
                    .append(",")
                    .append(i)
                    .append('\n');
        }
        return SensorCsvReader.read(new StringReader(b.toString()), "hourly.csv");
    }

    @Test
    void readsWindowsWithFractionalSecondsAndResolvesBareFileNames() throws IOException {
        NabLabels labels = write("{\"realKnownCause/a.csv\": [[\"2020-01-01 02:00:00.000000\", "
                + "\"2020-01-01 04:00:00.000000\"]], \"artificialNoAnomaly/b.csv\": []}");
        assertThat(labels.keys()).containsExactly("realKnownCause/a.csv", "artificialNoAnomaly/b.csv");
        assertThat(labels.windows("a.csv"))
                .containsExactly(new NabLabels.Window(millis("2020-01-01T02:00"), millis("2020-01-01T04:00")));
        assertThat(labels.windows("realKnownCause/a.csv")).isEqualTo(labels.windows("a.csv"));
        assertThat(labels.windows("b.csv")).isEmpty();
        assertThat(labels.resolve("a.csv")).isEqualTo("realKnownCause/a.csv");
    }

    @Test
    void pointLabelsAreTrueInsideWindowsInclusive() throws IOException {
        NabLabels labels = write("{\"x/h.csv\": [[\"2020-01-01 02:00:00.000000\", "
                + "\"2020-01-01 04:00:00.000000\"], [\"2020-01-01 07:30:00\", \"2020-01-01 08:00:00\"]]}");
        SensorSeries s = hourly("2020-01-01T00:00", 10);
        boolean[] p = labels.pointLabels(s, "h.csv");
        assertThat(p).containsExactly(false, false, true, true, true, false, false, false, true, false);
        assertThat(NabLabels.pointLabels(s, labels.windows("h.csv"))).containsExactly(p);
        SensorSeries labelled = s.withLabels(p);
        assertThat(labelled.hasLabels()).isTrue();
        assertThat(labelled.labels()).containsExactly(p);
    }

    @Test
    void windowPartlyOutsideIsClippedButOneEntirelyOutsideIsAnError() throws IOException {
        NabLabels labels = write("{\"x/h.csv\": [[\"2019-12-31 22:00:00\", \"2020-01-01 01:00:00\"]],"
                + " \"x/late.csv\": [[\"2020-03-01 00:00:00.000000\", \"2020-03-02 00:00:00.000000\"]]}");
        SensorSeries s = hourly("2020-01-01T00:00", 4);
        assertThat(labels.pointLabels(s, "h.csv")).containsExactly(true, true, false, false);
        assertThatThrownBy(() -> labels.pointLabels(s, "late.csv"))
                .isInstanceOf(DataException.class)
                .hasMessage("label window 2020-03-01 00:00 .. 2020-03-02 00:00 for x/late.csv lies "
                        + "outside hourly.csv (2020-01-01 00:00 .. 2020-01-01 03:00)");
    }

    @Test
    void unknownAndAmbiguousKeysAreErrorsListingKeys() throws IOException {
        NabLabels labels = write("{\"realKnownCause/nyc_taxi.csv\": [], \"realTraffic/nyc_taxi.csv\": [],"
                + " \"realKnownCause/ec2_x.csv\": []}");
        assertThatThrownBy(() -> labels.windows("nyc_taxi.csv"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'nyc_taxi.csv' is ambiguous")
                .hasMessageContaining("realKnownCause/nyc_taxi.csv, realTraffic/nyc_taxi.csv");
        assertThat(labels.windows("realTraffic/nyc_taxi.csv")).isEmpty();
        assertThatThrownBy(() -> labels.windows("nyc_cab.csv"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no label windows for 'nyc_cab.csv'")
                .hasMessageContaining("known keys include: realKnownCause/nyc_taxi.csv")
                .hasMessageContaining("(3 keys in all)");
        // a suffix must start at a '/' boundary
        assertThatThrownBy(() -> labels.windows("taxi.csv")).hasMessageContaining("no label windows");
    }

    @Test
    void malformedFilesAreErrorsNamingKeyAndEntry() throws IOException {
        assertThatThrownBy(() -> write("{\"k/a.csv\": [[\"2020-01-01 00:00:00\"]]}"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("key 'k/a.csv', window 0")
                .hasMessageContaining("[start, end]");
        assertThatThrownBy(() -> write("{\"k/a.csv\": [[\"2020-01-01 00:00:00\", \"soon\"]]}"))
                .hasMessageContaining("key 'k/a.csv', entry 0")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> write("{\"k/a.csv\": [[\"2020-01-02 00:00:00\", \"2020-01-01 00:00:00\"]]}"))
                .hasMessageContaining("is before start");
        assertThatThrownBy(() -> write("[1, 2]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> write("{\"k\": [")).hasMessageContaining("not valid JSON");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> NabLabels.read(missing)).hasMessageContaining(missing.toString());
    }

    @Test
    void withLabelsChecksTheLength() {
        SensorSeries s = hourly("2020-01-01T00:00", 3);
        assertThatThrownBy(() -> s.withLabels(new boolean[2]))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("hourly.csv")
                .hasMessageContaining("3 rows but 2 labels");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, windows, labelled rows
        "machine_temperature_system_failure.csv, 4, 2268",
        "ambient_temperature_system_failure.csv, 2, 726",
        "nyc_taxi.csv, 5, 1035",
        "ec2_request_latency_system_failure.csv, 3, 346",
    })
    void realNabWindowsLabelTheRealFiles(String file, int windows, int labelled) {
        NabLabels labels = NabLabels.read(TestData.nab("combined_windows.json"));
        assertThat(labels.keys()).hasSize(58);
        List<NabLabels.Window> w = labels.windows(file);
        assertThat(w).hasSize(windows);
        SensorSeries s = SensorCsvReader.read(TestData.nab(file));
        boolean[] p = labels.pointLabels(s, file);
        int n = 0;
        for (boolean b : p) {
            if (b) {
                n++;
            }
        }
        assertThat(n).isEqualTo(labelled);
        // every anomaly instant of combined_labels.json lies inside one of the windows
        Map<String, long[]> points = NabLabels.readAnomalyTimes(TestData.nab("combined_labels.json"));
        long[] anomalies = points.get(labels.resolve(file));
        assertThat(anomalies).hasSize(windows);
        for (long a : anomalies) {
            assertThat(w).anyMatch(win -> win.contains(a));
        }
    }

    @Test
    void realWindowsOfOneFileLieOutsideAnother() {
        NabLabels labels = NabLabels.read(TestData.nab("combined_windows.json"));
        SensorSeries machine = SensorCsvReader.read(TestData.nab("machine_temperature_system_failure.csv"));
        assertThatThrownBy(() -> labels.pointLabels(machine, "nyc_taxi.csv"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("label window 2014-10-30 15:30 .. 2014-11-03 22:30 for "
                        + "realKnownCause/nyc_taxi.csv lies outside ")
                .hasMessageEndingWith(
                        "machine_temperature_system_failure.csv " + "(2013-12-02 21:15 .. 2014-02-19 15:25)");
    }
}
