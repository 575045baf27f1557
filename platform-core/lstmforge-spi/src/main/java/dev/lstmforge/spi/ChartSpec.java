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

    /** How a series is drawn. */
    public enum Style {
        /** A line through the points. */
        LINE,
        /** A filled area down to zero, e.g. to shade labelled anomaly windows. */
        AREA,
        /** Markers only, e.g. detected points. */
        MARKERS
    }

    /**
     * One named series.
     *
     * @param name legend name
     * @param x x values
     * @param y y values, same length as {@code x}; NaN leaves a gap
     * @param style how to draw it
     */
    public record Series(String name, double[] x, double[] y, Style style) {

        /** Validates the lengths. */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(style, "style");
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "series '" + name + "': " + x.length + " x values but " + y.length + " y");
            }
        }

        /**
         * Creates a line series.
         *
         * @param name legend name
         * @param x x values
         * @param y y values
         */
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, Style.LINE);
        }

        /**
         * Creates a line series whose x values are 0, 1, 2, ...
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

        /**
         * Returns the same data drawn another way.
         *
         * @param newStyle the style
         * @return the restyled series
         */
        public Series as(Style newStyle) {
            return new Series(name, x, y, newStyle);
        }
    }
}
