package dev.lstmforge.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Gathers single requests into batches and runs each batch as one call, the way DJL Serving's
 * dynamic batching does: a bounded queue per model and a pool of workers, each owning its own
 * {@link BatchFunction} (a predictor is not thread-safe). A worker waits for a first request,
 * then takes more until it has {@code batchSize} of them or {@code maxBatchDelay} has passed since
 * the first, and runs them together. Callers get a {@link CompletableFuture} and no thread waits
 * per request.
 *
 * <p>When a batch fails as a whole (one bad request makes a translator throw for the batch), each
 * of its requests is run again alone, so only the bad one fails and its batch-mates still get
 * their answers. A full queue fails the request at once with {@link Rejected} ({@code 503} in the
 * server), as does a batcher that is shutting down; {@link #close} lets queued and running
 * requests finish first.
 *
 * <pre>{@code
 * DynamicBatcher<Input, Output> b = new DynamicBatcher<>(
 *         "stock", new DynamicBatcher.Settings(32, Duration.ofMillis(10), 1000, 2),
 *         () -> {
 *             Predictor<Input, Output> p = model.newPredictor(translator);
 *             return new DynamicBatcher.BatchFunction<>() {
 *                 public List<Output> apply(List<Input> batch) throws Exception { return p.batchPredict(batch); }
 *                 public void close() { p.close(); }
 *             };
 *         });
 * b.submit(input).thenAccept(out -> reply(out));
 * }</pre>
 *
 * @param <I> request type
 * @param <O> response type
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    /**
     * How requests are batched.
     *
     * @param batchSize the most requests in one batch, at least 1 (1: no batching)
     * @param maxBatchDelay how long a worker waits for more requests after the first of a batch
     * @param queueSize the most requests waiting, at least 1 (DJL Serving's {@code job_queue_size})
     * @param workers worker threads, each with its own batch function, at least 1
     */
    public record Settings(int batchSize, Duration maxBatchDelay, int queueSize, int workers) {

        /** Checks the values. */
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
            }
            Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
            if (maxBatchDelay.isNegative()) {
                throw new IllegalArgumentException("max_batch_delay must not be negative, got " + maxBatchDelay);
            }
            if (queueSize < 1) {
                throw new IllegalArgumentException("job_queue_size must be at least 1, got " + queueSize);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
        }
    }

    /**
     * Runs one batch; one instance per worker thread, so it may hold a predictor.
     *
     * @param <I> request type
     * @param <O> response type
     */
    public interface BatchFunction<I, O> extends AutoCloseable {

        /**
         * Answers a batch.
         *
         * @param batch the requests, 1 to {@code batchSize} of them
         * @return one response per request, in the same order
         * @throws Exception when the batch cannot be answered
         */
        List<O> apply(List<I> batch) throws Exception;

        /** Releases what the function holds (its predictor); nothing by default. */
        @Override
        default void close() {}
    }

    /** A request refused without being run: the queue was full or the batcher is stopping. */
    public static final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    /**
     * Counters since the batcher started.
     *
     * @param requests requests answered (with a response or an error)
     * @param batches calls of a batch function, retries of single requests included
     * @param rejected requests refused
     */
    public record Stats(long requests, long batches, long rejected) {}

    private record Job<I, O>(I input, CompletableFuture<O> result) {}

    private final String name;
    private final Settings settings;
    private final BlockingQueue<Job<I, O>> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final CountDownLatch started;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    /**
     * Starts the workers. Each calls {@code functions.get()} once, on its own thread, before it
     * takes requests.
     *
     * @param name a name for the worker threads and messages (the model's name)
     * @param settings how to batch
     * @param functions makes one batch function per worker
     */
    public DynamicBatcher(String name, Settings settings, Supplier<? extends BatchFunction<I, O>> functions) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(functions, "functions");
        this.queue = new ArrayBlockingQueue<>(settings.queueSize());
        this.started = new CountDownLatch(settings.workers());
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(() -> work(functions), "batcher-" + name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Queues a request.
     *
     * @param input the request
     * @return its response, or an error: the batch function's, or {@link Rejected}
     */
    public CompletableFuture<O> submit(I input) {
        CompletableFuture<O> result = new CompletableFuture<>();
        if (stopping) {
            rejected.incrementAndGet();
            result.completeExceptionally(new Rejected(name + " is shutting down"));
        } else if (!queue.offer(new Job<>(input, result))) {
            rejected.incrementAndGet();
            result.completeExceptionally(
                    new Rejected(name + ": the queue is full (" + settings.queueSize() + " requests waiting)"));
        }
        return result;
    }

    /** @return the batching settings */
    public Settings settings() {
        return settings;
    }

    /** @return requests waiting for a worker */
    public int queued() {
        return queue.size();
    }

    /**
     * Says why a worker could not make its batch function, if one could not.
     *
     * @return the failure, or null when every worker is ready
     */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * Waits until every worker has made its batch function (loaded its model) or failed to.
     *
     * @param timeout how long to wait
     * @return true when all workers got that far in time; see {@link #failure()} for the outcome
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return whether every worker has made its batch function or failed to */
    public boolean started() {
        return started.getCount() == 0;
    }

    /** @return the counters */
    public Stats stats() {
        return new Stats(requests.get(), batches.get(), rejected.get());
    }

    private void work(Supplier<? extends BatchFunction<I, O>> functions) {
        BatchFunction<I, O> made;
        try {
            made = functions.get();
        } catch (RuntimeException | LinkageError e) {
            // the worker cannot answer (the model failed to load): every request it takes fails
            // with the reason, and the health check reports it
            RuntimeException why = e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
            failure = why;
            made = batch -> {
                throw why;
            };
        } finally {
            started.countDown();
        }
        try (BatchFunction<I, O> function = made) {
            List<Job<I, O>> batch = new ArrayList<>(settings.batchSize());
            while (true) {
                Job<I, O> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + settings.maxBatchDelay().toNanos();
                while (batch.size() < settings.batchSize()) {
                    long wait = deadline - System.nanoTime();
                    Job<I, O> next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(function, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // closing the function failed: nothing is waiting on it any more
        }
    }

    private void run(BatchFunction<I, O> function, List<Job<I, O>> batch) {
        // a request whose caller gave up is not run
        batch.removeIf(j -> j.result().isDone());
        if (batch.isEmpty()) {
            return;
        }
        List<I> inputs = new ArrayList<>(batch.size());
        for (Job<I, O> j : batch) {
            inputs.add(j.input());
        }
        try {
            batches.incrementAndGet();
            List<O> outputs = function.apply(inputs);
            if (outputs == null || outputs.size() != inputs.size()) {
                throw new IllegalStateException("the batch function answered "
                        + (outputs == null ? "nothing" : outputs.size() + " responses") + " for " + inputs.size()
                        + " requests");
            }
            // count first: a caller woken by its answer sees the counters include it
            requests.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outputs.get(i));
            }
        } catch (Exception e) {
            if (batch.size() == 1) {
                requests.incrementAndGet();
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            // one bad request must not cost its batch-mates their answers: run each alone
            for (Job<I, O> j : batch) {
                run(function, new ArrayList<>(List.of(j)));
            }
        }
    }

    private void drainWith(Throwable cause) {
        Job<I, O> j;
        while ((j = queue.poll()) != null) {
            requests.incrementAndGet();
            j.result().completeExceptionally(cause);
        }
    }

    /**
     * Stops taking requests, lets the queued and running ones finish (up to {@code timeout}), then
     * closes the workers' functions. Requests still queued after the timeout fail with
     * {@link Rejected}.
     *
     * @param timeout how long to wait for the queue to drain
     * @return true when every queued request was answered in time
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean drained = true;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
            drained &= !t.isAlive();
        }
        if (!drained) {
            drainWith(new Rejected(name + " shut down before this request was run"));
            threads.forEach(Thread::interrupt);
        }
        return drained;
    }

    /** Shuts down, waiting up to 30 s for queued requests. */
    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
