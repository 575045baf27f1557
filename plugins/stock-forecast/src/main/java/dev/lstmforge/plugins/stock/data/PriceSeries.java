package dev.lstmforge.plugins.stock.data;

import dev.lstmforge.support.DataException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * described by {@link #repairs()} and {@link #repairWarnings()}.
 *
 * <p>Accessors that return arrays return copies; the series itself can be shared freely between
 * threads.
 */
public final class PriceSeries {

    /** How many filled cells a repair warning lists by line before it says "and N more". */
    static final int PLACES_LISTED = 5;

    /**
     * One missing cell filled by {@link PriceCsvReader}.
     *
     * @param date the row's date
     * @param line the 1-based line of the file
     * @param column the column name
     * @param value the value filled in
     * @param how where the value came from, for example {@code "the mean of 10.0 (line 2) and 20.0 (line 4)"}
     */
    public record Repair(LocalDate date, int line, String column, double value, String how) {

        /** Checks the parts. */
        public Repair {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(how, "how");
        }

        /**
         * Describes the repair in one line.
         *
         * @param source the file name
         * @return for example {@code "AAPL.csv line 3 (2020-01-03), column Close: missing value filled with 15.0,
         *     the mean of 10.0 (line 2) and 20.0 (line 4)"}
         */
        public String note(String source) {
            return source + " line " + line + " (" + date + "), column " + column + ": missing value filled with "
                    + value + ", " + how;
        }
    }

    private final String source;
    private final List<LocalDate> dates;
    private final List<String> columnNames;
    private final double[][] columns;
    private final Map<String, Integer> columnIndex;
    private final List<Repair> repairs;

    /** Trusted constructor: arrays are adopted, not copied; callers have validated everything. */
    private PriceSeries(
            String source, List<LocalDate> dates, List<String> columnNames, double[][] columns, List<Repair> repairs) {
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
    }

    /**
     * Builds a series from already-clean data (no repairs). Useful for synthetic series and tests.
     *
     * @param source  display name used in error messages, e.g. {@code "AAPL.csv"}
     * @param dates   strictly ascending dates, one per row
     * @param columns column name to values, each exactly {@code dates.size()} finite values; the
     *                map's iteration order becomes the column order
     * @return the series (all inputs are copied)
     * @throws DataException if dates are not strictly ascending, lengths differ, a value is
     *                            not finite, or two column names collide case-insensitively
     */
    public static PriceSeries of(String source, List<LocalDate> dates, Map<String, double[]> columns) {
        return create(source, dates, columns, List.of());
    }

    /** Used by the reader: same checks as {@link #of}, plus the repairs. */
    static PriceSeries create(
            String source, List<LocalDate> dates, Map<String, double[]> columns, List<Repair> repairs) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(columns, "columns");
        List<LocalDate> dateCopy = List.copyOf(dates);
        for (int i = 1; i < dateCopy.size(); i++) {
            if (!dateCopy.get(i).isAfter(dateCopy.get(i - 1))) {
                throw new DataException(source + " row " + (i + 1) + ": date " + dateCopy.get(i)
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
                throw new DataException(source + ": columns '" + previous + "' and '" + name
                        + "' have the same name (column names are case-insensitive)");
            }
            if (values.length != dateCopy.size()) {
                throw new DataException(source + ": column " + name + " has " + values.length + " values but there are "
                        + dateCopy.size() + " dates");
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new DataException(source + " row " + (i + 1) + " (" + dateCopy.get(i) + "), column " + name
                            + ": value " + values[i] + " is not a finite number");
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
     * @throws DataException if there is no such column; the message lists the available ones
     */
    public double[] column(String name) {
        Integer i = name == null ? null : columnIndex.get(key(name));
        if (i == null) {
            throw new DataException(
                    source + ": no column '" + name + "'; available columns: " + String.join(", ", columnNames));
        }
        return columns[i].clone();
    }

    /**
     * The cells that were missing in the source and filled in, in row order, then column order.
     * Empty for clean data.
     *
     * @return unmodifiable list of repairs
     */
    public List<Repair> repairs() {
        return repairs;
    }

    /**
     * Summarises the repairs as warnings, one per column, with the count and the first places:
     * {@code "AAPL.csv, column Close: 3 missing cells filled from their neighbours (mean of the
     * nearest values before and after; the nearest value at the ends): lines 4 (2020-01-06),
     * 17 (2020-01-24), 90 (2020-05-08)"}.
     *
     * @return the warnings, empty for clean data
     */
    public List<String> repairWarnings() {
        Map<String, List<Repair>> byColumn = new LinkedHashMap<>();
        for (String name : columnNames) {
            byColumn.put(name, new ArrayList<>());
        }
        for (Repair r : repairs) {
            byColumn.computeIfAbsent(r.column(), k -> new ArrayList<>()).add(r);
        }
        List<String> out = new ArrayList<>();
        byColumn.forEach((column, list) -> {
            if (list.isEmpty()) {
                return;
            }
            StringBuilder b = new StringBuilder(source)
                    .append(", column ")
                    .append(column)
                    .append(": ")
                    .append(list.size())
                    .append(list.size() == 1 ? " missing cell" : " missing cells")
                    .append(" filled from the neighbours (mean of the nearest values before and after; the nearest"
                            + " value at the ends): ")
                    .append(list.size() == 1 ? "line " : "lines ");
            for (int i = 0; i < Math.min(PLACES_LISTED, list.size()); i++) {
                Repair r = list.get(i);
                b.append(i == 0 ? "" : ", ")
                        .append(r.line())
                        .append(" (")
                        .append(r.date())
                        .append(')');
            }
            if (list.size() > PLACES_LISTED) {
                b.append(" and ").append(list.size() - PLACES_LISTED).append(" more");
            }
            out.add(b.toString());
        });
        return out;
    }

    /**
     * Returns the rows whose date lies in {@code [fromInclusive, toExclusive)}. The result keeps
     * this series' {@link #source()} and only the repairs of the rows it contains. It may be
     * empty.
     *
     * @param fromInclusive first date to keep, or {@code null} for no lower bound
     * @param toExclusive   first date to drop, or {@code null} for no upper bound
     * @return the sub-series
     * @throws DataException if both bounds are given and {@code toExclusive} is before
     *                            {@code fromInclusive}
     */
    public PriceSeries between(LocalDate fromInclusive, LocalDate toExclusive) {
        if (fromInclusive != null && toExclusive != null && toExclusive.isBefore(fromInclusive)) {
            throw new DataException(
                    source + ": empty date range, end " + toExclusive + " is before start " + fromInclusive);
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
        return new PriceSeries(source, dates.subList(from, to), columnNames, sub, List.copyOf(keptRepairs));
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
        String range = dates.isEmpty()
                ? "no rows"
                : dates.size() + " rows " + dates.get(0) + ".." + dates.get(dates.size() - 1);
        return "PriceSeries[" + source + ", " + range + ", columns=" + columnNames
                + (repairs.isEmpty() ? "" : ", " + repairs.size() + " repaired cells") + "]";
    }
}
