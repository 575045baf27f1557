package dev.lstmforge.plugins.stock.feature;

/**
 * Daily log returns, the feature the stock model is watched on for drift: {@code ln(c[i] / c[i-1])}.
 * Scale-free, so a new price level alone is not drift, while a change in volatility or trend is.
 *
 * <pre>{@code
 * double[] r = DailyReturns.log(new double[] {100, 110, 99});   // [0.0953, -0.1054]
 * }</pre>
 */
public final class DailyReturns {

    /** The feature's name in drift profiles. */
    public static final String FEATURE = "log_return";

    /**
     * The output feature: the log return from the last known close to the model's next-day
     * forecast, {@code ln(forecast / lastClose)}.
     */
    public static final String FORECAST_FEATURE = "forecast_return";

    private DailyReturns() {}

    /**
     * Computes the log returns of a series of positive closes.
     *
     * @param close closes in date order
     * @return one value fewer than {@code close}; empty for fewer than two closes
     */
    public static double[] log(double[] close) {
        if (close.length < 2) {
            return new double[0];
        }
        double[] r = new double[close.length - 1];
        for (int i = 1; i < close.length; i++) {
            r[i - 1] = Math.log(close[i] / close[i - 1]);
        }
        return r;
    }
}
