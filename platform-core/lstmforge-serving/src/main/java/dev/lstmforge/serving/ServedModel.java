package dev.lstmforge.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.lstmforge.runtime.drift.DriftCheck;
import dev.lstmforge.runtime.drift.DriftResult;
import dev.lstmforge.runtime.drift.SlidingWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One model version the server answers for: its description, batching settings and the
 * {@link DynamicBatcher} whose workers each hold a loaded copy. Scaling replaces the batcher with
 * one of the new size and lets the old one finish what it holds.
 *
 * <pre>{@code
 * ServedModel m = new ServedModel(models, description, settings, metrics);
 * m.submit(input).thenAccept(out -> ...);
 * }</pre>
 */
public final class ServedModel {

    /** Health of a served model, as {@code GET /ping} and {@code GET /models} report it. */
    public enum Status {
        /** Workers are still loading the model. */
        LOADING,
        /** Every worker has loaded the model. */
        READY,
        /** A worker could not load the model; see {@link #failure()}. */
        FAILED
    }

    private final ModelProvider models;
    private final ModelProvider.Description description;
    private final ServerMetrics metrics;
    private final SlidingWindow window;
    private volatile DynamicBatcher<Input, Output> batcher;
    private volatile CachedDrift cachedDrift;

    private record CachedDrift(long nanos, long added, DriftResult result) {}

    /**
     * Starts the workers (they load the model in the background).
     *
     * @param models opens the model for each worker
     * @param description the model
     * @param settings batching settings
     * @param metrics where batch sizes are recorded
     */
    public ServedModel(
            ModelProvider models,
            ModelProvider.Description description,
            DynamicBatcher.Settings settings,
            ServerMetrics metrics) {
        this.models = models;
        this.description = description;
        this.metrics = metrics;
        this.window = description.drift() == null
                ? null
                : SlidingWindow.of(description.drift().names(), SlidingWindow.DEFAULT_CAPACITY);
        this.batcher = start(settings);
    }

    private DynamicBatcher<Input, Output> start(DynamicBatcher.Settings settings) {
        String label = description.name() + ":" + description.version();
        Supplier<DynamicBatcher.BatchFunction<Input, Output>> functions = () -> {
            DynamicBatcher.BatchFunction<Input, Output> f = models.open(description, this::observe);
            return new DynamicBatcher.BatchFunction<Input, Output>() {
                @Override
                public List<Output> apply(List<Input> batch) throws Exception {
                    metrics.batch(description.name(), description.version(), batch.size());
                    return f.apply(batch);
                }

                @Override
                public void close() {
                    f.close();
                }
            };
        };
        return new DynamicBatcher<>(label, settings, functions);
    }

    /** Adds a request's monitored feature values to the live window. */
    private void observe(Map<String, double[]> features) {
        features.forEach((name, values) -> {
            if (window.features().contains(name)) {
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        window.add(name, v);
                    }
                }
            }
        });
    }

    /**
     * Compares the latest live inputs (up to 1,000 values per feature) with the training
     * reference. Recomputed at most once a second, and only when new values arrived.
     *
     * @return the comparison; empty when the model has no drift profile or no request was seen
     */
    public Optional<DriftResult> drift() {
        if (window == null || window.totalAdded() == 0) {
            return Optional.empty();
        }
        CachedDrift c = cachedDrift;
        long now = System.nanoTime();
        long added = window.totalAdded();
        if (c == null || (c.added() != added && now - c.nanos() > 1_000_000_000L)) {
            c = new CachedDrift(now, added, DriftCheck.defaults().check(description.drift(), window.snapshot()));
            cachedDrift = c;
        }
        return Optional.of(c.result());
    }

    /** @return live values held per feature for drift monitoring; empty without a drift profile */
    public Map<String, Integer> driftWindowSizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        if (window != null) {
            window.features().forEach(f -> sizes.put(f, window.size(f)));
        }
        return sizes;
    }

    /** @return the model's name */
    public String name() {
        return description.name();
    }

    /** @return the version label */
    public String version() {
        return description.version();
    }

    /** @return what the workers load */
    public ModelProvider.Description description() {
        return description;
    }

    /** @return the batching settings */
    public DynamicBatcher.Settings settings() {
        return batcher.settings();
    }

    /** @return requests waiting for a worker */
    public int queued() {
        return batcher.queued();
    }

    /** @return the counters of the current batcher */
    public DynamicBatcher.Stats stats() {
        return batcher.stats();
    }

    /** @return the health */
    public Status status() {
        DynamicBatcher<Input, Output> b = batcher;
        if (b.failure() != null) {
            return Status.FAILED;
        }
        return b.started() ? Status.READY : Status.LOADING;
    }

    /** @return why a worker could not load the model, or null */
    public RuntimeException failure() {
        return batcher.failure();
    }

    /**
     * Waits for the workers to load the model.
     *
     * @param timeout how long to wait
     * @return the status afterwards
     * @throws InterruptedException when interrupted
     */
    public Status awaitStarted(Duration timeout) throws InterruptedException {
        batcher.awaitStarted(timeout);
        return status();
    }

    /**
     * Queues a request.
     *
     * @param input the request
     * @return its response or error
     */
    public CompletableFuture<Output> submit(Input input) {
        DynamicBatcher<Input, Output> b = batcher;
        CompletableFuture<Output> result = b.submit(input);
        if (result.isCompletedExceptionally() && batcher != b) {
            // the pool was replaced (scaled) between reading it and queueing: use the new one
            return batcher.submit(input);
        }
        return result;
    }

    /**
     * Replaces the workers with {@code workers} new ones (each loads the model); the old ones
     * finish their queued requests first.
     *
     * @param workers the new pool size
     * @param timeout how long to wait for the new workers to load
     * @return the status of the new pool
     * @throws InterruptedException when interrupted
     */
    public synchronized Status scale(int workers, Duration timeout) throws InterruptedException {
        DynamicBatcher.Settings s = batcher.settings();
        DynamicBatcher<Input, Output> old = batcher;
        DynamicBatcher<Input, Output> fresh =
                start(new DynamicBatcher.Settings(s.batchSize(), s.maxBatchDelay(), s.queueSize(), workers));
        fresh.awaitStarted(timeout);
        if (fresh.failure() != null) {
            fresh.close();
            throw ApiError.internal("cannot start " + workers + " workers for " + name() + ":" + version() + ": "
                    + fresh.failure().getMessage());
        }
        batcher = fresh;
        old.shutdown(Duration.ofSeconds(30));
        return status();
    }

    /**
     * Stops taking requests and lets the queued ones finish.
     *
     * @param timeout how long to wait for them
     * @return true when all were answered in time
     * @throws InterruptedException when interrupted
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        return batcher.shutdown(timeout);
    }
}
