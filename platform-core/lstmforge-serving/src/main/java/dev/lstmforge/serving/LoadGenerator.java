package dev.lstmforge.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a server with a fixed number of concurrent clients, each sending its next request as
 * soon as the last is answered (a closed loop), for a bounded time and count. Every request
 * carries a unique {@code x-request-id}; the server echoes it, so the generator can prove that
 * every request was answered exactly once and with its own answer.
 *
 * <pre>{@code
 * LoadGenerator.Result r = new LoadGenerator(URI.create("http://127.0.0.1:8080/predictions/stock-forecast"), body)
 *         .run(64, Duration.ofMinutes(2), Long.MAX_VALUE);
 * System.out.println(r.summary());
 * }</pre>
 */
public final class LoadGenerator {

    private final URI target;
    private final byte[] body;
    private final HttpClient client;

    /**
     * Creates a generator.
     *
     * @param target the URL every request is posted to (loopback in tests)
     * @param body the request body
     */
    public LoadGenerator(URI target, byte[] body) {
        this.target = Objects.requireNonNull(target, "target");
        this.body = body.clone();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * What a run measured.
     *
     * @param clients concurrent clients
     * @param seconds wall time of the run
     * @param sent requests sent
     * @param codes answers by HTTP status
     * @param transportErrors requests that got no HTTP answer (connection refused or reset,
     *     client time-out): lost requests
     * @param duplicates request ids answered more than once
     * @param mismatched answers that carried another request's id
     * @param latencyMillis sorted latencies of answered requests, in milliseconds
     */
    public record Result(
            int clients,
            double seconds,
            long sent,
            Map<Integer, Long> codes,
            long transportErrors,
            long duplicates,
            long mismatched,
            double[] latencyMillis) {

        /** @return answers with status 200 */
        public long ok() {
            return codes.getOrDefault(200, 0L);
        }

        /** @return requests answered with any status */
        public long answered() {
            return codes.values().stream().mapToLong(Long::longValue).sum();
        }

        /** @return true when every request was answered 200, once, with its own id */
        public boolean clean() {
            return ok() == sent && transportErrors == 0 && duplicates == 0 && mismatched == 0;
        }

        /** @return successful requests per second */
        public double throughput() {
            return ok() / seconds;
        }

        /**
         * Returns a latency percentile.
         *
         * @param q the quantile, 0 to 1
         * @return milliseconds, or NaN without answers
         */
        public double percentile(double q) {
            if (latencyMillis.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(q * latencyMillis.length) - 1;
            return latencyMillis[Math.max(0, Math.min(latencyMillis.length - 1, i))];
        }

        /** @return one line for logs */
        public String summary() {
            return String.format(
                    java.util.Locale.ROOT,
                    "%d clients, %.1f s: %d sent, %d answered %s, %d lost, %d duplicates, %d mismatched;"
                            + " %.1f requests/s; latency ms p50 %.2f p99 %.2f p99.9 %.2f max %.2f",
                    clients,
                    seconds,
                    sent,
                    answered(),
                    codes,
                    transportErrors,
                    duplicates,
                    mismatched,
                    throughput(),
                    percentile(0.5),
                    percentile(0.99),
                    percentile(0.999),
                    percentile(1.0));
        }
    }

    /**
     * Runs the load.
     *
     * @param clients concurrent clients, at least 1
     * @param duration how long to keep sending
     * @param maxRequests stop after this many requests in all (the run ends at whichever comes first)
     * @return the measurements
     * @throws InterruptedException when interrupted
     */
    public Result run(int clients, Duration duration, long maxRequests) throws InterruptedException {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        }
        Shared shared = new Shared(System.nanoTime() + duration.toNanos(), maxRequests);
        long start = System.nanoTime();
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(c, shared);
            all.add(client);
            threads.add(new Thread(client, "load-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] latencies = all.stream()
                .flatMapToDouble(c -> Arrays.stream(c.latencies, 0, c.count))
                .sorted()
                .toArray();
        Map<Integer, Long> byCode = new TreeMap<>();
        shared.codes.forEach((k, v) -> byCode.put(k, v.get()));
        return new Result(
                clients,
                seconds,
                shared.issued.get(),
                byCode,
                shared.transport.get(),
                shared.duplicates.get(),
                shared.mismatched.get(),
                latencies);
    }

    /** What the clients of one run share. */
    private static final class Shared {
        final long end;
        final long maxRequests;
        final AtomicLong issued = new AtomicLong();
        final AtomicLong transport = new AtomicLong();
        final AtomicLong mismatched = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        final Map<Integer, AtomicLong> codes = new ConcurrentHashMap<>();

        Shared(long end, long maxRequests) {
            this.end = end;
            this.maxRequests = maxRequests;
        }
    }

    /** One client: sends, waits for the answer, checks its id, sends the next. */
    private final class Client implements Runnable {
        private final int id;
        private final Shared shared;
        double[] latencies = new double[1024];
        int count;

        Client(int id, Shared shared) {
            this.id = id;
            this.shared = shared;
        }

        @Override
        public void run() {
            while (System.nanoTime() < shared.end) {
                long n = shared.issued.incrementAndGet();
                if (n > shared.maxRequests) {
                    shared.issued.decrementAndGet();
                    return;
                }
                String requestId = "c" + id + "-" + n;
                HttpRequest req = HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(60))
                        .header("x-request-id", requestId)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                long t0 = System.nanoTime();
                try {
                    HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    shared.codes
                            .computeIfAbsent(r.statusCode(), k -> new AtomicLong())
                            .incrementAndGet();
                    String echoed = r.headers().firstValue("x-request-id").orElse("");
                    if (!echoed.equals(requestId)) {
                        shared.mismatched.incrementAndGet();
                    } else if (shared.seen.putIfAbsent(echoed, Boolean.TRUE) != null) {
                        shared.duplicates.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = ms;
                } catch (IOException e) {
                    shared.transport.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
