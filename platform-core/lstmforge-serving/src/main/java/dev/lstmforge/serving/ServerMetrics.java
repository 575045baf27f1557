package dev.lstmforge.serving;

import dev.lstmforge.runtime.drift.DriftResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics, in a registry of its own (two servers in one JVM do not mix
 * their counts). Every series is labelled with the model's name and version:
 *
 * <pre>
 * lstmforge_requests_total{model,version,code}     answered requests by HTTP status
 * lstmforge_request_duration_seconds{model,version} time from arrival to answer (histogram)
 * lstmforge_batch_size{model,version}               requests per forward pass (histogram)
 * lstmforge_queue_depth{model,version}              requests waiting for a worker
 * lstmforge_workers{model,version}                  worker threads
 * lstmforge_drift_psi{model,version,feature}        PSI of the live inputs vs the training reference
 * lstmforge_drift_ks_p_value{model,version,feature} two-sample KS p-value, same comparison
 * lstmforge_drift_detected{model,version}           1 when the live inputs count as drifted
 * </pre>
 *
 * <pre>{@code
 * ServerMetrics metrics = new ServerMetrics(registry::models);
 * metrics.answered("stock-forecast", "3", 200, 0.004);
 * String text = metrics.scrape();
 * }</pre>
 */
public final class ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Histogram batchSize;

    /**
     * Creates the metrics.
     *
     * @param models the models served now, read at each scrape for the gauges
     */
    public ServerMetrics(Supplier<Collection<ServedModel>> models) {
        requests = Counter.builder()
                .name("lstmforge_requests_total")
                .help("Inference requests answered, by HTTP status")
                .labelNames("model", "version", "code")
                .withoutExemplars()
                .register(registry);
        latency = Histogram.builder()
                .name("lstmforge_request_duration_seconds")
                .help("Time from a request's arrival to its answer")
                .labelNames("model", "version")
                .classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .withoutExemplars()
                .register(registry);
        batchSize = Histogram.builder()
                .name("lstmforge_batch_size")
                .help("Requests answered by one forward pass")
                .labelNames("model", "version")
                .classicOnly()
                .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .withoutExemplars()
                .register(registry);
        GaugeWithCallback.builder()
                .name("lstmforge_queue_depth")
                .help("Requests waiting for a worker")
                .labelNames("model", "version")
                .callback(cb -> models.get().forEach(m -> cb.call(m.queued(), m.name(), m.version())))
                .register(registry);
        GaugeWithCallback.builder()
                .name("lstmforge_drift_psi")
                .help("Population Stability Index of live inputs against the training reference, per feature")
                .labelNames("model", "version", "feature")
                .callback(cb -> models.get()
                        .forEach(m -> m.drift()
                                .ifPresent(r -> r.features().stream()
                                        .filter(f -> f.status() == DriftResult.Status.CHECKED)
                                        .forEach(f -> cb.call(f.psi(), m.name(), m.version(), f.name())))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("lstmforge_drift_ks_p_value")
                .help(
                        "Two-sample Kolmogorov-Smirnov p-value of live inputs against the training reference, per feature")
                .labelNames("model", "version", "feature")
                .callback(cb -> models.get()
                        .forEach(m -> m.drift()
                                .ifPresent(r -> r.features().stream()
                                        .filter(f -> f.status() == DriftResult.Status.CHECKED)
                                        .forEach(f -> cb.call(f.ksPValue(), m.name(), m.version(), f.name())))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("lstmforge_drift_detected")
                .help("1 when the live inputs count as drifted from the training reference, else 0")
                .labelNames("model", "version")
                .callback(cb -> models.get()
                        .forEach(m -> m.drift().ifPresent(r -> cb.call(r.drifted() ? 1 : 0, m.name(), m.version()))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("lstmforge_workers")
                .help("Worker threads, each with its own predictor")
                .labelNames("model", "version")
                .callback(cb -> models.get().forEach(m -> cb.call(m.settings().workers(), m.name(), m.version())))
                .register(registry);
    }

    /**
     * Counts an answered inference request.
     *
     * @param model the model's name
     * @param version its version label
     * @param code the HTTP status sent
     * @param seconds time from arrival to answer
     */
    public void answered(String model, String version, int code, double seconds) {
        requests.labelValues(model, version, String.valueOf(code)).inc();
        latency.labelValues(model, version).observe(seconds);
    }

    /**
     * Records one forward pass.
     *
     * @param model the model's name
     * @param version its version label
     * @param size the requests in it
     */
    public void batch(String model, String version, int size) {
        batchSize.labelValues(model, version).observe(size);
    }

    /**
     * Forgets an unloaded model's series.
     *
     * @param model the model's name
     * @param version its version label
     */
    public void remove(String model, String version) {
        latency.remove(model, version);
        batchSize.remove(model, version);
        // the status-labelled counters of the model cannot be listed, so they stay; a model
        // loaded again continues its counts, as Prometheus counters should
    }

    /** @return the metrics in Prometheus' text format */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return the content type of {@link #scrape()} */
    public String contentType() {
        return writer.getContentType();
    }
}
