package dev.lstmforge.plugins.stock.feature;

import dev.lstmforge.support.DataException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a {@link WindowEncoder} turns raw feature windows and the next-day target into model
 * numbers.
 */
public enum Representation {

    /**
     * The classic setup: every feature is min-max scaled to [0, 1] with the minimum and maximum
     * fitted on the training rows only; the target is the next Close scaled the same way as the
     * Close feature. Values of later periods may fall outside [0, 1] (prices above the training
     * maximum map above 1), which is exactly where this representation struggles.
     */
    GLOBAL_MINMAX,

    /**
     * Scale-free windows that cope with prices far outside the training range. Within a window
     * ending at row {@code L}: CLOSE becomes {@code close / close[L] - 1}; MACD becomes
     * {@code macd / close[L]}; VOLUME becomes {@code volume / mean(window volume) - 1} (0 if the
     * mean is 0); RSI becomes {@code rsi / 100 - 0.5}. The target is
     * {@code (close[L+1] / close[L] - 1) / returnScale}, where {@code returnScale} is the sample
     * standard deviation of daily close-to-close returns over the training rows.
     */
    WINDOW_NORMALISED;

    /**
     * Parses a representation name, case-insensitively.
     *
     * @param name e.g. {@code "window_normalised"}
     * @return the representation
     * @throws DataException naming the valid choices if unknown
     */
    public static Representation parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            for (Representation r : values()) {
                if (r.name().equals(n)) {
                    return r;
                }
            }
        }
        throw new DataException(
                "unknown representation '" + name + "'; valid representations: " + Arrays.toString(values()));
    }
}
