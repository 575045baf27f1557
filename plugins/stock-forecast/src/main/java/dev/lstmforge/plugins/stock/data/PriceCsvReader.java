package dev.lstmforge.plugins.stock.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads daily price CSV files in the Yahoo Finance layout
 * ({@code Date,Open,High,Low,Close,Adj Close,Volume}) into a {@link PriceSeries}.
 *
 * <p>Rules:
 * <ul>
 *   <li>The first non-blank line is the header. Column names are matched case-insensitively,
 *       ignoring spaces, underscores and hyphens. {@code Date} is always required; the required
 *       columns default to {@link #DEFAULT_REQUIRED_COLUMNS} ({@code Date, Close}).</li>
 *   <li>The numeric columns read are the {@link #STANDARD_COLUMNS} present in the header plus any
 *       other required column; further columns (a ticker symbol, say) are ignored.</li>
 *   <li>Dates must be ISO {@code yyyy-MM-dd} and strictly ascending (oldest first, no
 *       duplicates).</li>
 *   <li>A missing numeric cell (empty, {@code null} as Yahoo writes it, {@code NaN}, {@code NA}
 *       or {@code N/A}, case-insensitive) is filled with the mean of the nearest valid previous
 *       and next values of that column, or with the only neighbour available at either end of the
 *       file; each fill is recorded in {@link PriceSeries#repairs()}. A column without any valid
 *       value is an error. Any other non-numeric text, and infinities, are errors.</li>
 *   <li>A UTF-8 byte-order mark, CRLF or CR line ends, a missing final newline, blank lines,
 *       whitespace around fields and double quotes around a whole field are tolerated. Quoted
 *       fields may not contain commas (Yahoo files never need them).</li>
 * </ul>
 *
 * <p>Errors are {@link StockDataException}s naming the source, the 1-based line number in the
 * file (the header is line 1), the column and the offending value. Parsing is a single streaming
 * pass that does not split lines into intermediate arrays.
 */
public final class PriceCsvReader {

    /** Columns required when the caller does not say otherwise. */
    public static final List<String> DEFAULT_REQUIRED_COLUMNS = List.of("Date", "Close");

    /** The numeric columns of a Yahoo daily file; those present in the header are always read. */
    public static final List<String> STANDARD_COLUMNS =
            List.of("Open", "High", "Low", "Close", "Adj Close", "Volume");

    private static final String DATE_KEY = "date";
    private static final int MAX_QUOTED_LINE = 120;

    private PriceCsvReader() {
    }

    /**
     * Reads a file with the {@link #DEFAULT_REQUIRED_COLUMNS}; the file name is the source name.
     *
     * @param file the CSV file, UTF-8
     * @return the parsed series
     * @throws StockDataException if the file cannot be read or its content is invalid
     */
    public static PriceSeries read(Path file) {
        return read(file, DEFAULT_REQUIRED_COLUMNS);
    }

    /**
     * Reads a file; the file name is the source name used in messages.
     *
     * @param file            the CSV file, UTF-8
     * @param requiredColumns columns that must be present ({@code Date} is implied); {@code null}
     *                        means {@link #DEFAULT_REQUIRED_COLUMNS}
     * @return the parsed series
     * @throws StockDataException if the file cannot be read or its content is invalid
     */
    public static PriceSeries read(Path file, List<String> requiredColumns) {
        Objects.requireNonNull(file, "file");
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, name, requiredColumns);
        } catch (NoSuchFileException e) {
            throw new StockDataException(name + ": file not found: " + file.toAbsolutePath(), e);
        } catch (IOException e) {
            throw new StockDataException(name + ": cannot read " + file.toAbsolutePath() + ": " + e, e);
        }
    }

    /**
     * Reads CSV text with the {@link #DEFAULT_REQUIRED_COLUMNS}.
     *
     * @param in         the text; not closed by this method
     * @param sourceName display name used in messages, e.g. {@code AAPL.csv}
     * @return the parsed series
     * @throws StockDataException if the content is invalid or cannot be read
     */
    public static PriceSeries read(Reader in, String sourceName) {
        return read(in, sourceName, DEFAULT_REQUIRED_COLUMNS);
    }

    /**
     * Reads CSV text.
     *
     * @param in              the text; not closed by this method
     * @param sourceName      display name used in messages, e.g. {@code AAPL.csv}
     * @param requiredColumns columns that must be present ({@code Date} is implied); {@code null}
     *                        means {@link #DEFAULT_REQUIRED_COLUMNS}
     * @return the parsed series, with the source name and repair notes
     * @throws StockDataException if the content is invalid or cannot be read
     */
    public static PriceSeries read(Reader in, String sourceName, List<String> requiredColumns) {
        Objects.requireNonNull(in, "in");
        String source = sourceName == null || sourceName.isBlank() ? "<csv>" : sourceName;
        List<String> required = requiredColumns == null ? DEFAULT_REQUIRED_COLUMNS : requiredColumns;
        try {
            return new Parser(source, required).parse(
                    in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16));
        } catch (IOException e) {
            throw new StockDataException(source + ": cannot read: " + e, e);
        }
    }

    /** One parse; holds the growing column buffers. */
    private static final class Parser {
        private final String source;
        private final List<String> required;

        private String[] header;
        private int dateCol;
        private int[] numericCols;       // header positions of parsed numeric columns
        private String[] numericNames;
        private double[][] values;       // [numeric column][row], NaN marks a missing cell
        private int[] lineOfRow;
        private final List<LocalDate> dates = new ArrayList<>(4096);
        private int rows;

        Parser(String source, List<String> required) {
            this.source = source;
            this.required = required;
        }

        PriceSeries parse(BufferedReader br) throws IOException {
            int lineNo = 0;
            String line;
            String headerLine = null;
            while ((line = br.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    headerLine = line;
                    break;
                }
            }
            if (headerLine == null) {
                throw new StockDataException(source + ": the file is empty; expected a header line"
                        + " such as Date,Open,High,Low,Close,Adj Close,Volume followed by data rows");
            }
            int headerLineNo = lineNo;
            parseHeader(headerLine, headerLineNo);

            int width = header.length;
            int[] start = new int[width + 1];
            int[] end = new int[width + 1];
            lineOfRow = new int[4096];
            values = new double[numericCols.length][4096];
            LocalDate previous = null;
            while ((line = br.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int n = split(line, start, end);
                if (n != width) {
                    throw new StockDataException(source + " line " + lineNo + ": expected " + width
                            + " comma-separated fields as in the header (" + String.join(",", header)
                            + "), found " + n + ": '" + abbreviate(line) + "'");
                }
                LocalDate date = parseDate(line, start[dateCol], end[dateCol], lineNo);
                if (previous != null && !date.isAfter(previous)) {
                    int prevLine = lineOfRow[rows - 1];
                    if (date.equals(previous)) {
                        throw new StockDataException(source + " line " + lineNo + ": duplicate date "
                                + date + " (line " + prevLine + " has the same date); dates must be"
                                + " strictly ascending");
                    }
                    throw new StockDataException(source + " line " + lineNo + ": date " + date
                            + " is earlier than the previous row's date " + previous + " (line "
                            + prevLine + "); rows must be sorted by date, oldest first");
                }
                ensureCapacity();
                for (int c = 0; c < numericCols.length; c++) {
                    int h = numericCols[c];
                    values[c][rows] = parseNumber(line, start[h], end[h], lineNo, c);
                }
                lineOfRow[rows] = lineNo;
                dates.add(date);
                rows++;
                previous = date;
            }
            if (rows == 0) {
                throw new StockDataException(source + ": no data rows after the header (line "
                        + headerLineNo + ")");
            }
            List<PriceSeries.Repair> repairs = fillGaps();
            Map<String, double[]> columns = new LinkedHashMap<>();
            for (int c = 0; c < numericCols.length; c++) {
                columns.put(numericNames[c], Arrays.copyOf(values[c], rows));
            }
            return PriceSeries.create(source, dates, columns, repairs);
        }

        private void parseHeader(String line, int lineNo) {
            int n = split(line, new int[0], new int[0]);
            int[] start = new int[n];
            int[] end = new int[n];
            split(line, start, end);
            header = new String[n];
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < n; i++) {
                header[i] = line.substring(start[i], end[i]);
                if (header[i].isEmpty()) {
                    throw new StockDataException(source + " line " + lineNo + ", column " + (i + 1)
                            + ": empty column name in header '" + abbreviate(line) + "'");
                }
                if (!keys.add(PriceSeries.key(header[i]))) {
                    throw new StockDataException(source + " line " + lineNo + ": column '" + header[i]
                            + "' appears twice in header '" + abbreviate(line) + "'");
                }
            }
            Set<String> requiredKeys = new HashSet<>();
            requiredKeys.add(DATE_KEY);
            List<String> missing = new ArrayList<>();
            if (!keys.contains(DATE_KEY)) {
                missing.add("Date");
            }
            for (String r : required) {
                String k = PriceSeries.key(Objects.requireNonNull(r, "required column"));
                if (requiredKeys.add(k) && !keys.contains(k)) {
                    missing.add(r);
                }
            }
            if (!missing.isEmpty()) {
                throw new StockDataException(source + ": required column"
                        + (missing.size() == 1 ? " '" + missing.get(0) + "' is" : "s '"
                        + String.join("', '", missing) + "' are")
                        + " missing from the header (line " + lineNo + "); columns found: "
                        + String.join(", ", header));
            }
            Set<String> numericKeys = new HashSet<>(requiredKeys);
            for (String s : STANDARD_COLUMNS) {
                numericKeys.add(PriceSeries.key(s));
            }
            List<Integer> cols = new ArrayList<>();
            dateCol = -1;
            for (int i = 0; i < n; i++) {
                String k = PriceSeries.key(header[i]);
                if (k.equals(DATE_KEY)) {
                    dateCol = i;
                } else if (numericKeys.contains(k)) {
                    cols.add(i);
                }
            }
            numericCols = new int[cols.size()];
            numericNames = new String[cols.size()];
            for (int c = 0; c < numericCols.length; c++) {
                numericCols[c] = cols.get(c);
                numericNames[c] = header[numericCols[c]];
            }
        }

        private void ensureCapacity() {
            if (rows == lineOfRow.length) {
                int cap = rows + (rows >> 1) + 16;
                lineOfRow = Arrays.copyOf(lineOfRow, cap);
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], cap);
                }
            }
        }

        private LocalDate parseDate(String line, int s, int e, int lineNo) {
            String column = header[dateCol];
            if (s == e) {
                throw new StockDataException(source + " line " + lineNo + ", column " + column
                        + ": the date is missing");
            }
            String text = line.substring(s, e);
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException ex) {
                throw new StockDataException(source + " line " + lineNo + ", column " + column + ": '"
                        + text + "' is not an ISO date (yyyy-MM-dd)", ex);
            }
        }

        private double parseNumber(String line, int s, int e, int lineNo, int c) {
            if (isMissing(line, s, e)) {
                return Double.NaN;
            }
            String text = line.substring(s, e);
            // Double.parseDouble also takes Java literal suffixes such as "12d"; a CSV cell must not.
            char last = text.charAt(text.length() - 1);
            double v;
            if (Character.isLetter(last) && last != 'y') {
                v = Double.NaN;
            } else {
                try {
                    v = Double.parseDouble(text);
                } catch (NumberFormatException ex) {
                    v = Double.NaN;
                }
            }
            if (Double.isNaN(v)) {
                throw new StockDataException(source + " line " + lineNo + ", column " + numericNames[c]
                        + ": '" + text + "' is not a number");
            }
            if (Double.isInfinite(v)) {
                throw new StockDataException(source + " line " + lineNo + ", column " + numericNames[c]
                        + ": '" + text + "' is not a finite number");
            }
            return v;
        }

        /** Fills NaN runs column by column; returns notes sorted by row, then column. */
        private List<PriceSeries.Repair> fillGaps() {
            record Fill(int row, int column, PriceSeries.Repair repair) {
            }
            List<Fill> fills = new ArrayList<>();
            for (int c = 0; c < values.length; c++) {
                double[] v = values[c];
                int i = 0;
                while (i < rows) {
                    if (!Double.isNaN(v[i])) {
                        i++;
                        continue;
                    }
                    int runStart = i;
                    while (i < rows && Double.isNaN(v[i])) {
                        i++;
                    }
                    int prev = runStart - 1;
                    int next = i < rows ? i : -1;
                    if (prev < 0 && next < 0) {
                        throw new StockDataException(source + ": column " + numericNames[c]
                                + " has no valid value in any of its " + rows + " rows (lines "
                                + lineOfRow[0] + "-" + lineOfRow[rows - 1] + ")");
                    }
                    double fill;
                    String how;
                    if (prev >= 0 && next >= 0) {
                        fill = (v[prev] + v[next]) / 2.0;
                        how = "the mean of " + v[prev] + " (line " + lineOfRow[prev] + ") and " + v[next]
                                + " (line " + lineOfRow[next] + ")";
                    } else if (prev >= 0) {
                        fill = v[prev];
                        how = "the previous value (line " + lineOfRow[prev] + ")";
                    } else {
                        fill = v[next];
                        how = "the next value (line " + lineOfRow[next] + ")";
                    }
                    for (int k = runStart; k < i; k++) {
                        v[k] = fill;
                        String note = source + " line " + lineOfRow[k] + " (" + dates.get(k) + "), column "
                                + numericNames[c] + ": missing value filled with " + fill + ", " + how;
                        fills.add(new Fill(k, c, new PriceSeries.Repair(dates.get(k), note)));
                    }
                }
            }
            fills.sort(Comparator.comparingInt(Fill::row).thenComparingInt(Fill::column));
            List<PriceSeries.Repair> out = new ArrayList<>(fills.size());
            for (Fill f : fills) {
                out.add(f.repair());
            }
            return out;
        }
    }

    /**
     * Records trimmed, unquoted field bounds into {@code start}/{@code end} (as far as they reach)
     * and returns the number of fields on the line.
     */
    private static int split(String line, int[] start, int[] end) {
        int n = 0;
        int pos = 0;
        int len = line.length();
        while (true) {
            int comma = line.indexOf(',', pos);
            int s = pos;
            int e = comma < 0 ? len : comma;
            while (s < e && Character.isWhitespace(line.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
                e--;
            }
            if (e - s >= 2 && line.charAt(s) == '"' && line.charAt(e - 1) == '"') {
                s++;
                e--;
            }
            if (n < start.length) {
                start[n] = s;
                end[n] = e;
            }
            n++;
            if (comma < 0) {
                return n;
            }
            pos = comma + 1;
        }
    }

    /** Empty, {@code null}, {@code NaN}, {@code NA} or {@code N/A}, ignoring case. */
    private static boolean isMissing(String line, int s, int e) {
        int n = e - s;
        return n == 0
                || (n == 4 && line.regionMatches(true, s, "null", 0, 4))
                || (n == 3 && (line.regionMatches(true, s, "nan", 0, 3)
                        || line.regionMatches(true, s, "n/a", 0, 3)))
                || (n == 2 && line.regionMatches(true, s, "na", 0, 2));
    }

    private static String abbreviate(String line) {
        return line.length() <= MAX_QUOTED_LINE ? line : line.substring(0, MAX_QUOTED_LINE) + "...";
    }
}
