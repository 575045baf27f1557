package dev.lstmforge.plugins.sensor;

import dev.lstmforge.plugins.sensor.data.SensorSeries;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The features sensor models are watched on for drift: each column's step-to-step change
 * ({@code <column>_diff}), which tells whether the sensor's dynamics (noise, rate of change,
 * sampling) still look like the training data's.
 *
 * <p>Raw readings were measured and rejected: a slowly varying series is not represented by a few
 * days of readings, so every window of 900 consecutive readings from the training half of NAB's
 * machine temperature differed from that half (KS p &lt; 0.05 in 12 of 12 windows, and in 20 of 20
 * block resamples). The changes were calibrated (0 of 12 windows, 1 of 20 resamples, the 5%
 * expected). They do not see a shift in level; that is what the anomaly score itself reports.
 *
 * <pre>{@code
 * Map<String, double[]> f = SensorDrift.of(series, series.rows());   // {value_diff: [...]}
 * }</pre>
 */
public final class SensorDrift {

    /** The output feature: the anomaly score of each reading. */
    public static final String SCORE = "score";

    /** Suffix of the feature names. */
    public static final String SUFFIX = "_diff";

    private SensorDrift() {}

    /**
     * Computes the step-to-step changes of every column over the first {@code rows} rows.
     *
     * @param series the readings
     * @param rows how many rows to use, from the first
     * @return one feature per column, {@code rows - 1} values each
     */
    public static Map<String, double[]> of(SensorSeries series, int rows) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < series.columns().size(); c++) {
            double[] v = series.column(c);
            int n = Math.min(rows, v.length);
            double[] d = new double[Math.max(0, n - 1)];
            for (int i = 1; i < n; i++) {
                d[i - 1] = v[i] - v[i - 1];
            }
            out.put(series.columns().get(c) + SUFFIX, d);
        }
        return out;
    }
}
