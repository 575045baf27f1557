package dev.lstmforge.plugins.stock.data;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.csv.CsvFormat;
import dev.lstmforge.support.csv.CsvTable;
import java.io.Reader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads daily price CSV files in the Yahoo Finance layout
 * ({@code Date,Open,High,Low,Close,Adj Close,Volume}) into a {@link PriceSeries}.
 *
 * <p>The CSV layer ({@link CsvTable}) handles the file itself: strict UTF-8, a byte-order mark,
 * CRLF/CR line ends, blank lines, quoted fields, the separator (comma, semicolon or tab, detected
 * from the header, with a hint when a row uses another one), column names matched ignoring case,
 * spaces, underscores and hyphens, and line-numbered errors. On top of it this reader applies the
 * price rules:
 *
 * <ul>
 *   <li>{@code Date} is always required; the required columns default to
 *       {@link #DEFAULT_REQUIRED_COLUMNS} ({@code Date, Close}). The numeric columns read are the
 *       {@link #STANDARD_COLUMNS} present in the header plus any other required column; further
 *       columns (a ticker symbol, say) are ignored.
 *   <li>Dates are ISO {@code yyyy-MM-dd} and strictly ascending (oldest first, no duplicates).
 *   <li>A missing numeric cell (empty, {@code null} as Yahoo writes it, {@code NaN}, {@code NA},
 *       {@code N/A} or {@code -}) is filled with the mean of the nearest valid previous and next
 *       values of its column, or with the only neighbour at either end of the file; each fill is
 *       a {@link PriceSeries.Repair}, summarised by {@link PriceSeries#repairWarnings()}. A column
 *       without any valid value is an error, as is any other non-numeric text.
 * </ul>
 *
 * <p>Errors are {@link DataException}s naming the source, the 1-based line of the file, the
 * column and the value, for example {@code "AAPL.csv line 43, column Close: '12x5' is not a number"}.
 */
public final class PriceCsvReader {

    /** Columns required when the caller does not say otherwise. */
    public static final List<String> DEFAULT_REQUIRED_COLUMNS = List.of("Date", "Close");

    /** The numeric columns of a Yahoo daily file; those present in the header are always read. */
    public static final List<String> STANDARD_COLUMNS = List.of("Open", "High", "Low", "Close", "Adj Close", "Volume");

    private static final String DATE = "Date";

    private PriceCsvReader() {}

    /**
     * Reads a file with the {@link #DEFAULT_REQUIRED_COLUMNS}; the file name is the source name.
     *
     * @param file the CSV file, UTF-8
     * @return the parsed series
     * @throws DataException if the file cannot be read or its content is invalid
     */
    public static PriceSeries read(Path file) {
        return read(file, DEFAULT_REQUIRED_COLUMNS);
    }

    /**
     * Reads a file; the file name is the source name used in messages.
     *
     * @param file the CSV file, UTF-8
     * @param requiredColumns columns that must be present ({@code Date} is implied)
     * @return the parsed series
     * @throws DataException if the file cannot be read or its content is invalid
     */
    public static PriceSeries read(Path file, List<String> requiredColumns) {
        return fromTable(CsvTable.read(file), requiredColumns);
    }

    /**
     * Reads CSV text with the {@link #DEFAULT_REQUIRED_COLUMNS}.
     *
     * @param in the text; not closed by this method
     * @param sourceName display name used in messages, e.g. {@code AAPL.csv}
     * @return the parsed series
     * @throws DataException if the content is invalid or cannot be read
     */
    public static PriceSeries read(Reader in, String sourceName) {
        return read(in, sourceName, DEFAULT_REQUIRED_COLUMNS);
    }

    /**
     * Reads CSV text.
     *
     * @param in the text; not closed by this method
     * @param sourceName display name used in messages
     * @param requiredColumns columns that must be present ({@code Date} is implied)
     * @return the parsed series
     * @throws DataException if the content is invalid or cannot be read
     */
    public static PriceSeries read(Reader in, String sourceName, List<String> requiredColumns) {
        return fromTable(CsvTable.read(in, sourceName), requiredColumns);
    }

    /**
     * Parses CSV text already in memory.
     *
     * @param text the text
     * @param sourceName display name used in messages
     * @param requiredColumns columns that must be present ({@code Date} is implied)
     * @return the parsed series
     * @throws DataException if the content is invalid
     */
    public static PriceSeries parse(String text, String sourceName, List<String> requiredColumns) {
        return fromTable(CsvTable.parse(text, sourceName, CsvFormat.DEFAULT), requiredColumns);
    }

    /**
     * Applies the price rules to a table that has been read.
     *
     * @param table the CSV table
     * @param requiredColumns columns that must be present ({@code Date} is implied)
     * @return the parsed series
     * @throws DataException naming the file, line, column and value of the first problem
     */
    public static PriceSeries fromTable(CsvTable table, List<String> requiredColumns) {
        String source = table.source();
        List<String> required = new ArrayList<>(List.of(DATE));
        for (String r : requiredColumns) {
            if (!r.equalsIgnoreCase(DATE)) {
                required.add(r);
            }
        }
        table.columns(required);
        if (table.size() == 0) {
            throw new DataException(source + ": no data rows after the header (line " + table.headerLine() + ")");
        }
        int dateCol = table.column(DATE);
        List<Integer> numeric = numericColumns(table, required, dateCol);
        int rows = table.size();
        List<LocalDate> dates = new ArrayList<>(rows);
        double[][] values = new double[numeric.size()][rows];
        for (int r = 0; r < rows; r++) {
            LocalDate date = table.date(r, dateCol);
            if (r > 0 && !date.isAfter(dates.get(r - 1))) {
                LocalDate previous = dates.get(r - 1);
                int prevLine = table.line(r - 1);
                throw table.error(
                        r,
                        date.equals(previous)
                                ? "duplicate date " + date + " (line " + prevLine + " has the same date); dates must be"
                                        + " strictly ascending"
                                : "date " + date + " is earlier than the previous row's date " + previous + " (line "
                                        + prevLine + "); rows must be sorted by date, oldest first");
            }
            dates.add(date);
            for (int k = 0; k < values.length; k++) {
                values[k][r] = table.number(r, numeric.get(k));
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        List<PriceSeries.Repair> repairs = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            fillGaps(table, numeric.get(k), values[k], dates, repairs);
            columns.put(table.name(numeric.get(k)), values[k]);
        }
        repairs.sort(Comparator.comparingInt(PriceSeries.Repair::line));
        return PriceSeries.create(source, dates, columns, repairs);
    }

    /** The standard columns present plus the other required ones, in header order, without Date. */
    private static List<Integer> numericColumns(CsvTable table, List<String> required, int dateCol) {
        List<String> wanted = new ArrayList<>(STANDARD_COLUMNS);
        wanted.addAll(required);
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (c == dateCol) {
                continue;
            }
            for (String w : wanted) {
                if (table.indexOf(w) == c) {
                    cols.add(c);
                    break;
                }
            }
        }
        return cols;
    }

    /** Fills NaN runs of one column from their nearest valid neighbours, recording each fill. */
    private static void fillGaps(
            CsvTable table, int col, double[] v, List<LocalDate> dates, List<PriceSeries.Repair> repairs) {
        int rows = v.length;
        String name = table.name(col);
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
                throw new DataException(table.source() + ": column " + name + " has no valid value in any of its "
                        + rows + " rows (lines " + table.line(0) + "-" + table.line(rows - 1) + ")");
            }
            double fill;
            String how;
            if (prev >= 0 && next >= 0) {
                fill = (v[prev] + v[next]) / 2.0;
                how = "the mean of " + v[prev] + " (line " + table.line(prev) + ") and " + v[next] + " (line "
                        + table.line(next) + ")";
            } else if (prev >= 0) {
                fill = v[prev];
                how = "the previous value (line " + table.line(prev) + ")";
            } else {
                fill = v[next];
                how = "the next value (line " + table.line(next) + ")";
            }
            for (int k = runStart; k < i; k++) {
                v[k] = fill;
                repairs.add(new PriceSeries.Repair(dates.get(k), table.line(k), name, fill, how));
            }
        }
    }
}
