package dev.lstmforge.plugins.sensor.data;

import dev.lstmforge.support.data.Scaler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The support library's {@link Scaler} applied to sensor series: fitted on the training rows of a
 * series, applied to any series with the same columns, and checked for values far outside what
 * the model saw in training.
 */
public final class SeriesScaling {

    /** Warn when at least this share of a column's rows lies outside its training range. */
    public static final double RANGE_WARNING_SHARE = 0.05;

    private SeriesScaling() {}

    /**
     * Fits a z-score scaler on rows {@code [from, to)}; messages name the series and its columns.
     *
     * @param s the series
     * @param from first training row
     * @param to end of the training rows, exclusive
     * @return the scaler
     */
    public static Scaler fitStandard(SensorSeries s, int from, int to) {
        return Scaler.builder()
                .setKind(Scaler.Kind.STANDARD)
                .optColumns(s.columns())
                .optSource(s.source())
                .fit(s.valuesView(), from, to);
    }

    /**
     * Scales every row of a series.
     *
     * @param scaler the fitted scaler
     * @param s a series with the scaler's columns, in its order
     * @return the scaled values, [row][column]
     */
    public static double[][] scale(Scaler scaler, SensorSeries s) {
        return scaler.transformAll(s.valuesView());
    }

    /**
     * Describes the columns of rows {@code [from, to)} of which at least
     * {@link #RANGE_WARNING_SHARE} lies outside the training range, naming the series and the time
     * of the farthest value: {@code "test.csv column temp: 812 of 1000 rows outside the training
     * range [20, 80]; farthest 131.5 at 2024-01-02 10:00"}.
     *
     * @param scaler the fitted scaler
     * @param s a series with the scaler's columns, in its order
     * @param from first row to check
     * @param to end of the rows to check, exclusive
     * @return one line per column to warn about
     */
    public static List<String> rangeWarnings(Scaler scaler, SensorSeries s, int from, int to) {
        double[][] part = Arrays.copyOfRange(s.valuesView(), from, to);
        List<String> out = new ArrayList<>();
        for (Scaler.OutOfRange o : scaler.outOfRange(part, RANGE_WARNING_SHARE)) {
            out.add(s.source() + " " + o.describe() + " at "
                    + TimeText.formatShort(s.epochMillis(from + o.farthestRow())));
        }
        return out;
    }
}
