package dev.lstmforge.plugins.stock.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCsvReaderTest {

    private static final String HEADER = "Date,Open,High,Low,Close,Adj Close,Volume\n";

    private static PriceSeries read(String csv) {
        return PriceCsvReader.read(new StringReader(csv), "test.csv");
    }

    /** The real AAPL file under {@code -Dlstmforge.dataRoot}, or a skipped test. */
    static Path aaplFile() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        Path file = Path.of(root, "stock", "AAPL.csv");
        assumeTrue(Files.isRegularFile(file), "missing " + file);
        return file;
    }

    @Test
    void readsAllStandardColumns() {
        PriceSeries s = read(HEADER + "2020-01-02,1,2,0.5,1.5,1.4,100\n" + "2020-01-03,1.5,2.5,1,2,1.9,200\n");

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.source()).isEqualTo("test.csv");
        assertThat(s.dates()).containsExactly(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3));
        assertThat(s.columnNames()).containsExactly("Open", "High", "Low", "Close", "Adj Close", "Volume");
        assertThat(s.column("Close")).containsExactly(1.5, 2.0);
        assertThat(s.column("Adj Close")).containsExactly(1.4, 1.9);
        assertThat(s.column("Volume")).containsExactly(100.0, 200.0);
        assertThat(s.repairs()).isEmpty();
        assertThat(s.repairWarnings()).isEmpty();
    }

    @Test
    void columnLookupIsCaseInsensitiveAndUnknownColumnListsAvailableOnes() {
        PriceSeries s = read(HEADER + "2020-01-02,1,2,0.5,1.5,1.4,100\n");

        assertThat(s.column("close")).containsExactly(1.5);
        assertThat(s.column("ADJ CLOSE")).containsExactly(1.4);
        assertThat(s.column("adj_close")).containsExactly(1.4);
        assertThat(s.hasColumn("volume")).isTrue();
        assertThatThrownBy(() -> s.column("Price"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("'Price'")
                .hasMessageContaining("Open, High, Low, Close, Adj Close, Volume");
    }

    @Test
    void missingRequiredColumnNamesFileColumnAndColumnsFound() {
        assertThatThrownBy(() -> read("Date,Open,Volume\n2020-01-02,1,100\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("column 'Close' not found in test.csv; columns are: Date, Open, Volume");
    }

    @Test
    void missingDateColumnIsReported() {
        assertThatThrownBy(() -> read("Day,Close\n2020-01-02,1\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("column 'Date' not found in test.csv; columns are: Day, Close");
    }

    @Test
    void customRequiredColumnsAreChecked() {
        String csv = "Date,Close\n2020-01-02,1\n";
        assertThatThrownBy(() -> PriceCsvReader.read(new StringReader(csv), "x.csv", List.of("Close", "Volume")))
                .isInstanceOf(DataException.class)
                .hasMessage("column 'Volume' not found in x.csv; columns are: Date, Close");
    }

    @Test
    void nonNumericCellNamesLineColumnAndValue() {
        String csv = HEADER + "2020-01-02,1,2,0.5,1.5,1.4,100\n" + "2020-01-03,1,2,0.5,abc,1.4,100\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 3, column Close: 'abc' is not a number");
    }

    @Test
    void javaLiteralSuffixesAndInfinityAreRejected() {
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,12d\n"))
                .hasMessage("test.csv line 2, column Close: '12d' is not a number");
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,Infinity\n"))
                .hasMessage("test.csv line 2, column Close: 'Infinity' is not a number");
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,1e400\n"))
                .hasMessage("test.csv line 2, column Close: '1e400' is not a finite number");
    }

    @Test
    void outOfOrderDatesNameLineAndBothDates() {
        String csv = "Date,Close\n2020-01-03,1\n2020-01-06,2\n2020-01-02,3\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 4: date 2020-01-02 is earlier than the previous row's date 2020-01-06 "
                        + "(line 3); rows must be sorted by date, oldest first");
    }

    @Test
    void duplicateDateNamesLineAndDate() {
        String csv = "Date,Close\n2020-01-03,1\n2020-01-03,2\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test.csv line 3: duplicate date 2020-01-03 (line 2 has the same date)");
    }

    @Test
    void badDateNamesLineColumnAndValue() {
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,1\n03/01/2020,2\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 3, column Date: '03/01/2020' is not a date (yyyy-MM-dd)");
    }

    @Test
    void emptyFileAndBlankFileAreErrors() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("test.csv: the file is empty");
        assertThatThrownBy(() -> read("\n  \r\n"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("test.csv: the file is empty");
    }

    @Test
    void headerOnlyIsAnError() {
        assertThatThrownBy(() -> read("Date,Close\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv: no data rows after the header (line 1)");
        assertThatThrownBy(() -> read("Date,Close")).hasMessage("test.csv: no data rows after the header (line 1)");
    }

    @Test
    void wrongFieldCountNamesLine() {
        assertThatThrownBy(() -> read("Date,Close,Volume\n2020-01-02,1,5\n2020-01-03,2\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv line 3: 2 fields but the header (line 1) has 3 columns, separated by ',' "
                        + "(comma): '2020-01-03,2'");
    }

    @Test
    void semicolonFilesAreReadAndAMixedFileGetsASeparatorHint() {
        PriceSeries s = read("Date;Close;Volume\n2020-01-02;1.5;100\n");
        assertThat(s.column("Close")).containsExactly(1.5);
        assertThatThrownBy(() -> read("Date,Close,Volume\n2020-01-02,1,5\n2020-01-03;2;6\n"))
                .hasMessageEndingWith("the line looks ';' (semicolon)-separated while the header is read as ',' "
                        + "(comma)-separated");
    }

    @Test
    void nullBetweenTenAndTwentyBecomesFifteen() {
        PriceSeries s = read("Date,Close\n2020-01-02,10\n2020-01-03,null\n2020-01-06,20\n");

        assertThat(s.column("Close")).containsExactly(10.0, 15.0, 20.0);
        PriceSeries.Repair r = s.repairs().get(0);
        assertThat(s.repairs()).hasSize(1);
        assertThat(r.note("test.csv"))
                .isEqualTo("test.csv line 3 (2020-01-03), column Close: missing value filled "
                        + "with 15.0, the mean of 10.0 (line 2) and 20.0 (line 4)");
    }

    @Test
    void gapsAtTheEdgesTakeTheOnlyNeighbour() {
        PriceSeries s = read("Date,Close,Volume\n"
                + "2020-01-02,null,100\n"
                + "2020-01-03,10,200\n"
                + "2020-01-06,20,\n"
                + "2020-01-07,30,NaN\n");

        assertThat(s.column("Close")).containsExactly(10.0, 10.0, 20.0, 30.0);
        assertThat(s.column("Volume")).containsExactly(100.0, 200.0, 200.0, 200.0);
        assertThat(s.repairs())
                .extracting(PriceSeries.Repair::line, PriceSeries.Repair::column, PriceSeries.Repair::how)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "Close", "the next value (line 3)"),
                        org.assertj.core.groups.Tuple.tuple(4, "Volume", "the previous value (line 3)"),
                        org.assertj.core.groups.Tuple.tuple(5, "Volume", "the previous value (line 3)"));
        assertThat(s.repairWarnings())
                .containsExactly(
                        "test.csv, column Close: 1 missing cell filled from the neighbours (mean of the nearest values before "
                                + "and after; the nearest value at the ends): line 2 (2020-01-02)",
                        "test.csv, column Volume: 2 missing cells filled from the neighbours (mean of the nearest values "
                                + "before and after; the nearest value at the ends): lines 4 (2020-01-06), 5 (2020-01-07)");
    }

    @Test
    void runOfGapsUsesNearestValidValuesOnBothSides() {
        PriceSeries s = read("Date,Close\n2020-01-02,10\n2020-01-03,null\n2020-01-06,N/A\n2020-01-07,40\n");

        assertThat(s.column("Close")).containsExactly(10.0, 25.0, 25.0, 40.0);
        assertThat(s.repairs()).hasSize(2);
    }

    @Test
    void repairWarningsListTheFirstFivePlacesAndCountTheRest() {
        StringBuilder csv = new StringBuilder("Date,Close\n2020-01-01,1\n");
        for (int day = 2; day <= 8; day++) {
            csv.append("2020-01-0")
                    .append(day)
                    .append(day % 2 == 0 ? ",-" : ",2")
                    .append('\n');
        }
        // missing on Jan 2, 4, 6, 8 (lines 3, 5, 7, 9); 2020-01-09 also missing at line 10
        csv.append("2020-01-09,null\n2020-01-10,NA\n2020-01-13,3\n");
        PriceSeries s = read(csv.toString());
        assertThat(s.repairs()).hasSize(6);
        assertThat(s.repairWarnings())
                .containsExactly("test.csv, column Close: 6 missing cells filled from the "
                        + "neighbours (mean of the nearest values before and after; the nearest value at the ends): lines "
                        + "3 (2020-01-02), 5 (2020-01-04), 7 (2020-01-06), 9 (2020-01-08), 10 (2020-01-09) and 1 more");
    }

    @Test
    void columnWithoutAnyValidValueIsAnError() {
        assertThatThrownBy(() -> read("Date,Close,Volume\n2020-01-02,1,null\n2020-01-03,2,null\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("test.csv: column Volume has no valid value in any of its 2 rows (lines 2-3)");
    }

    @Test
    void toleratesBomCrlfWhitespaceQuotesAndMissingFinalNewline() {
        String csv = "\uFEFF Date , \"Close\" ,Volume\r\n"
                + "2020-01-02 , 1.5 ,100\r\n"
                + "\r\n"
                + "\"2020-01-03\",2.5, 200 ";
        PriceSeries s = read(csv);

        assertThat(s.dates()).containsExactly(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3));
        assertThat(s.column("Close")).containsExactly(1.5, 2.5);
        assertThat(s.column("Volume")).containsExactly(100.0, 200.0);
    }

    @Test
    void blankLinesKeepLineNumbersTrue() {
        assertThatThrownBy(() -> read("Date,Close\n\n2020-01-02,1\n\n2020-01-03,x\n"))
                .hasMessage("test.csv line 5, column Close: 'x' is not a number");
    }

    @Test
    void extraNonStandardColumnsAreIgnoredUnlessRequired() {
        String csv = "Date,Symbol,Close,Score\n2020-01-02,AAPL,1,7\n";
        PriceSeries s = read(csv);
        assertThat(s.columnNames()).containsExactly("Close");

        PriceSeries withScore = PriceCsvReader.read(new StringReader(csv), "x.csv", List.of("Close", "Score"));
        assertThat(withScore.column("score")).containsExactly(7.0);
    }

    @Test
    void readPathUsesFileNameAsSourceAndReportsMissingFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("MSFT.csv");
        Files.writeString(f, "Date,Close\n2020-01-02,1\n2020-01-03,oops\n");
        assertThatThrownBy(() -> PriceCsvReader.read(f))
                .hasMessageStartingWith("MSFT.csv line 3, column Close: 'oops'");
        assertThatThrownBy(() -> PriceCsvReader.read(dir.resolve("NOPE.csv")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("NOPE.csv: file not found");
        Path latin1 = dir.resolve("EUR.csv");
        Files.write(latin1, "Date,Close\n2020-01-02,1\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PriceCsvReader.read(latin1))
                .isInstanceOf(DataException.class)
                .hasMessage("EUR.csv: not valid UTF-8 at byte 30 (line 3); save the file as UTF-8");
    }

    @Test
    void readsTheRealAaplFile() {
        PriceSeries s = PriceCsvReader.read(aaplFile());

        assertThat(s.size()).isEqualTo(3322);
        assertThat(s.source()).isEqualTo("AAPL.csv");
        assertThat(s.dates().get(0)).isEqualTo(LocalDate.of(2010, 1, 4));
        assertThat(s.dates().get(s.size() - 1)).isEqualTo(LocalDate.of(2023, 3, 15));
        assertThat(s.columnNames()).containsExactly("Open", "High", "Low", "Close", "Adj Close", "Volume");
        assertThat(s.repairWarnings()).isEmpty();
        int i = s.dates().indexOf(LocalDate.of(2013, 1, 2));
        assertThat(s.column("Close")[i]).isCloseTo(19.6, within(0.05));
        assertThat(s.between(LocalDate.of(2013, 1, 1), LocalDate.of(2023, 1, 1)).size())
                .isEqualTo(2518);
    }

    @Test
    void classpathResourceMatchesTheDataFile() throws IOException {
        try (InputStream in = PriceCsvReaderTest.class.getResourceAsStream("/dev/lstmforge/plugins/stock/AAPL.csv")) {
            assumeTrue(in != null, "AAPL.csv resource not on the classpath");
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                PriceSeries s = PriceCsvReader.read(r, "AAPL.csv");
                assertThat(s.size()).isEqualTo(3322);
                assertThat(s.dates().get(0)).isEqualTo(LocalDate.of(2010, 1, 4));
            }
        }
    }
}
