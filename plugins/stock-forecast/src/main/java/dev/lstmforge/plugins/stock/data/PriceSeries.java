package dev.lstmforge.plugins.stock.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable daily price series: strictly ascending dates plus one or more numeric columns
 * (typically {@code Open, High, Low, Close, Adj Close, Volume}) of equal length.
 *
 * <p>Column lookup is case-insensitive and ignores spaces, underscores and hyphens, so
 * {@code "adj close"}, {@code "Adj_Close"} and {@code "AdjClose"} all find {@code "Adj Close"}.
 * All values are finite: gaps found while reading were filled by {@link PriceCsvReader} and are
 * described by {@link #repairs()}.
 *
 * <p>Accessors that return arrays return copies; the series itself can be shared freely between
 * threads.
 */
public final class PriceSeries {

    /** One filled cell, kept with its date so that {@link #between} can filter the notes. */
    record Repair(LocalDate date, String note) {
        Repair {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(note, "note");
        }
    }

    private final String source;
    private final List<LocalDate> dates;
    private final List<String> columnNames;
    private final double[][] columns;
    private final Map<String, Integer> columnIndex;
    private final List<Repair> repairs;
    private final List<String> repairNotes;

    /** Trusted constructor: arrays are adopted, not copied; callers have validated everything. */
    private PriceSeries(String source, List<LocalDate> dates, List<String> columnNames,
                        double[][] columns, List<Repair> repairs) {
        this.source = source;
        this.dates = dates;
        this.columnNames = columnNames;
        this.columns = columns;
        this.repairs = repairs;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            index.put(key(columnNames.get(i)), i);
        }
        this.columnIndex = index;
        List<String> notes = new ArrayList<>(repairs.size());
        for (Repair r : repairs) {
            notes.add(r.note());
        }
        this.repairNotes = Collections.unmodifiableList(notes);
    }

    /**
     * Builds a series from already-clean data (no repairs). Useful for synthetic series and tests.
     *
     * @param source  display name used in error messages, e.g. {@code "AAPL.csv"}
     * @param dates   strictly ascending dates, one per row
     * @param columns column name to values, each exactly {@code dates.size()} finite values; the
     *                map's iteration order becomes the column order
     * @return the series (all inputs are copied)
     * @throws StockDataException if dates are not strictly ascending, lengths differ, a value is
     *                            not finite, or two column names collide case-insensitively
     */
    public static PriceSeries of(String source, List<LocalDate> dates, Map<String, double[]> columns) {
        return create(source, dates, columns, List.of());
    }

    /** Used by the reader: same checks as {@link #of}, plus dated repair notes. */
    static PriceSeries create(String source, List<LocalDate> dates, Map<String, double[]> columns,
                              List<Repair> repairs) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(columns, "columns");
        List<LocalDate> dateCopy = List.copyOf(dates);
        for (int i = 1; i < dateCopy.size(); i++) {
            if (!dateCopy.get(i).isAfter(dateCopy.get(i - 1))) {
                throw new StockDataException(source + " row " + (i + 1) + ": date " + dateCopy.get(i)
                        + " is not after the previous row's date " + dateCopy.get(i - 1)
                        + "; dates must be strictly ascending");
            }
        }
        List<String> names = new ArrayList<>(columns.size());
        double[][] data = new double[columns.size()][];
        Map<String, String> seen = new HashMap<>();
        int c = 0;
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "column name").trim();
            double[] values = Objects.requireNonNull(e.getValue(), "values of column " + name);
            String previous = seen.put(key(name), name);
            if (previous != null) {
                throw new StockDataException(source + ": columns '" + previous + "' and '" + name
                        + "' have the same name (column names are case-insensitive)");
            }
            if (values.length != dateCopy.size()) {
                throw new StockDataException(source + ": column " + name + " has " + values.length
                        + " values but there are " + dateCopy.size() + " dates");
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new StockDataException(source + " row " + (i + 1) + " (" + dateCopy.get(i)
                            + "), column " + name + ": value " + values[i] + " is not a finite number");
                }
            }
            names.add(name);
            data[c++] = values.clone();
        }
        return new PriceSeries(source, dateCopy, List.copyOf(names), data, List.copyOf(repairs));
    }

    /** Canonical lookup key: lower case without spaces, underscores or hyphens. */
    static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!Character.isWhitespace(ch) && ch != '_' && ch != '-') {
                sb.append(ch);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** @return display name of where the data came from (e.g. {@code AAPL.csv}); used in messages */
    public String source() {
        return source;
    }

    /** @return number of rows (trading days) */
    public int size() {
        return dates.size();
    }

    /** @return the strictly ascending dates, unmodifiable */
    public List<LocalDate> dates() {
        return dates;
    }

    /**
     * @param row 0-based row index
     * @return the date of that row
     */
    public LocalDate date(int row) {
        return dates.get(row);
    }

    /** @return the column names in file order (without {@code Date}), unmodifiable */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * @param name column name, case-insensitive
     * @return whether the series has that column
     */
    public boolean hasColumn(String name) {
        return name != null && columnIndex.containsKey(key(name));
    }

    /**
     * Returns a copy of one column.
     *
     * @param name {@code Open}, {@code High}, {@code Low}, {@code Close}, {@code Adj Close},
     *             {@code Volume} or any other column of the series; case-insensitive
     * @return a fresh array with one value per row
     * @throws StockDataException if there is no such column; the message lists the available ones
     */
    public double[] column(String name) {
        Integer i = name == null ? null : columnIndex.get(key(name));
        if (i == null) {
            throw new StockDataException(source + ": no column '" + name + "'; available columns: "
                    + String.join(", ", columnNames));
        }
        return columns[i].clone();
    }

    /**
     * Human-readable notes, one per cell that was missing in the source and filled in, in row
     * order. Empty for clean data.
     *
     * @return unmodifiable list of notes
     */
    public List<String> repairs() {
        return repairNotes;
    }

    /**
     * Returns the rows whose date lies in {@code [fromInclusive, toExclusive)}. The result keeps
     * this series' {@link #source()} and only the repair notes of the rows it contains. It may be
     * empty.
     *
     * @param fromInclusive first date to keep, or {@code null} for no lower bound
     * @param toExclusive   first date to drop, or {@code null} for no upper bound
     * @return the sub-series
     * @throws StockDataException if both bounds are given and {@code toExclusive} is before
     *                            {@code fromInclusive}
     */
    public PriceSeries between(LocalDate fromInclusive, LocalDate toExclusive) {
        if (fromInclusive != null && toExclusive != null && toExclusive.isBefore(fromInclusive)) {
            throw new StockDataException(source + ": empty date range, end " + toExclusive
                    + " is before start " + fromInclusive);
        }
        int from = fromInclusive == null ? 0 : lowerBound(fromInclusive);
        int to = toExclusive == null ? dates.size() : lowerBound(toExclusive);
        if (from == 0 && to == dates.size()) {
            return this;
        }
        double[][] sub = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            sub[c] = Arrays.copyOfRange(columns[c], from, to);
        }
        List<Repair> keptRepairs = new ArrayList<>();
        for (Repair r : repairs) {
            if ((fromInclusive == null || !r.date().isBefore(fromInclusive))
                    && (toExclusive == null || r.date().isBefore(toExclusive))) {
                keptRepairs.add(r);
            }
        }
        return new PriceSeries(source, dates.subList(from, to), columnNames, sub,
                List.copyOf(keptRepairs));
    }

    /** @return index of the first date {@code >= d}, or {@link #size()} if none */
    private int lowerBound(LocalDate d) {
        int lo = 0;
        int hi = dates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (dates.get(mid).isBefore(d)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        String range = dates.isEmpty() ? "no rows"
                : dates.size() + " rows " + dates.get(0) + ".." + dates.get(dates.size() - 1);
        return "PriceSeries[" + source + ", " + range + ", columns=" + columnNames
                + (repairs.isEmpty() ? "" : ", " + repairs.size() + " repaired cells") + "]";
    }
}
