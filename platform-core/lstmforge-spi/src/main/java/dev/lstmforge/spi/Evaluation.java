package dev.lstmforge.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable result of evaluating a trained model on held-out data: named metrics, a verdict
 * line, charts, heatmaps (such as a confusion matrix) and free-form text sections (samples, notes).
 *
 * <pre>{@code
 * Evaluation ev = Evaluation.builder()
 *         .metric("rmse", 3.21)
 *         .metric("persistence_rmse", 3.05)
 *         .summary("RMSE 3.21 vs persistence 3.05: within 10% of the naive forecast")
 *         .chart(chart)
 *         .heatmap(HeatmapSpec.confusion("Confusion matrix", classes, counts))
 *         .build();
 * }</pre>
 */
public final class Evaluation {

    private final Map<String, Double> metrics;
    private final String summary;
    private final List<ChartSpec> charts;
    private final List<HeatmapSpec> heatmaps;
    private final Map<String, String> sections;
    private final Map<String, double[]> driftOutputs;

    private Evaluation(Builder b) {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        summary = b.summary;
        charts = List.copyOf(b.charts);
        heatmaps = List.copyOf(b.heatmaps);
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(b.sections));
        driftOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.driftOutputs));
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding a copy of this evaluation, to add to it.
     *
     * @return a pre-filled builder
     */
    public Builder toBuilder() {
        Builder b = new Builder().metrics(metrics).summary(summary);
        charts.forEach(b::chart);
        heatmaps.forEach(b::heatmap);
        sections.forEach(b::section);
        driftOutputs.forEach(b::driftOutput);
        return b;
    }

    /**
     * Returns the metrics in the order the plugin added them.
     *
     * @return metric name to value
     */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /**
     * Returns a one-line verdict for reports, possibly empty.
     *
     * @return the summary
     */
    public String summary() {
        return summary;
    }

    /**
     * Returns the charts to draw.
     *
     * @return the charts
     */
    public List<ChartSpec> charts() {
        return charts;
    }

    /**
     * Returns the heatmaps to draw, such as confusion matrices.
     *
     * @return the heatmaps, possibly empty
     */
    public List<HeatmapSpec> heatmaps() {
        return heatmaps;
    }

    /**
     * Returns titled text sections, such as generated samples.
     *
     * @return title to text
     */
    public Map<String, String> sections() {
        return sections;
    }

    /**
     * Returns the model's outputs on the held-out part, by feature: the reference that output
     * drift (what the model answers in production) is compared with. The names are those the
     * serving translator's {@link DriftFeatures#outputFeatures} reports.
     *
     * @return feature name to values; empty when the project reports none
     */
    public Map<String, double[]> driftOutputs() {
        return driftOutputs;
    }

    /** Collects the parts of an evaluation. */
    public static final class Builder {

        private static final java.util.regex.Pattern METRIC_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*");

        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private String summary = "";
        private final List<ChartSpec> charts = new ArrayList<>();
        private final List<HeatmapSpec> heatmaps = new ArrayList<>();
        private final Map<String, String> sections = new LinkedHashMap<>();
        private final Map<String, double[]> driftOutputs = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a metric.
         *
         * @param name the metric name, snake_case
         * @param value the value
         * @return this builder
         */
        public Builder metric(String name, double value) {
            if (!METRIC_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
                throw new IllegalArgumentException(
                        "metric name '" + name + "' must be snake_case (lower-case letters, digits, '_')");
            }
            metrics.put(name, value);
            return this;
        }

        /**
         * Adds several metrics in their map order.
         *
         * @param values name to value
         * @return this builder
         */
        public Builder metrics(Map<String, Double> values) {
            values.forEach(this::metric);
            return this;
        }

        /**
         * Sets the one-line verdict.
         *
         * @param text the verdict
         * @return this builder
         */
        public Builder summary(String text) {
            summary = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * Adds a chart.
         *
         * @param chart the chart
         * @return this builder
         */
        public Builder chart(ChartSpec chart) {
            charts.add(Objects.requireNonNull(chart, "chart"));
            return this;
        }

        /**
         * Adds a heatmap, such as a confusion matrix.
         *
         * @param heatmap the heatmap
         * @return this builder
         */
        public Builder heatmap(HeatmapSpec heatmap) {
            heatmaps.add(Objects.requireNonNull(heatmap, "heatmap"));
            return this;
        }

        /**
         * Adds a titled text section.
         *
         * @param title the title
         * @param text the text, shown pre-formatted
         * @return this builder
         */
        public Builder section(String title, String text) {
            sections.put(Objects.requireNonNull(title, "title"), Objects.requireNonNull(text));
            return this;
        }

        /**
         * Records the model's outputs on the held-out part for one output feature (see
         * {@link Evaluation#driftOutputs()}).
         *
         * <pre>{@code
         * b.driftOutput("forecast_return", predictedLogReturns);
         * }</pre>
         *
         * @param name the feature name, as {@link DriftFeatures#outputFeatures} names it
         * @param values the outputs
         * @return this builder
         */
        public Builder driftOutput(String name, double[] values) {
            driftOutputs.put(Objects.requireNonNull(name, "name"), values.clone());
            return this;
        }

        /**
         * Builds the evaluation.
         *
         * @return the evaluation
         */
        public Evaluation build() {
            return new Evaluation(this);
        }
    }
}
