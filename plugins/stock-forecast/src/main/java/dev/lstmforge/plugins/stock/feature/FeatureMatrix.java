package dev.lstmforge.plugins.stock.feature;

import dev.lstmforge.plugins.stock.data.PriceSeries;
import dev.lstmforge.support.DataException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Raw (unscaled) per-day feature values, one row per trading day, with {@link Feature#CLOSE}
 * always in column 0.
 *
 * <p><b>Warm-up.</b> When built from a {@link PriceSeries}, indicators are computed over the whole
 * series and the first {@link #firstUsableRow()} rows (the largest {@link Feature#warmUpRows()} of
 * the selected features) are dropped, so row 0 of the matrix is series row
 * {@code firstUsableRow()}. With only CLOSE and VOLUME nothing is dropped.
 *
 * <p><b>Appending.</b> {@link #withAppendedRow(double)} supports iterative multi-step forecasting:
 * the new row has the forecast Close and repeats every other feature of the last row. Indicators
 * are deliberately not recomputed from forecast prices: doing so would feed the model's own error
 * back into RSI/MACD and silently turn one model into a different one; holding them at their last
 * observed value is the simple, explicit assumption. Appending is amortised O(featureCount): a
 * matrix and the matrices appended from it share one growing column store; only appending twice
 * to the same matrix (branching) copies.
 *
 * <p>Instances are immutable (from the caller's view) and safe to share between threads.
 */
public final class FeatureMatrix {

    /** Look-back of {@link Feature#RSI}. */
    public static final int RSI_PERIOD = 14;
    /** Short EMA of {@link Feature#MACD}. */
    public static final int MACD_SHORT_PERIOD = 12;
    /** Long EMA of {@link Feature#MACD}. */
    public static final int MACD_LONG_PERIOD = 26;

    /**
     * Column store shared by a matrix and those appended from it. Slots below {@code length}
     * never change; a matrix with {@code rows == length} may claim slot {@code length}.
     */
    static final class Store {
        final double[][] cols; // [feature][row]
        final LocalDate[] dates;
        int length; // guarded by this

        Store(double[][] cols, LocalDate[] dates, int length) {
            this.cols = cols;
            this.dates = dates;
            this.length = length;
        }

        int capacity() {
            return dates.length;
        }
    }

    private final String source;
    private final List<Feature> features;
    private final int[] columnByOrdinal;
    private final int firstUsableRow;
    private final Store store;
    private final int rows;

    private FeatureMatrix(String source, List<Feature> features, int firstUsableRow, Store store, int rows) {
        this.source = source;
        this.features = features;
        this.firstUsableRow = firstUsableRow;
        this.store = store;
        this.rows = rows;
        int[] idx = new int[Feature.values().length];
        Arrays.fill(idx, -1);
        for (int i = 0; i < features.size(); i++) {
            idx[features.get(i).ordinal()] = i;
        }
        this.columnByOrdinal = idx;
    }

    /**
     * Computes the features of a price series.
     *
     * @param series   the prices; needs a {@code Close} column (all positive) and, for
     *                 {@link Feature#VOLUME}, a {@code Volume} column
     * @param features wanted features; normalised with {@link Feature#normalise} (CLOSE first)
     * @return the matrix, starting at series row {@link Feature#warmUpRows(List)}; it has zero rows
     *         if the series is not longer than the warm-up
     * @throws DataException if a needed column is missing or a close is not positive
     */
    public static FeatureMatrix build(PriceSeries series, List<Feature> features) {
        Objects.requireNonNull(series, "series");
        List<Feature> fs = Feature.normalise(features);
        String source = series.source();
        double[] close = series.column("Close");
        for (int i = 0; i < close.length; i++) {
            if (!(close[i] > 0)) {
                throw new DataException(source + " row " + (i + 1) + " (" + series.date(i) + "), column Close: "
                        + close[i] + " is not a positive price");
            }
        }
        int warmUp = Feature.warmUpRows(fs);
        int n = Math.max(0, series.size() - warmUp);
        double[][] cols = new double[fs.size()][];
        BarSeries bars = null;
        ClosePriceIndicator closeIndicator = null;
        for (int j = 0; j < fs.size(); j++) {
            Feature f = fs.get(j);
            double[] full;
            switch (f) {
                case CLOSE -> full = close;
                case VOLUME -> {
                    if (!series.hasColumn("Volume")) {
                        throw new DataException(source + ": feature VOLUME needs a Volume column;"
                                + " available columns: " + String.join(", ", series.columnNames()));
                    }
                    full = series.column("Volume");
                }
                case RSI, MACD -> {
                    if (bars == null) {
                        bars = toBarSeries(source, series.dates(), close);
                        closeIndicator = new ClosePriceIndicator(bars);
                    }
                    full = f == Feature.RSI
                            ? indicatorValues(series, f, new RSIIndicator(closeIndicator, RSI_PERIOD), warmUp)
                            : indicatorValues(
                                    series,
                                    f,
                                    new MACDIndicator(closeIndicator, MACD_SHORT_PERIOD, MACD_LONG_PERIOD),
                                    warmUp);
                }
                default -> throw new IllegalStateException("unhandled feature " + f);
            }
            int from = Math.min(warmUp, full.length);
            cols[j] = Arrays.copyOfRange(full, from, from + n);
        }
        LocalDate[] dates = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            dates[i] = series.date(warmUp + i);
        }
        return new FeatureMatrix(source, fs, warmUp, new Store(cols, dates, n), n);
    }

    /**
     * Wraps already-computed raw values (e.g. synthetic data for tests or another pipeline's
     * output). {@link #firstUsableRow()} is 0.
     *
     * @param source   display name used in messages
     * @param features column order; must start with {@link Feature#CLOSE} and have no duplicates
     * @param dates    strictly ascending, one per row
     * @param values   {@code [row][feature]}, finite, with positive closes; copied
     * @return the matrix
     * @throws DataException if any of the above does not hold
     */
    public static FeatureMatrix of(String source, List<Feature> features, List<LocalDate> dates, double[][] values) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(values, "values");
        List<Feature> fs = Feature.normalise(features);
        if (!fs.equals(features)) {
            throw new DataException(source + ": feature columns " + features + " must start with CLOSE, e.g. " + fs);
        }
        if (dates.size() != values.length) {
            throw new DataException(source + ": " + dates.size() + " dates but " + values.length + " value rows");
        }
        int n = values.length;
        double[][] cols = new double[fs.size()][n];
        LocalDate[] ds = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            ds[i] = Objects.requireNonNull(dates.get(i), "date of row " + (i + 1));
            if (i > 0 && !ds[i].isAfter(ds[i - 1])) {
                throw new DataException(source + " row " + (i + 1) + ": date " + ds[i]
                        + " is not after the previous row's date " + ds[i - 1]);
            }
            if (values[i] == null || values[i].length != fs.size()) {
                throw new DataException(source + " row " + (i + 1) + ": expected " + fs.size() + " values " + fs
                        + ", found " + (values[i] == null ? "null" : values[i].length));
            }
            for (int j = 0; j < fs.size(); j++) {
                double v = values[i][j];
                if (!Double.isFinite(v) || (j == 0 && !(v > 0))) {
                    throw new DataException(source + " row " + (i + 1) + " (" + ds[i] + "), feature " + fs.get(j) + ": "
                            + v + " is not " + (j == 0 ? "a positive price" : "finite"));
                }
                cols[j][i] = v;
            }
        }
        return new FeatureMatrix(source, fs, 0, new Store(cols, ds, n), n);
    }

    private static BarSeries toBarSeries(String source, List<LocalDate> dates, double[] close) {
        BarSeries bars = new BaseBarSeriesBuilder()
                .withName(source)
                .withNumTypeOf(DoubleNum::valueOf)
                .build();
        for (int i = 0; i < close.length; i++) {
            ZonedDateTime end = dates.get(i).plusDays(1).atStartOfDay(ZoneOffset.UTC);
            // Only the close matters to the indicators used here.
            bars.addBar(end, close[i], close[i], close[i], close[i], 0);
        }
        return bars;
    }

    private static double[] indicatorValues(PriceSeries series, Feature f, Indicator<Num> indicator, int from) {
        int n = series.size();
        double[] out = new double[n];
        // CachedIndicator fills its cache up to the requested index; walking forward keeps that cheap.
        for (int i = 0; i < n; i++) {
            double v = indicator.getValue(i).doubleValue();
            if (i >= from && !Double.isFinite(v)) {
                throw new DataException(series.source() + " row " + (i + 1) + " (" + series.date(i) + "): indicator "
                        + f.label() + " is " + v + "; check the Close column around that date");
            }
            out[i] = i < from ? 0 : v;
        }
        return out;
    }

    /** @return display name of the data source, used in messages */
    public String source() {
        return source;
    }

    /** @return the feature columns, CLOSE first, unmodifiable */
    public List<Feature> features() {
        return features;
    }

    /** @return number of feature columns */
    public int featureCount() {
        return features.size();
    }

    /** @return number of rows (usable days, plus any appended rows) */
    public int rows() {
        return rows;
    }

    /**
     * @return the index, in the source {@link PriceSeries}, of this matrix's row 0: the number of
     *         warm-up rows dropped (0 for {@link #of})
     */
    public int firstUsableRow() {
        return firstUsableRow;
    }

    /**
     * @param f a feature
     * @return its column, or -1 if the matrix does not have it
     */
    public int columnOf(Feature f) {
        return columnByOrdinal[f.ordinal()];
    }

    /**
     * @param row 0-based row
     * @return the date of that row (appended rows get the next weekday after the previous row)
     */
    public LocalDate date(int row) {
        checkRow(row);
        return store.dates[row];
    }

    /**
     * @param row    0-based row
     * @param column 0-based feature column
     * @return the raw value
     */
    public double value(int row, int column) {
        checkRow(row);
        return store.cols[column][row];
    }

    /**
     * @param row 0-based row
     * @param f   a feature of this matrix
     * @return the raw value
     * @throws DataException if the matrix does not have the feature
     */
    public double value(int row, Feature f) {
        return value(row, requireColumn(f));
    }

    /** @return a fresh copy of the raw values, {@code [row][feature]} */
    public double[][] values() {
        double[][] out = new double[rows][features.size()];
        for (int j = 0; j < features.size(); j++) {
            double[] col = store.cols[j];
            for (int i = 0; i < rows; i++) {
                out[i][j] = col[i];
            }
        }
        return out;
    }

    /** @return a fresh copy of the Close column */
    public double[] close() {
        return Arrays.copyOf(store.cols[0], rows);
    }

    /**
     * @param f a feature of this matrix
     * @return a fresh copy of its column
     */
    public double[] column(Feature f) {
        return Arrays.copyOf(store.cols[requireColumn(f)], rows);
    }

    /**
     * @param date a date
     * @return the first row whose date is on or after {@code date}, or {@link #rows()} if none;
     *         handy for turning a split date into a row index
     */
    public int rowOnOrAfter(LocalDate date) {
        int lo = 0;
        int hi = rows;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (store.dates[mid].isBefore(date)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Returns the {@code count} rows ending at {@code lastRow} as a matrix of their own, with room
     * to append forecasts: what an iterative forecast from day {@code lastRow} needs, without
     * the rows after it.
     *
     * @param lastRow the last row to keep
     * @param count how many rows to keep, at least 1; fewer when the matrix starts later
     * @return the rows {@code max(0, lastRow - count + 1) .. lastRow}
     * @throws DataException if {@code lastRow} is outside the matrix
     */
    public FeatureMatrix tail(int lastRow, int count) {
        checkRow(lastRow);
        int from = Math.max(0, lastRow - count + 1);
        int n = lastRow - from + 1;
        int capacity = n + 32;
        double[][] cols = new double[features.size()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = Arrays.copyOf(Arrays.copyOfRange(store.cols[j], from, lastRow + 1), capacity);
        }
        LocalDate[] dates = Arrays.copyOf(Arrays.copyOfRange(store.dates, from, lastRow + 1), capacity);
        return new FeatureMatrix(source, features, firstUsableRow, new Store(cols, dates, n), n);
    }

    /**
     * Returns this matrix plus one row: Close = {@code close}, every other feature repeats the last
     * row's raw value, and the date is the next weekday (Saturday/Sunday skipped, holidays not).
     * This matrix is unchanged.
     *
     * @param close the (forecast) close of the new day; positive and finite
     * @return the longer matrix
     * @throws DataException if the close is not positive and finite, or the matrix is empty
     */
    public FeatureMatrix withAppendedRow(double close) {
        if (!(close > 0) || Double.isInfinite(close)) {
            throw new DataException(
                    source + ": cannot append a row with close " + close + "; a price must be positive and finite");
        }
        if (rows == 0) {
            throw new DataException(source + ": cannot append to an empty feature matrix");
        }
        LocalDate date = nextWeekday(store.dates[rows - 1]);
        int width = features.size();
        synchronized (store) {
            if (store.length == rows && rows < store.capacity()) {
                write(store, rows, date, close);
                store.length = rows + 1;
                return new FeatureMatrix(source, features, firstUsableRow, store, rows + 1);
            }
        }
        // Either the store is full or another matrix already extended it past our rows: copy.
        int capacity = Math.max(rows + 16, rows * 2);
        double[][] cols = new double[width][];
        for (int j = 0; j < width; j++) {
            cols[j] = Arrays.copyOf(store.cols[j], capacity);
        }
        Store grown = new Store(cols, Arrays.copyOf(store.dates, capacity), rows + 1);
        write(grown, rows, date, close);
        return new FeatureMatrix(source, features, firstUsableRow, grown, rows + 1);
    }

    private static void write(Store s, int row, LocalDate date, double close) {
        s.dates[row] = date;
        s.cols[0][row] = close;
        for (int j = 1; j < s.cols.length; j++) {
            s.cols[j][row] = s.cols[j][row - 1];
        }
    }

    private static LocalDate nextWeekday(LocalDate d) {
        LocalDate next = d.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** Direct column access for the encoder; callers must stay below {@link #rows()}. */
    double[] columnStore(int column) {
        return store.cols[column];
    }

    int requireColumn(Feature f) {
        int c = columnByOrdinal[Objects.requireNonNull(f, "feature").ordinal()];
        if (c < 0) {
            throw new DataException(
                    source + ": feature " + f + " is not in the feature matrix" + " (it has " + features + ")");
        }
        return c;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new DataException(source + ": row " + row + " is outside the feature matrix (0.." + (rows - 1) + ")");
        }
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + source + ", " + rows + " rows"
                + (rows == 0 ? "" : " " + store.dates[0] + ".." + store.dates[rows - 1])
                + ", features=" + features + ", firstUsableRow=" + firstUsableRow + "]";
    }
}
