package dev.lstmforge.plugins.stock.feature;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The per-day input features a model can be given. All are computed from the {@code Close}
 * column except {@link #VOLUME}.
 *
 * <p><b>Warm-up.</b> ta4j 0.17 seeds its moving averages (Wilder's average in RSI, the EMAs in
 * MACD) with the first value of the series and reports {@code getUnstableBars() == 0}, so the
 * first values are biased by that seed. Each feature therefore declares {@link #warmUpRows()}:
 * three periods of its slowest average, after which the seed's weight is below 5%
 * ({@code (13/14)^42 ≈ 0.045} for RSI(14), {@code (25/27)^78 ≈ 0.003} for the EMA(26) in MACD).
 * {@link FeatureMatrix} drops the largest warm-up of its features from the top.
 */
public enum Feature {

    /** Closing price. Always the first feature; it is also the forecasting target. */
    CLOSE("Close", 0),

    /** Daily traded volume (shares), from the {@code Volume} column. */
    VOLUME("Volume", 0),

    /** Relative strength index RSI(14) of the close, in [0, 100] (ta4j {@code RSIIndicator}). */
    RSI("RSI(14)", 3 * FeatureMatrix.RSI_PERIOD),

    /**
     * MACD line EMA(12) - EMA(26) of the close, in price units (ta4j {@code MACDIndicator}).
     */
    MACD("MACD(12,26)", 3 * FeatureMatrix.MACD_LONG_PERIOD);

    private final String label;
    private final int warmUpRows;

    Feature(String label, int warmUpRows) {
        this.label = label;
        this.warmUpRows = warmUpRows;
    }

    /** @return a short human-readable label, e.g. {@code RSI(14)} */
    public String label() {
        return label;
    }

    /**
     * @return number of leading rows of a series on which this feature is not yet trustworthy
     *         (0 for raw columns)
     */
    public int warmUpRows() {
        return warmUpRows;
    }

    /** @return whether the feature is in price units (scales with the price level) */
    public boolean isPriceLike() {
        return this == CLOSE || this == MACD;
    }

    /**
     * Parses a feature name, case-insensitively and ignoring surrounding whitespace.
     *
     * @param name e.g. {@code "close"}, {@code "RSI"}
     * @return the feature
     * @throws DataException naming the valid choices if unknown
     */
    public static Feature parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            for (Feature f : values()) {
                if (f.name().equals(n)) {
                    return f;
                }
            }
        }
        throw new DataException("unknown feature '" + name + "'; valid features: " + Arrays.toString(values()));
    }

    /**
     * Puts a feature list into canonical form: {@link #CLOSE} first (added if absent, moved to the
     * front if elsewhere), the others in the given order.
     *
     * @param features requested features
     * @return an unmodifiable canonical list
     * @throws DataException if the list contains a null or a duplicate
     */
    public static List<Feature> normalise(List<Feature> features) {
        if (features == null) {
            return List.of(CLOSE);
        }
        Set<Feature> seen = EnumSet.noneOf(Feature.class);
        List<Feature> out = new ArrayList<>(features.size() + 1);
        out.add(CLOSE);
        for (Feature f : features) {
            if (f == null) {
                throw new DataException("feature list " + features + " contains null");
            }
            if (!seen.add(f)) {
                throw new DataException("feature " + f + " is listed twice in " + features);
            }
            if (f != CLOSE) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the CSV columns these features are computed from: {@code Date} and {@code Close},
     * plus {@code Volume} for {@link #VOLUME}.
     *
     * @param features the model's features
     * @return the column names, {@code Date} first
     */
    public static List<String> csvColumns(List<Feature> features) {
        List<String> columns = new ArrayList<>(List.of("Date", "Close"));
        if (features.contains(VOLUME)) {
            columns.add("Volume");
        }
        return List.copyOf(columns);
    }

    /**
     * @param features features of a matrix
     * @return the largest {@link #warmUpRows()} among them (0 for an empty list)
     */
    public static int warmUpRows(List<Feature> features) {
        int w = 0;
        for (Feature f : features) {
            w = Math.max(w, f.warmUpRows);
        }
        return w;
    }
}
