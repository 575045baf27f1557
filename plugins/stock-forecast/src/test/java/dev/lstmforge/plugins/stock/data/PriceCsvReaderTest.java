package dev.lstmforge.plugins.stock.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        PriceSeries s = read(HEADER
                + "2020-01-02,1,2,0.5,1.5,1.4,100\n"
                + "2020-01-03,1.5,2.5,1,2,1.9,200\n");

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.source()).isEqualTo("test.csv");
        assertThat(s.dates()).containsExactly(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3));
        assertThat(s.columnNames()).containsExactly("Open", "High", "Low", "Close", "Adj Close", "Volume");
        assertThat(s.column("Close")).containsExactly(1.5, 2.0);
        assertThat(s.column("Adj Close")).containsExactly(1.4, 1.9);
        assertThat(s.column("Volume")).containsExactly(100.0, 200.0);
        assertThat(s.repairs()).isEmpty();
    }

    @Test
    void columnLookupIsCaseInsensitiveAndUnknownColumnListsAvailableOnes() {
        PriceSeries s = read(HEADER + "2020-01-02,1,2,0.5,1.5,1.4,100\n");

        assertThat(s.column("close")).containsExactly(1.5);
        assertThat(s.column("ADJ CLOSE")).containsExactly(1.4);
        assertThat(s.column("adj_close")).containsExactly(1.4);
        assertThat(s.hasColumn("volume")).isTrue();
        assertThatThrownBy(() -> s.column("Price"))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("'Price'")
                .hasMessageContaining("Open, High, Low, Close, Adj Close, Volume");
    }

    @Test
    void missingRequiredColumnNamesFileColumnAndColumnsFound() {
        assertThatThrownBy(() -> read("Date,Open,Volume\n2020-01-02,1,100\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("test.csv")
                .hasMessageContaining("'Close'")
                .hasMessageContaining("line 1")
                .hasMessageContaining("columns found: Date, Open, Volume");
    }

    @Test
    void missingDateColumnIsReported() {
        assertThatThrownBy(() -> read("Day,Close\n2020-01-02,1\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("'Date'")
                .hasMessageContaining("columns found: Day, Close");
    }

    @Test
    void customRequiredColumnsAreChecked() {
        String csv = "Date,Close\n2020-01-02,1\n";
        assertThatThrownBy(() -> PriceCsvReader.read(new StringReader(csv), "x.csv", List.of("Close", "Volume")))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("x.csv: required column 'Volume' is missing");
    }

    @Test
    void nonNumericCellNamesLineColumnAndValue() {
        String csv = HEADER
                + "2020-01-02,1,2,0.5,1.5,1.4,100\n"
                + "2020-01-03,1,2,0.5,abc,1.4,100\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(StockDataException.class)
                .hasMessage("test.csv line 3, column Close: 'abc' is not a number");
    }

    @Test
    void javaLiteralSuffixesAndInfinityAreRejected() {
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,12d\n"))
                .hasMessage("test.csv line 2, column Close: '12d' is not a number");
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,Infinity\n"))
                .hasMessage("test.csv line 2, column Close: 'Infinity' is not a finite number");
    }

    @Test
    void outOfOrderDatesNameLineAndBothDates() {
        String csv = "Date,Close\n2020-01-03,1\n2020-01-06,2\n2020-01-02,3\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("test.csv line 4")
                .hasMessageContaining("2020-01-02")
                .hasMessageContaining("2020-01-06")
                .hasMessageContaining("line 3");
    }

    @Test
    void duplicateDateNamesLineAndDate() {
        String csv = "Date,Close\n2020-01-03,1\n2020-01-03,2\n";
        assertThatThrownBy(() -> read(csv))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("test.csv line 3: duplicate date 2020-01-03 (line 2 has the same date)");
    }

    @Test
    void badDateNamesLineColumnAndValue() {
        assertThatThrownBy(() -> read("Date,Close\n2020-01-02,1\n03/01/2020,2\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessageStartingWith("test.csv line 3, column Date: '03/01/2020' is not an ISO date");
    }

    @Test
    void emptyFileAndBlankFileAreErrors() {
        assertThatThrownBy(() -> read(""))
                .isInstanceOf(StockDataException.class)
                .hasMessageStartingWith("test.csv: the file is empty");
        assertThatThrownBy(() -> read("\n  \r\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessageStartingWith("test.csv: the file is empty");
    }

    @Test
    void headerOnlyIsAnError() {
        assertThatThrownBy(() -> read("Date,Close\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessage("test.csv: no data rows after the header (line 1)");
        assertThatThrownBy(() -> read("Date,Close"))
                .hasMessage("test.csv: no data rows after the header (line 1)");
    }

    @Test
    void wrongFieldCountNamesLine() {
        assertThatThrownBy(() -> read("Date,Close,Volume\n2020-01-02,1,5\n2020-01-03,2\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessageStartingWith("test.csv line 3: expected 3 comma-separated fields")
                .hasMessageContaining("found 2");
    }

    @Test
    void nullBetweenTenAndTwentyBecomesFifteen() {
        PriceSeries s = read("Date,Close\n2020-01-02,10\n2020-01-03,null\n2020-01-06,20\n");

        assertThat(s.column("Close")).containsExactly(10.0, 15.0, 20.0);
        assertThat(s.repairs()).singleElement().asString()
                .contains("test.csv line 3 (2020-01-03), column Close")
                .contains("15.0")
                .contains("10.0 (line 2)")
                .contains("20.0 (line 4)");
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
        assertThat(s.repairs()).hasSize(3);
        assertThat(s.repairs().get(0)).contains("line 2").contains("Close").contains("next value (line 3)");
        assertThat(s.repairs().get(1)).contains("line 4").contains("Volume").contains("previous value (line 3)");
        assertThat(s.repairs().get(2)).contains("line 5").contains("Volume");
    }

    @Test
    void runOfGapsUsesNearestValidValuesOnBothSides() {
        PriceSeries s = read("Date,Close\n2020-01-02,10\n2020-01-03,null\n2020-01-06,N/A\n2020-01-07,40\n");

        assertThat(s.column("Close")).containsExactly(10.0, 25.0, 25.0, 40.0);
        assertThat(s.repairs()).hasSize(2);
    }

    @Test
    void columnWithoutAnyValidValueIsAnError() {
        assertThatThrownBy(() -> read("Date,Close,Volume\n2020-01-02,1,null\n2020-01-03,2,null\n"))
                .isInstanceOf(StockDataException.class)
                .hasMessageContaining("test.csv: column Volume has no valid value")
                .hasMessageContaining("lines 2-3");
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
                .isInstanceOf(StockDataException.class)
                .hasMessageStartingWith("NOPE.csv: file not found");
    }

    @Test
    void readsTheRealAaplFile() {
        PriceSeries s = PriceCsvReader.read(aaplFile());

        assertThat(s.size()).isEqualTo(3322);
        assertThat(s.source()).isEqualTo("AAPL.csv");
        assertThat(s.dates().get(0)).isEqualTo(LocalDate.of(2010, 1, 4));
        assertThat(s.dates().get(s.size() - 1)).isEqualTo(LocalDate.of(2023, 3, 15));
        assertThat(s.columnNames()).containsExactly("Open", "High", "Low", "Close", "Adj Close", "Volume");
        assertThat(s.repairs()).isEmpty();
        int i = s.dates().indexOf(LocalDate.of(2013, 1, 2));
        assertThat(s.column("Close")[i]).isCloseTo(19.6, within(0.05));
        assertThat(s.between(LocalDate.of(2013, 1, 1), LocalDate.of(2023, 1, 1)).size()).isEqualTo(2518);
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
