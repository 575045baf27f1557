package dev.lstmforge.support.csv;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file read into memory: a header of column names and rows of text cells, each row with the
 * 1-based line of the file it starts on, and typed cell access whose errors name the file, the
 * line, the column and the value.
 *
 * <p>Reading rules:
 *
 * <ul>
 *   <li>Files are strict UTF-8 ({@code "FILE: not valid UTF-8 at byte N (line L)"}); a byte-order
 *       mark, CRLF/CR/LF line ends and a missing final newline are accepted.
 *   <li>The first non-blank line is the header. The separator is detected from it (comma,
 *       semicolon or tab, whichever occurs most outside quotes) unless the {@link CsvFormat} fixes
 *       one. A row whose width does not match the header is an error; when splitting it with
 *       another separator would match, the message says so.
 *   <li>Fields may be wrapped in double quotes and then hold separators, line breaks and doubled
 *       quotes ({@code ""}). Blanks around unquoted fields are removed. Blank lines are skipped
 *       (counted in {@link #blankLines()}); empty cells after the last column are tolerated.
 *   <li>Column names are unique, matched ignoring case, blanks, {@code _} and {@code -}:
 *       {@code "adj_close"} finds {@code "Adj Close"}.
 *   <li>The {@linkplain CsvFormat#nullTokens() null tokens} (by default empty, {@code null},
 *       {@code NaN}, {@code NA}, {@code N/A}, {@code -}, any case) mean "missing":
 *       {@link #number(int, int)} returns {@code NaN} for them.
 * </ul>
 *
 * <pre>{@code
 * CsvTable t = CsvTable.read(Path.of("AAPL.csv"));
 * int date = t.column("Date");        // "column 'Date' not found in AAPL.csv; columns are: ..."
 * int close = t.column("Close");
 * for (int r = 0; r < t.size(); r++) {
 *     LocalDate d = t.date(r, date);  // "AAPL.csv line 7, column Date: '2020-13-01' is not a date (yyyy-MM-dd)"
 *     double c = t.number(r, close);  // NaN when missing; "... '12x' is not a number"
 * }
 * }</pre>
 */
public final class CsvTable {

    private final String source;
    private final CsvFormat format;
    private final char separator;
    private final int headerLine;
    private final List<String> columns;
    private final List<String[]> rows;
    private final int[] lines;
    private final int blankLines;

    CsvTable(
            String source,
            CsvFormat format,
            char separator,
            int headerLine,
            List<String> columns,
            List<String[]> rows,
            int[] lines,
            int blankLines) {
        this.source = source;
        this.format = format;
        this.separator = separator;
        this.headerLine = headerLine;
        this.columns = columns;
        this.rows = rows;
        this.lines = lines;
        this.blankLines = blankLines;
    }

    /**
     * Reads a file with the {@link CsvFormat#DEFAULT} format; its file name is the source name.
     *
     * @param file the CSV file, UTF-8
     * @return the table
     * @throws DataException if the file is missing, not UTF-8 or not well-formed CSV
     */
    public static CsvTable read(Path file) {
        return read(file, CsvFormat.DEFAULT);
    }

    /**
     * Reads a file; its file name is the source name.
     *
     * @param file the CSV file, UTF-8
     * @param format separator and null tokens
     * @return the table
     * @throws DataException if the file is missing, not UTF-8 or not well-formed CSV
     */
    public static CsvTable read(Path file, CsvFormat format) {
        return parse(Utf8Text.read(file), Utf8Text.sourceName(file), format);
    }

    /**
     * Reads CSV text with the {@link CsvFormat#DEFAULT} format. The reader is not closed.
     *
     * @param in the text
     * @param source the name used in messages, for example {@code "AAPL.csv"}
     * @return the table
     * @throws DataException if the text cannot be read or is not well-formed CSV
     */
    public static CsvTable read(Reader in, String source) {
        return read(in, source, CsvFormat.DEFAULT);
    }

    /**
     * Reads CSV text. The reader is not closed.
     *
     * @param in the text
     * @param source the name used in messages
     * @param format separator and null tokens
     * @return the table
     * @throws DataException if the text cannot be read or is not well-formed CSV
     */
    public static CsvTable read(Reader in, String source, CsvFormat format) {
        StringWriter text = new StringWriter();
        try {
            in.transferTo(text);
        } catch (IOException e) {
            throw new DataException(source + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(text.toString(), source, format);
    }

    /**
     * Parses CSV text that is already in memory.
     *
     * @param text the text
     * @param source the name used in messages
     * @param format separator and null tokens
     * @return the table
     * @throws DataException if the text is not well-formed CSV
     */
    public static CsvTable parse(String text, String source, CsvFormat format) {
        String name = source == null || source.isBlank() ? "<csv>" : source;
        return new CsvParser(text, name, format).parse();
    }

    /**
     * Returns the name used in messages (usually the file name).
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the separator the table was read with (detected or fixed).
     *
     * @return the separator
     */
    public char separator() {
        return separator;
    }

    /**
     * Returns the 1-based line of the header.
     *
     * @return the line number
     */
    public int headerLine() {
        return headerLine;
    }

    /**
     * Returns the column names in file order.
     *
     * @return the names, unmodifiable
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the name of a column.
     *
     * @param col the 0-based column index
     * @return its name as written in the header
     */
    public String name(int col) {
        return columns.get(col);
    }

    /**
     * Returns the number of data rows (blank lines not counted).
     *
     * @return the row count
     */
    public int size() {
        return rows.size();
    }

    /**
     * Returns how many blank lines were skipped (before the header and between rows).
     *
     * @return the count
     */
    public int blankLines() {
        return blankLines;
    }

    /**
     * Returns the 1-based file line a row starts on (the header is usually line 1).
     *
     * @param row the 0-based row index
     * @return the line number
     */
    public int line(int row) {
        return lines[row];
    }

    /**
     * Finds a column, ignoring case, blanks, {@code _} and {@code -}.
     *
     * @param name the column name
     * @return its index, or -1 if there is none
     */
    public int indexOf(String name) {
        String k = key(name);
        for (int i = 0; i < columns.size(); i++) {
            if (key(columns.get(i)).equals(k)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Tells whether a column exists (see {@link #indexOf}).
     *
     * @param name the column name
     * @return true if it does
     */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * Finds a required column.
     *
     * @param name the column name
     * @return its index
     * @throws DataException {@code "column 'Close' not found in AAPL.csv; columns are: Date, Open"}, with a
     *     separator hint when the header looks as if it was split with the wrong separator
     */
    public int column(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw missing(List.of(name));
        }
        return i;
    }

    /**
     * Finds several required columns, naming all the missing ones at once.
     *
     * @param names the column names
     * @return their indices, in the same order
     * @throws DataException {@code "columns 'Close', 'Volume' not found in ...; columns are: ..."}
     */
    public int[] columns(List<String> names) {
        int[] idx = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indexOf(names.get(i));
            if (idx[i] < 0) {
                missing.add(names.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
        return idx;
    }

    private DataException missing(List<String> names) {
        String what =
                names.size() == 1 ? "column '" + names.get(0) + "'" : "columns '" + String.join("', '", names) + "'";
        return new DataException(
                what + " not found in " + source + "; columns are: " + String.join(", ", columns) + separatorHint());
    }

    /** Names another separator when the header's names still contain it. */
    private String separatorHint() {
        for (char c : CsvFormat.CANDIDATES) {
            if (c == separator) {
                continue;
            }
            for (String n : columns) {
                if (n.indexOf(c) >= 0) {
                    return " (the header looks " + CsvFormat.describe(c) + "-separated, but the file was read as "
                            + CsvFormat.describe(separator) + "-separated)";
                }
            }
        }
        return "";
    }

    /**
     * Returns a cell's text: trimmed when unquoted, verbatim inside quotes.
     *
     * @param row the 0-based row index
     * @param col the 0-based column index
     * @return the text
     */
    public String text(int row, int col) {
        return rows.get(row)[col];
    }

    /**
     * Tells whether a cell holds one of the format's null tokens.
     *
     * @param row the 0-based row index
     * @param col the 0-based column index
     * @return true if the value is missing
     */
    public boolean isMissing(int row, int col) {
        return format.isNull(rows.get(row)[col]);
    }

    /**
     * Reads a cell as a finite decimal number.
     *
     * @param row the 0-based row index
     * @param col the 0-based column index
     * @return the value, or {@code NaN} when the cell is missing
     * @throws DataException {@code "FILE line L, column NAME: 'VALUE' is not a number"}
     */
    public double number(int row, int col) {
        String t = rows.get(row)[col].strip();
        if (format.isNull(t)) {
            return Double.NaN;
        }
        double v = parseDecimal(t);
        if (Double.isNaN(v)) {
            String decimalComma = t.indexOf(',') >= 0 && !Double.isNaN(parseDecimal(t.replace(',', '.')))
                    ? " (write the decimal point as '.')"
                    : "";
            throw error(
                    row,
                    col,
                    "'" + t + "' is not " + (isDecimalSyntax(t) ? "a finite number" : "a number") + decimalComma);
        }
        return v;
    }

    /**
     * Reads a whole column as numbers ({@code NaN} for missing cells).
     *
     * @param col the 0-based column index
     * @return one value per row
     * @throws DataException at the first cell that is neither a number nor missing
     */
    public double[] numbers(int col) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = number(r, col);
        }
        return out;
    }

    /**
     * Reads a cell as an ISO date ({@code yyyy-MM-dd}).
     *
     * @param row the 0-based row index
     * @param col the 0-based column index
     * @return the date
     * @throws DataException when the cell is missing or not such a date
     */
    public LocalDate date(int row, int col) {
        String t = rows.get(row)[col].strip();
        if (format.isNull(t)) {
            throw error(row, col, "the date is missing");
        }
        try {
            return isoDate(t);
        } catch (java.time.DateTimeException e) {
            throw error(row, col, "'" + t + "' is not a date (yyyy-MM-dd)");
        }
    }

    /**
     * Parses {@code yyyy-MM-dd} by its digits, which is several times faster than
     * {@link LocalDate#parse} (a formatter, a field map and a resolver per call); anything else
     * goes to {@link LocalDate#parse}, so the accepted forms and errors are the same.
     */
    private static LocalDate isoDate(String t) {
        if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
            int y = digits(t, 0, 4);
            int m = digits(t, 5, 7);
            int d = digits(t, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                return LocalDate.of(y, m, d);
            }
        }
        return LocalDate.parse(t);
    }

    /** The decimal value of {@code t[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Builds an error about one cell: {@code "FILE line L, column NAME: problem"}.
     *
     * @param row the 0-based row index
     * @param col the 0-based column index
     * @param problem what is wrong, with the value
     * @return the exception, to throw
     */
    public DataException error(int row, int col, String problem) {
        return DataException.at(source, lines[row], columns.get(col), problem);
    }

    /**
     * Builds an error about one row: {@code "FILE line L: problem"}.
     *
     * @param row the 0-based row index
     * @param problem what is wrong
     * @return the exception, to throw
     */
    public DataException error(int row, String problem) {
        return DataException.at(source, lines[row], null, problem);
    }

    /**
     * Parses a plain decimal number: optional sign, digits with an optional {@code .} fraction and
     * an optional exponent. Rejects Java literal forms ({@code 1d}, {@code 0x1p3},
     * {@code Infinity}) and values too large to be finite.
     *
     * @param text the text, without surrounding blanks
     * @return the value, or {@code NaN} if the text is not such a number
     */
    public static double parseDecimal(String text) {
        double plain = parsePlainDecimal(text);
        return Double.isNaN(plain) ? parseDecimalSlowly(text) : plain;
    }

    /** {@link #parseDecimal} without its fast path: what the fast path must agree with (tests). */
    static double parseDecimalSlowly(String text) {
        if (!isDecimalSyntax(text)) {
            return Double.NaN;
        }
        double v = Double.parseDouble(text);
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    /** 10^0 to 10^22: each is exactly a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /**
     * The common case of {@link #parseDecimal} without allocating: a sign, digits and a fraction,
     * no exponent, at most 15 significant digits and at most 22 after the point. The digits then
     * make an integer below 2^53 and the power of ten is exact, so the one division is correctly
     * rounded: the result is the double nearest the decimal, the one {@link Double#parseDouble}
     * returns (Clinger's fast path). {@code Double.parseDouble} allocates two buffers a call, a
     * fifth of the serving path's heap for a 200-row price CSV.
     *
     * @param s the text
     * @return the value, or {@code NaN} when the text is not of this form (it may still be a number)
     */
    static double parsePlainDecimal(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i++;
        }
        long digits = 0;
        int significant = 0;
        int seen = 0;
        int fraction = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                seen++;
                if (point) {
                    fraction++;
                }
                if (digits == 0 && c == '0') {
                    continue;
                }
                if (++significant > 15) {
                    return Double.NaN;
                }
                digits = digits * 10 + (c - '0');
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.NaN;
            }
        }
        if (seen == 0 || fraction >= POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double v = fraction == 0 ? digits : digits / POWERS_OF_TEN[fraction];
        return negative ? -v : v;
    }

    private static boolean isDecimalSyntax(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The matching key of a column name: lower case without blanks, {@code _} or {@code -}. */
    static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isWhitespace(c) && c != '_' && c != '-') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "CsvTable[" + source + ", " + rows.size() + " rows, columns " + columns + "]";
    }
}
