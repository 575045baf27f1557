package dev.lstmforge.plugins.sensor.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorCsvReaderTest {

    @TempDir
    Path dir;

    private static SensorSeries parse(String text) {
        return SensorCsvReader.read(new StringReader(text), "test.csv");
    }

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void readsNabStyleCommaFile() {
        SensorSeries s = parse("timestamp,value\n2014-07-01 00:00:00,10844\n"
                + "2014-07-01 00:30:00,8127\n2014-07-01 01:00:00,6210\n");
        assertThat(s.source()).isEqualTo("test.csv");
        assertThat(s.columns()).containsExactly("value");
        assertThat(s.rows()).isEqualTo(3);
        assertThat(s.epochMillis())
                .containsExactly(
                        millis("2014-07-01T00:00:00"), millis("2014-07-01T00:30:00"), millis("2014-07-01T01:00:00"));
        assertThat(s.timestamp(1)).isEqualTo(LocalDateTime.of(2014, 7, 1, 0, 30));
        assertThat(s.values()[2]).containsExactly(6210.0);
        assertThat(s.hasLabels()).isFalse();
        assertThat(s.labels()).containsExactly(false, false, false);
        assertThat(s.hasChangepoints()).isFalse();
        assertThat(s.repairs()).isEmpty();
    }

    @Test
    void readsSkabStyleSemicolonCrlfFileWithLabelsAndChangepoints() {
        String text = "datetime;Accelerometer1RMS;Volume Flow RateRMS;anomaly;changepoint\r\n"
                + "2020-03-09 10:14:33;0.0265878;32.0;0.0;0.0\r\n"
                + "2020-03-09 10:14:34;0.0261697;32.0;1.0;1.0\r\n"
                + "2020-03-09 10:14:35;0.0262000;31.0;1.0;0.0\r\n";
        SensorSeries s = parse(text);
        assertThat(s.columns()).containsExactly("Accelerometer1RMS", "Volume Flow RateRMS");
        assertThat(s.hasLabels()).isTrue();
        assertThat(s.labels()).containsExactly(false, true, true);
        assertThat(s.hasChangepoints()).isTrue();
        assertThat(s.changepoints()).containsExactly(false, true, false);
        assertThat(s.value(0, 0)).isEqualTo(0.0265878);
        assertThat(s.value(2, 1)).isEqualTo(31.0);
        assertThat(s.repairs()).isEmpty();
    }

    @Test
    void detectsTimeColumnCaseInsensitivelyAndLabelColumnNamedLabel() {
        SensorSeries s = parse("Value,TIME,Label\n1,2020-01-01 00:00,0\n2,2020-01-01 00:01,1\n");
        assertThat(s.columns()).containsExactly("Value");
        assertThat(s.labels()).containsExactly(false, true);
        assertThat(s.epochMillis(1) - s.epochMillis(0)).isEqualTo(60_000L);
    }

    @Test
    void acceptsFractionalSecondsTSeparatorBomQuotesAndMissingFinalNewline() {
        SensorSeries s =
                parse("\uFEFF\"date\",\"x\"\n\"2020-01-01T00:00:00.250\",1.5\n" + "2020-01-01 00:00:01.5Z,2.5");
        assertThat(s.epochMillis(0)).isEqualTo(millis("2020-01-01T00:00:00.250"));
        assertThat(s.epochMillis(1)).isEqualTo(millis("2020-01-01T00:00:01.500"));
        assertThat(s.column(0)).containsExactly(1.5, 2.5);
    }

    @Test
    void dateOnlyTimestampsAreMidnight() {
        SensorSeries s = parse("Date,Close\n2013-01-02,19.6\n2013-01-03,19.4\n");
        assertThat(s.timestamp(0)).isEqualTo(LocalDateTime.of(2013, 1, 2, 0, 0));
    }

    @Test
    void skipsBlankLinesWithANote() {
        SensorSeries s = parse("timestamp,value\n2020-01-01 00:00:00,1\n\n" + "2020-01-01 00:01:00,2\n\n\n");
        assertThat(s.rows()).isEqualTo(2);
        // one between the rows, two at the end
        assertThat(s.repairs()).containsExactly("skipped 3 blank line(s)");
    }

    @Test
    void interpolatesEmptyAndNanCellsLinearlyInTime() {
        // minutes 0, 1, 5, 7, 8; a known at 1 (2), 7 (6), 8 (7); b known at 0 (10) and 7 (30)
        String text = "timestamp,a,b\n"
                + "2020-01-01 00:00:00,,10\n"
                + "2020-01-01 00:01:00,2,NaN\n"
                + "2020-01-01 00:05:00,nan,\n"
                + "2020-01-01 00:07:00,6,30\n"
                + "2020-01-01 00:08:00,7,\n";
        SensorSeries s = parse(text);
        double[] a = s.column(0);
        double[] b = s.column(1);
        assertThat(a).containsExactly(new double[] {2, 2, 2 + 4.0 * 4 / 6, 6, 7}, within(1e-12));
        assertThat(b).containsExactly(new double[] {10, 10 + 20.0 / 7, 10 + 20.0 * 5 / 7, 30, 30}, within(1e-12));
        assertThat(s.repairs()).hasSize(2);
        assertThat(s.repairs().get(0)).contains("column 'a'", "2 empty/NaN cell(s)", "line 2");
        assertThat(s.repairs().get(1)).contains("column 'b'", "3 empty/NaN cell(s)", "line 3");
    }

    @Test
    void nonNumericCellInNumericColumnIsAnErrorNamingLineColumnAndValue() {
        assertThatThrownBy(() -> parse("timestamp,value\n2020-01-01 00:00:00,1\n"
                        + "2020-01-01 00:01:00,2\n2020-01-01 00:02:00,abc\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 4, column value: 'abc' is not a number (the column is numeric elsewhere; "
                        + "1 such cell(s) in it)");
    }

    @Test
    void infiniteValueIsRejected() {
        assertThatThrownBy(() -> parse("timestamp,value\n2020-01-01 00:00:00,1\n" + "2020-01-01 00:01:00,1e999\n"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("test.csv line 3, column value: '1e999' is not a finite number");
    }

    @Test
    void unparsableTimestampIsAnErrorNamingLineAndValue() {
        assertThatThrownBy(() -> parse("timestamp,value\n2020-01-01 00:00:00,1\n" + "01/02/2020 00:01,2\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv line 3")
                .hasMessageContaining("'01/02/2020 00:01'");
        assertThatThrownBy(() -> parse("timestamp,value\n2020-02-30 00:00:00,1\n" + "2020-03-01 00:00:00,2\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("2020-02-30");
    }

    @Test
    void textColumnIsDroppedWithANote() {
        SensorSeries s = parse("timestamp,host,value\n2020-01-01 00:00:00,a1,1\n" + "2020-01-01 00:01:00,b2,2\n");
        assertThat(s.columns()).containsExactly("value");
        assertThat(s.repairs()).singleElement().asString().contains("column 'host' dropped", "'a1'");
    }

    @Test
    void noNumericColumnIsAnErrorListingTheColumns() {
        assertThatThrownBy(() -> parse("timestamp,host\n2020-01-01 00:00:00,a\n" + "2020-01-01 00:01:00,b\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv has no numeric sensor columns; columns are: timestamp, host");
        assertThatThrownBy(() -> parse("timestamp,anomaly\n2020-01-01 00:00:00,0\n" + "2020-01-01 00:01:00,1\n"))
                .hasMessageContaining("no numeric sensor columns; columns are: timestamp, anomaly");
    }

    @Test
    void missingTimeColumnIsAnError() {
        assertThatThrownBy(() -> parse("when,value\n2020-01-01,1\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no time column")
                .hasMessageContaining("columns are: when, value");
    }

    @Test
    void outOfOrderRowsAreSortedWithANote() {
        SensorSeries s = parse("timestamp,value\n"
                + "2020-01-01 00:00:00,0\n"
                + "2020-01-01 00:02:00,2\n"
                + "2020-01-01 00:01:00,1\n"
                + "2020-01-01 00:03:00,3\n");
        assertThat(s.column(0)).containsExactly(0, 1, 2, 3);
        assertThat(s.repairs())
                .singleElement()
                .asString()
                .contains(
                        "1 step(s) back",
                        "line 4",
                        "2020-01-01 00:01:00",
                        "after 2020-01-01 00:02:00 at line 3",
                        "sorted");
    }

    @Test
    void duplicateTimestampsKeepTheFirstRowWithANote() {
        SensorSeries s = parse("timestamp,value\n"
                + "2014-03-09 01:56:00,1\n"
                + "2014-03-09 03:00:00,2\n"
                + "2014-03-09 03:00:00,3\n"
                + "2014-03-09 03:00:00,4\n"
                + "2014-03-09 03:01:00,5\n");
        assertThat(s.column(0)).containsExactly(1, 2, 5);
        assertThat(s.repairs())
                .singleElement()
                .asString()
                .contains("dropped 2 row(s)", "1 timestamp(s)", "2014-03-09 03:00:00 x3", "lines 3, 4, 5");
    }

    @Test
    void stepBackIntoSeenTimestampsIsSortedThenDeduplicatedKeepingFileOrder() {
        // like machine_temperature: an hour is replayed after 02:55
        SensorSeries s = parse("timestamp,value\n"
                + "2014-01-07 02:00:00,10\n"
                + "2014-01-07 02:05:00,11\n"
                + "2014-01-07 02:00:00,20\n"
                + "2014-01-07 02:05:00,21\n"
                + "2014-01-07 02:10:00,22\n");
        assertThat(s.column(0)).containsExactly(10, 11, 22);
        assertThat(s.repairs()).hasSize(2);
        assertThat(s.repairs().get(0)).contains("1 step(s) back", "line 4");
        assertThat(s.repairs().get(1)).contains("dropped 2 row(s)", "2 timestamp(s)");
    }

    @Test
    void labelsOfDroppedDuplicatesFollowTheKeptRow() {
        SensorSeries s = parse("timestamp,value,anomaly\n2020-01-01 00:00:00,1,0\n"
                + "2020-01-01 00:00:00,2,1\n2020-01-01 00:01:00,3,1\n");
        assertThat(s.labels()).containsExactly(false, true);
    }

    @Test
    void fewerThanTwoRowsIsAnError() {
        assertThatThrownBy(() -> parse("timestamp,value\n2020-01-01 00:00:00,1\n"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("1 data row(s)")
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> parse("timestamp,value\n2020-01-01 00:00:00,1\n" + "2020-01-01 00:00:00,2\n"))
                .hasMessageContaining("1 data row(s) with distinct timestamps");
        assertThatThrownBy(() -> parse("timestamp,value\n")).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("test.csv: the file is empty");
    }

    @Test
    void wrongCellCountIsAnErrorButATrailingDelimiterIsFine() {
        assertThatThrownBy(() -> parse("timestamp,a,b\n2020-01-01 00:00:00,1\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 2: 2 fields but the header (line 1) has 3 columns, separated by ',' "
                        + "(comma): '2020-01-01 00:00:00,1'");
        SensorSeries s = parse("timestamp;a;\n2020-01-01 00:00:00;1;\n2020-01-01 00:00:01;2;\n");
        assertThat(s.columns()).containsExactly("a");
    }

    @Test
    void badLabelValueIsAnError() {
        assertThatThrownBy(
                        () -> parse("timestamp,value,anomaly\n2020-01-01 00:00:00,1,0\n" + "2020-01-01 00:01:00,1,2\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 3, column anomaly: label value '2' is not 0 or 1");
    }

    @Test
    void readsFromPathAndNamesMissingFiles() throws IOException {
        Path f = dir.resolve("tiny.csv");
        Files.writeString(
                f, "timestamp,value\r\n2020-01-01 00:00:00,1\r\n2020-01-01 00:00:05,2", StandardCharsets.UTF_8);
        SensorSeries s = SensorCsvReader.read(f);
        assertThat(s.source()).isEqualTo("tiny.csv");
        assertThat(s.rows()).isEqualTo(2);
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> SensorCsvReader.read(missing))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void badInputIsInTheOneErrorFamilyAndNamesNoJavaClass() throws IOException {
        Path f = dir.resolve("latin1.csv");
        byte[] head = "timestamp,temp\n2020-01-01 00:00:00,1\n2020-01-01 00:00:05,".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xE9; // 'e' with an accent in Latin-1: not UTF-8
        bytes[head.length + 1] = '\n';
        Files.write(f, bytes);
        assertThatThrownBy(() -> SensorCsvReader.read(f))
                .isInstanceOf(DataException.class)
                .isInstanceOf(LstmForgeException.class)
                .isNotInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("latin1.csv: not valid UTF-8 at byte ")
                .hasMessageContaining("line 3")
                .hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> parse("timestamp;value\n2020-01-01 00:00:00,1\n"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("line 2");
    }
}
