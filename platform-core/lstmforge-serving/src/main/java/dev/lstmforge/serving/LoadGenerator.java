package dev.lstmforge.serving;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a server with a fixed number of concurrent clients, each sending its next request as
 * soon as the last is answered (a closed loop), for a bounded time and count. Each client is one
 * keep-alive HTTP/1.1 connection, and all of them run on one Netty event-loop thread, so the load
 * generator takes little CPU from a server on the same machine. Every request
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

    /**
     * Creates a generator.
     *
     * @param target the URL every request is posted to (loopback in tests)
     * @param body the request body
     */
    public LoadGenerator(URI target, byte[] body) {
        this.target = Objects.requireNonNull(target, "target");
        this.body = body.clone();
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
     * @param clients concurrent clients (connections), at least 1
     * @param duration how long to keep sending
     * @param maxRequests stop after this many requests in all (the run ends at whichever comes first)
     * @return the measurements
     * @throws InterruptedException when interrupted
     */
    public Result run(int clients, Duration duration, long maxRequests) throws InterruptedException {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        }
        long start = System.nanoTime();
        Shared shared = new Shared(start + duration.toNanos(), maxRequests, clients);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<Client> all = new ArrayList<>();
        try {
            Bootstrap b = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
            for (int c = 0; c < clients; c++) {
                Client client = new Client(c, shared, b);
                all.add(client);
                client.connect();
            }
            // every client finishes by the deadline plus one request's answer time
            if (!shared.done.await(duration.toMillis() + 120_000, TimeUnit.MILLISECONDS)) {
                all.forEach(Client::abandon);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
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
        final CountDownLatch done;
        final AtomicLong issued = new AtomicLong();
        final AtomicLong transport = new AtomicLong();
        final AtomicLong mismatched = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        final Map<Integer, AtomicLong> codes = new ConcurrentHashMap<>();

        Shared(long end, long maxRequests, int clients) {
            this.end = end;
            this.maxRequests = maxRequests;
            this.done = new CountDownLatch(clients);
        }

        /** Takes the next request number, or -1 when the run is over. */
        long next() {
            if (System.nanoTime() >= end) {
                return -1;
            }
            long n = issued.incrementAndGet();
            if (n > maxRequests) {
                issued.decrementAndGet();
                return -1;
            }
            return n;
        }
    }

    /**
     * One client: a connection that sends a request, waits for its answer, checks its id and
     * sends the next. Everything runs on the event-loop thread.
     */
    private final class Client extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final int id;
        private final Shared shared;
        private final Bootstrap bootstrap;
        double[] latencies = new double[1024];
        int count;
        private Channel channel;
        private String pending;
        private long sentAt;
        private boolean finished;

        Client(int id, Shared shared, Bootstrap bootstrap) {
            this.id = id;
            this.shared = shared;
            this.bootstrap = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                            .addLast(new HttpClientCodec())
                            .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                            .addLast(Client.this);
                }
            });
        }

        @Override
        public boolean isSharable() {
            return true;
        }

        /** Opens the connection and sends the first request; a refused connection is a lost request. */
        void connect() {
            long n = shared.next();
            if (n < 0) {
                finish();
                return;
            }
            int port = target.getPort() > 0 ? target.getPort() : 80;
            bootstrap.connect(target.getHost(), port).addListener(f -> {
                if (f.isSuccess()) {
                    channel = ((io.netty.channel.ChannelFuture) f).channel();
                    send(n);
                } else {
                    // a refused connection is a lost request; try again shortly, off this stack
                    shared.transport.incrementAndGet();
                    bootstrap.config().group().schedule(this::connect, 10, TimeUnit.MILLISECONDS);
                }
            });
        }

        private void send(long n) {
            pending = "c" + id + "-" + n;
            String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            FullHttpRequest req = new DefaultFullHttpRequest(
                    HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
            req.headers()
                    .set(HttpHeaderNames.HOST, target.getHost() + ":" + target.getPort())
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set("x-request-id", pending);
            sentAt = System.nanoTime();
            channel.writeAndFlush(req).addListener(f -> {
                if (!f.isSuccess()) {
                    lost();
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            double ms = (System.nanoTime() - sentAt) / 1e6;
            shared.codes
                    .computeIfAbsent(r.status().code(), k -> new AtomicLong())
                    .incrementAndGet();
            String echoed = r.headers().get("x-request-id", "");
            if (!echoed.equals(pending)) {
                shared.mismatched.incrementAndGet();
            } else if (shared.seen.putIfAbsent(echoed, Boolean.TRUE) != null) {
                shared.duplicates.incrementAndGet();
            }
            pending = null;
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = ms;
            boolean open = !r.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
            if (!open) {
                ctx.close();
                connect();
                return;
            }
            long n = shared.next();
            if (n < 0) {
                ctx.close();
                finish();
            } else {
                send(n);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (pending != null) {
                lost();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** The connection broke with a request unanswered: count it and carry on anew. */
        private void lost() {
            if (pending == null) {
                return;
            }
            pending = null;
            shared.transport.incrementAndGet();
            if (channel != null) {
                channel.close();
            }
            connect();
        }

        private void finish() {
            if (!finished) {
                finished = true;
                shared.done.countDown();
            }
        }

        void abandon() {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
