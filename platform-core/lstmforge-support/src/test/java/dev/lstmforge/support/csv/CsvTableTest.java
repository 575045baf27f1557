package dev.lstmforge.support.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    private static CsvTable csv(String text) {
        return CsvTable.parse(text, "prices.csv", CsvFormat.DEFAULT);
    }

    @Test
    void readsHeaderRowsAndFileLinesAcrossBlankLinesAndLineEnds() {
        CsvTable t = csv("\uFEFF\r\nDate,Close\r\n2020-01-02,1.5\r\n\r\n  \n2020-01-03, 2.5 \r2020-01-06,3");
        assertThat(t.columns()).containsExactly("Date", "Close");
        assertThat(t.separator()).isEqualTo(',');
        assertThat(t.headerLine()).isEqualTo(2);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.line(0)).isEqualTo(3);
        assertThat(t.line(1)).isEqualTo(6);
        assertThat(t.line(2)).isEqualTo(7);
        assertThat(t.blankLines()).isEqualTo(3);
        assertThat(t.text(1, 1)).isEqualTo("2.5");
        assertThat(t.numbers(1)).containsExactly(1.5, 2.5, 3.0);
        assertThat(t.date(2, 0)).isEqualTo(LocalDate.of(2020, 1, 6));
    }

    @Test
    void detectsSemicolonAndTabFromTheHeader() {
        CsvTable semi = csv("datetime;Accelerometer1RMS;anomaly\n2020-03-09 10:14:33;0.027;0\n");
        assertThat(semi.separator()).isEqualTo(';');
        assertThat(semi.columns()).containsExactly("datetime", "Accelerometer1RMS", "anomaly");
        assertThat(semi.number(0, 1)).isEqualTo(0.027);

        CsvTable tab = csv("a\tb\n 1 \t2\n");
        assertThat(tab.separator()).isEqualTo('\t');
        assertThat(tab.numbers(0)).containsExactly(1.0);
        assertThat(tab.text(0, 1)).isEqualTo("2");
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineBreaks() {
        CsvTable t = csv("name,note,value\n\"Smith, J\",\"said \"\"hi\"\"\n twice\", \"7\" \nx,y,8\n");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.text(0, 0)).isEqualTo("Smith, J");
        assertThat(t.text(0, 1)).isEqualTo("said \"hi\"\n twice");
        assertThat(t.number(0, 2)).isEqualTo(7.0);
        assertThat(t.line(0)).isEqualTo(2);
        assertThat(t.line(1)).isEqualTo(4);
    }

    @Test
    void nullTokensAreMissingAndReadAsNaN() {
        CsvTable t = csv("v\n\nnull\nNaN\nnan\nNA\nN/A\n-\n \"\" \n4\n");
        // the blank line after the header is skipped, the quoted empty cell is a row
        assertThat(t.size()).isEqualTo(8);
        for (int r = 0; r < 7; r++) {
            assertThat(t.isMissing(r, 0)).as("row %d", r).isTrue();
            assertThat(t.number(r, 0)).isNaN();
        }
        assertThat(t.isMissing(7, 0)).isFalse();
        assertThat(t.number(7, 0)).isEqualTo(4.0);

        CsvTable strict = CsvTable.parse("v\nNA\n-\n", "x.csv", CsvFormat.DEFAULT.withNullTokens("NA"));
        assertThat(strict.number(0, 0)).isNaN();
        assertThatThrownBy(() -> strict.number(1, 0)).hasMessage("x.csv line 3, column v: '-' is not a number");
    }

    @Test
    void numberErrorsNameFileLineColumnAndValue() {
        CsvTable t = csv("Date,Close\n2020-01-02,1.5\n2020-01-03,12x\n2020-01-06,1d\n2020-01-07,Infinity\n"
                + "2020-01-08,1e999\n2020-01-09,0x10\n");
        assertThatThrownBy(() -> t.number(1, 1))
                .isInstanceOf(DataException.class)
                .hasMessage("prices.csv line 3, column Close: '12x' is not a number");
        assertThatThrownBy(() -> t.number(2, 1)).hasMessage("prices.csv line 4, column Close: '1d' is not a number");
        assertThatThrownBy(() -> t.number(3, 1)).hasMessageEndingWith("'Infinity' is not a number");
        assertThatThrownBy(() -> t.number(4, 1))
                .hasMessage("prices.csv line 6, column Close: '1e999' is not a finite number");
        assertThatThrownBy(() -> t.number(5, 1)).hasMessageEndingWith("'0x10' is not a number");
        assertThatThrownBy(() -> t.numbers(1)).hasMessage("prices.csv line 3, column Close: '12x' is not a number");
    }

    @Test
    void acceptsPlainDecimalForms() {
        assertThat(CsvTable.parseDecimal("-1.5e-3")).isEqualTo(-0.0015);
        assertThat(CsvTable.parseDecimal("+.5")).isEqualTo(0.5);
        assertThat(CsvTable.parseDecimal("3.")).isEqualTo(3.0);
        assertThat(CsvTable.parseDecimal("1E5")).isEqualTo(100000.0);
        assertThat(CsvTable.parseDecimal(".")).isNaN();
        assertThat(CsvTable.parseDecimal("1e")).isNaN();
        assertThat(CsvTable.parseDecimal("1 000")).isNaN();
    }

    @Test
    void decimalCommaGetsAHint() {
        CsvTable t = csv("Date;Close\n2020-01-02;12,5\n");
        assertThatThrownBy(() -> t.number(0, 1))
                .hasMessage("prices.csv line 2, column Close: '12,5' is not a number (write the decimal point as '.')");
    }

    @Test
    void dateErrors() {
        CsvTable t = csv("Date,Close\n2020-13-01,1\n,2\n02/01/2020,3\n");
        assertThatThrownBy(() -> t.date(0, 0))
                .hasMessage("prices.csv line 2, column Date: '2020-13-01' is not a date (yyyy-MM-dd)");
        assertThatThrownBy(() -> t.date(1, 0)).hasMessage("prices.csv line 3, column Date: the date is missing");
        assertThatThrownBy(() -> t.date(2, 0)).hasMessageContaining("'02/01/2020' is not a date");
    }

    @Test
    void isoDatesReadByDigitsAgreeWithTheJdkParser() {
        CsvTable t = csv("Date\n2020-02-29\n2021-02-29\n0001-01-01\n9999-12-31\n2020-1-015\n2020-00-10\n");
        assertThat(t.date(0, 0)).isEqualTo(LocalDate.parse("2020-02-29"));
        assertThatThrownBy(() -> t.date(1, 0)).hasMessageContaining("'2021-02-29' is not a date");
        assertThat(t.date(2, 0)).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(t.date(3, 0)).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThatThrownBy(() -> t.date(4, 0)).hasMessageContaining("'2020-1-015' is not a date");
        assertThatThrownBy(() -> t.date(5, 0)).hasMessageContaining("'2020-00-10' is not a date");
    }

    @Test
    void missingColumnsAreListedWithTheColumnsFound() {
        CsvTable t = csv("Date,Open,Adj Close\n2020-01-02,1,2\n");
        assertThat(t.column("adj_close")).isEqualTo(2);
        assertThat(t.column("ADJCLOSE")).isEqualTo(2);
        assertThat(t.indexOf("Volume")).isEqualTo(-1);
        assertThatThrownBy(() -> t.column("Close"))
                .isInstanceOf(DataException.class)
                .hasMessage("column 'Close' not found in prices.csv; columns are: Date, Open, Adj Close");
        assertThatThrownBy(() -> t.columns(List.of("Date", "Close", "Volume")))
                .hasMessage("columns 'Close', 'Volume' not found in prices.csv; columns are: Date, Open, Adj Close");
        assertThat(t.columns(List.of("open", "date"))).containsExactly(1, 0);
    }

    @Test
    void semicolonFileReadAsCommaGetsASeparatorHint() {
        CsvTable t = CsvTable.parse("Date;Close\n2020-01-02;1.5\n", "eu.csv", CsvFormat.DEFAULT.withSeparator(','));
        assertThat(t.columns()).containsExactly("Date;Close");
        assertThatThrownBy(() -> t.column("Close"))
                .hasMessage("column 'Close' not found in eu.csv; columns are: Date;Close (the header looks ';' "
                        + "(semicolon)-separated, but the file was read as ',' (comma)-separated)");
    }

    @Test
    void rowWithAnotherSeparatorThanTheHeaderGetsAHint() {
        assertThatThrownBy(() -> csv("Date,Open,Close\n2020-01-02,1,2\n2020-01-03;1;2\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("prices.csv line 3: 1 field but the header (line 1) has 3 columns, separated by ',' "
                        + "(comma): '2020-01-03;1;2'; the line looks ';' (semicolon)-separated while the header "
                        + "is read as ',' (comma)-separated");
        assertThatThrownBy(() -> csv("a,b\n1,2,3\n"))
                .hasMessage("prices.csv line 2: 3 fields but the header (line 1) has 2 columns, separated by ',' "
                        + "(comma): '1,2,3'");
    }

    @Test
    void trailingSeparatorsAreTolerated() {
        CsvTable t = csv("a,b,\n1,2,\n3,4\n5,6,,\n");
        assertThat(t.columns()).containsExactly("a", "b");
        assertThat(t.numbers(1)).containsExactly(2.0, 4.0, 6.0);
    }

    @Test
    void malformedTextIsAnErrorWithItsPlace() {
        assertThatThrownBy(() -> csv(""))
                .hasMessage("prices.csv: the file is empty; expected a header line with " + "the column names");
        assertThatThrownBy(() -> csv(" \n\n")).hasMessageStartingWith("prices.csv: the file is empty");
        assertThatThrownBy(() -> csv("a,b\n1,\"2\n3,4\n"))
                .hasMessage("prices.csv line 2, column 2: a quoted field is never closed (a '\"' is missing)");
        assertThatThrownBy(() -> csv("a,b\n1,\"2\"x\n"))
                .hasMessage("prices.csv line 2, column 2: unexpected text after the closing quote of \"2\"");
        assertThatThrownBy(() -> csv("a,A\n1,2\n"))
                .hasMessage("prices.csv line 1: column 'A' appears twice in the header (columns 1 and 2)");
        assertThatThrownBy(() -> csv("a,,b\n1,2,3\n"))
                .hasMessage("prices.csv line 1: column 2 of the header has no name");
        assertThat(csv("a,b\n").size()).isZero();
    }

    @Test
    void cellAndRowErrorsForCallerRules() {
        CsvTable t = csv("x,label\n1,0\n\n2,7\n");
        assertThat(t.error(1, 1, "label '7' is not 0 or 1"))
                .hasMessage("prices.csv line 4, column label: label '7' is not 0 or 1");
        assertThat(t.error(0, "duplicate date")).hasMessage("prices.csv line 2: duplicate date");
    }

    @Test
    void readsFilesAsStrictUtf8(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.csv");
        Files.write(ok, ("\uFEFFDate,Ticker\n2020-01-02,Zürich\n").getBytes(StandardCharsets.UTF_8));
        CsvTable t = CsvTable.read(ok);
        assertThat(t.source()).isEqualTo("ok.csv");
        assertThat(t.columns()).containsExactly("Date", "Ticker");
        assertThat(t.text(0, 1)).isEqualTo("Zürich");

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a,b\n1,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
        // bytes: "a,b\n" (4) "1,Z" (3): the 8th byte is 0xFC
        assertThatThrownBy(() -> CsvTable.read(latin1))
                .isInstanceOf(DataException.class)
                .hasMessage("latin1.csv: not valid UTF-8 at byte 8 (line 2); save the file as UTF-8");

        assertThatThrownBy(() -> CsvTable.read(dir.resolve("nope.csv")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("nope.csv: file not found (")
                .hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> CsvTable.read(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void readsFromAReaderWithASourceName() {
        CsvTable t = CsvTable.read(new StringReader("k;v\na;1\n"), "inline");
        assertThat(t.source()).isEqualTo("inline");
        assertThat(t.separator()).isEqualTo(';');
        assertThat(t.number(0, 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> t.number(0, 0)).hasMessage("inline line 2, column k: 'a' is not a number");
    }

    /**
     * The allocation-free path must give the very double {@link Double#parseDouble} gives, bit
     * for bit, on every text it accepts; texts it does not accept go the old way.
     */
    @Test
    void plainDecimalsParseToTheSameBitsAsDoubleParseDouble() {
        java.util.Random r = new java.util.Random(7);
        int fast = 0;
        for (int k = 0; k < 500_000; k++) {
            StringBuilder b = new StringBuilder();
            int sign = r.nextInt(4);
            if (sign == 0) {
                b.append('-');
            } else if (sign == 1) {
                b.append('+');
            }
            int whole = r.nextInt(12);
            for (int i = 0; i < whole; i++) {
                b.append((char) ('0' + (i == 0 && r.nextBoolean() ? 0 : r.nextInt(10))));
            }
            if (r.nextInt(5) > 0) {
                b.append('.');
                int frac = r.nextInt(24);
                for (int i = 0; i < frac; i++) {
                    b.append((char) ('0' + r.nextInt(10)));
                }
            }
            String t = b.toString();
            double expected = CsvTable.parseDecimalSlowly(t);
            double actual = CsvTable.parseDecimal(t);
            assertThat(Double.doubleToRawLongBits(actual))
                    .as("'%s': %s against %s", t, actual, expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            if (!Double.isNaN(CsvTable.parsePlainDecimal(t))) {
                fast++;
            }
        }
        assertThat(fast).as("texts that took the fast path").isGreaterThan(200_000);
    }

    @Test
    void theFastPathLeavesEveryOtherFormToTheFullParser() {
        for (String t : new String[] {
            "1e5",
            "1.5E-3",
            "1234567890123456",
            "0.12345678901234567",
            "1d",
            "Infinity",
            "NaN",
            " 1",
            "1,5",
            "",
            "-",
            ".",
            "1..2",
            "0x10"
        }) {
            assertThat(CsvTable.parsePlainDecimal(t)).as(t).isNaN();
            assertThat(Double.doubleToRawLongBits(CsvTable.parseDecimal(t)))
                    .as(t)
                    .isEqualTo(Double.doubleToRawLongBits(CsvTable.parseDecimalSlowly(t)));
        }
        assertThat(CsvTable.parsePlainDecimal("145.389999")).isEqualTo(145.389999);
        assertThat(Double.doubleToRawLongBits(CsvTable.parsePlainDecimal("-0.000")))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(CsvTable.parsePlainDecimal("007.50")).isEqualTo(7.5);
        assertThat(CsvTable.parsePlainDecimal("1.")).isEqualTo(1.0);
        assertThat(CsvTable.parsePlainDecimal(".25")).isEqualTo(0.25);
    }
}
