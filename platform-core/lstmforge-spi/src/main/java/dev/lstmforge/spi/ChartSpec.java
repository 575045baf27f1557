package dev.lstmforge.spi;

import java.util.List;
import java.util.Objects;

/**
 * A line chart described as data; the host draws it (as PNG) so plugins need no plotting
 * library. X values are numbers; for dates use an index and say so in {@code xLabel}.
 *
 * <pre>{@code
 * new ChartSpec("AAPL test period", "trading day", "USD", List.of(
 *         new ChartSpec.Series("actual", days, actual),
 *         new ChartSpec.Series("LSTM", days, predicted)));
 * }</pre>
 *
 * @param title the chart title; also used to name the PNG file
 * @param xLabel the x-axis label
 * @param yLabel the y-axis label
 * @param series one or more lines
 */
public record ChartSpec(String title, String xLabel, String yLabel, List<Series> series) {

    /** Validates and copies. */
    public ChartSpec {
        Objects.requireNonNull(title, "title");
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
    }

    /**
     * One named line.
     *
     * @param name legend name
     * @param x x values
     * @param y y values, same length as {@code x}
     */
    public record Series(String name, double[] x, double[] y) {

        /** Validates the lengths. */
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series '" + name + "': " + x.length + " x values but " + y.length + " y");
            }
        }

        /**
         * Creates a series whose x values are 0, 1, 2, ...
         *
         * @param name legend name
         * @param y y values
         * @return the series
         */
        public static Series indexed(String name, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            return new Series(name, x, y);
        }
    }
}
