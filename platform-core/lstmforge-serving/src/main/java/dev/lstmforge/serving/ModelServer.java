package dev.lstmforge.serving;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference server: DJL Serving's REST API on Netty, with dynamic batching per model.
 * Requests wait on futures while their batch forms, so no thread is blocked per request; the
 * event loop only parses, queues and writes.
 *
 * <pre>{@code
 * try (ModelServer server = ModelServer.start(new ForgeModels(forge), ModelServer.Options.defaults())) {
 *     server.register("stock-forecast", Map.of("batch_size", "32"));
 *     System.out.println("listening on " + server.uri());   // http://127.0.0.1:PORT
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /predictions/{model}[/{version}]}, {@code POST /invocations},
 * {@code GET /ping}, {@code GET /metrics}, and the management routes {@code GET|POST /models},
 * {@code GET|PUT|DELETE /models/{model}[/{version}]}. See {@link HttpHandler}.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    /**
     * How the server runs.
     *
     * @param host the address to bind; 127.0.0.1 unless the user asks for more
     * @param port the port; 0 picks a free one
     * @param maxRequestBytes the largest request body accepted (413 above it)
     * @param requestTimeout how long an inference request may wait and run (503 after it)
     * @param loadTimeout how long registering a model waits for its workers to load it
     * @param managementToken the bearer token the {@code /models} routes require, or null for none
     * @param batching the batching settings of models whose URL and serving.properties give none
     */
    public record Options(
            String host,
            int port,
            int maxRequestBytes,
            Duration requestTimeout,
            Duration loadTimeout,
            String managementToken,
            DynamicBatcher.Settings batching) {

        /** Checks the values. */
        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("the request size limit must be positive, got " + maxRequestBytes);
            }
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(loadTimeout, "loadTimeout");
            Objects.requireNonNull(batching, "batching");
            if (managementToken != null && managementToken.isBlank()) {
                managementToken = null;
            }
        }

        /**
         * The defaults: 127.0.0.1 on a free port, 8 MiB bodies, 30 s per request, 5 minutes to
         * load a model, no token, batches of up to 32 requests, a queue of 1,000 and one worker.
         * The batch delay is 0: a worker takes what is queued when it becomes free and never waits
         * for more (under load, requests queue up while a batch runs, so batches still form). On
         * the stock model this gave lower latency at every load than waiting 5 ms, and the same
         * throughput (see the README's server benchmark).
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(
                    "127.0.0.1",
                    0,
                    8 * 1024 * 1024,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(5),
                    null,
                    new DynamicBatcher.Settings(32, Duration.ZERO, 1000, 1));
        }

        /**
         * Returns these options with another port.
         *
         * @param value the port
         * @return the new options
         */
        public Options withPort(int value) {
            return new Options(host, value, maxRequestBytes, requestTimeout, loadTimeout, managementToken, batching);
        }

        /**
         * Returns these options with other batching defaults.
         *
         * @param value the settings
         * @return the new options
         */
        public Options withBatching(DynamicBatcher.Settings value) {
            return new Options(host, port, maxRequestBytes, requestTimeout, loadTimeout, managementToken, value);
        }
    }

    private final ModelProvider provider;
    private final Options options;
    private final ServerMetrics metrics;
    /** name → version label → model. */
    private final Map<String, Map<String, ServedModel>> models = new ConcurrentHashMap<>();

    private final ExecutorService management;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private volatile boolean stopping;

    private ModelServer(ModelProvider provider, Options options) throws InterruptedException {
        this.provider = provider;
        this.options = options;
        this.metrics = new ServerMetrics(this::models);
        this.management = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "server-management");
            t.setDaemon(true);
            return t;
        });
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(
                Math.max(1, Runtime.getRuntime().availableProcessors()), NioIoHandler.newFactory());
        ModelServer self = this;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS))
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpHandler.SizeLimit(options.maxRequestBytes()))
                                .addLast(new HttpHandler(self));
                    }
                });
        try {
            this.channel = b.bind(options.host(), options.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownLoops();
            throw e;
        }
    }

    /**
     * Binds the port and starts serving (no models yet; {@link #register} adds them).
     *
     * @param provider where models come from
     * @param options how to run
     * @return the running server
     * @throws InterruptedException when interrupted while binding
     */
    public static ModelServer start(ModelProvider provider, Options options) throws InterruptedException {
        ModelServer s = new ModelServer(provider, options);
        LOG.info("serving on {}", s.uri());
        return s;
    }

    /** @return the port bound */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** @return the server's base URI */
    public URI uri() {
        InetSocketAddress a = (InetSocketAddress) channel.localAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** @return the options */
    public Options options() {
        return options;
    }

    /** @return the metrics */
    public ServerMetrics metrics() {
        return metrics;
    }

    ExecutorService management() {
        return management;
    }

    boolean stopping() {
        return stopping;
    }

    /** @return every served model version, by name then version */
    public List<ServedModel> models() {
        List<ServedModel> out = new ArrayList<>();
        new TreeMap<>(models).values().forEach(v -> out.addAll(new TreeMap<>(v).values()));
        return out;
    }

    /**
     * Loads a model and serves it, waiting until its workers have loaded it.
     *
     * @param url a store reference, local model folder or zip, or {@code file:} URL
     * @param params DJL Serving's registration parameters: {@code model_name},
     *     {@code model_version}, {@code batch_size}, {@code max_batch_delay} (ms),
     *     {@code job_queue_size}, {@code min_worker}, {@code max_worker}
     * @return the served model
     * @throws ApiError 400 for a bad URL or parameter, 409 when that name and version are
     *     served already, 500 when the model fails to load
     * @throws InterruptedException when interrupted while the model loads
     */
    public ServedModel register(String url, Map<String, String> params) throws InterruptedException {
        ModelProvider.Description found = provider.describe(url);
        String name = params.getOrDefault("model_name", found.name());
        String version = params.getOrDefault("model_version", found.version());
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw ApiError.badRequest("model_name '" + name + "' is not a valid name (letters, digits, '_', '.', '-')");
        }
        ModelProvider.Description d = found.as(name, version);
        DynamicBatcher.Settings settings = ServingConfig.settings(options.batching(), d.servingProperties(), params);
        ServedModel served;
        synchronized (models) {
            if (find(name, version) != null) {
                throw new ApiError(
                        409,
                        "ConflictStatusException",
                        "model " + name + " version " + version
                                + " is already served; unregister it first with DELETE /models/" + name + "/"
                                + version);
            }
            served = new ServedModel(provider, d, settings, metrics);
            models.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(version, served);
        }
        ServedModel.Status status = served.awaitStarted(options.loadTimeout());
        if (status == ServedModel.Status.FAILED) {
            unregister(name, version);
            throw ApiError.internal("model " + name + " (" + url + ") failed to load: "
                    + served.failure().getMessage());
        }
        LOG.info("serving {} version {} from {} with {}", name, version, d.ref(), settings);
        return served;
    }

    /**
     * Stops serving a model version: queued requests are answered first.
     *
     * @param name the model's name
     * @param version the version label, or null for every version
     * @return the versions removed
     * @throws ApiError 404 when nothing matches
     * @throws InterruptedException when interrupted while the queue drains
     */
    public List<ServedModel> unregister(String name, String version) throws InterruptedException {
        List<ServedModel> removed = new ArrayList<>();
        synchronized (models) {
            Map<String, ServedModel> versions = models.get(name);
            if (versions == null || (version != null && !versions.containsKey(version))) {
                throw notFound(name, version);
            }
            if (version == null) {
                removed.addAll(versions.values());
                models.remove(name);
            } else {
                removed.add(versions.remove(version));
                if (versions.isEmpty()) {
                    models.remove(name);
                }
            }
        }
        for (ServedModel m : removed) {
            m.shutdown(Duration.ofSeconds(30));
            metrics.remove(m.name(), m.version());
        }
        return removed;
    }

    /**
     * Finds a served model.
     *
     * @param name the model's name
     * @param version a version label ({@code 3} or {@code v3}), or null for the default version
     *     (the highest)
     * @return the model, or null
     */
    public ServedModel find(String name, String version) {
        Map<String, ServedModel> versions = models.get(name);
        if (versions == null || versions.isEmpty()) {
            return null;
        }
        if (version == null) {
            return versions.values().stream()
                    .max(Comparator.comparing(ServedModel::version, ModelServer::compareVersions))
                    .orElse(null);
        }
        ServedModel m = versions.get(version);
        if (m == null && version.length() > 1 && (version.charAt(0) == 'v' || version.charAt(0) == 'V')) {
            m = versions.get(version.substring(1));
        }
        return m;
    }

    /**
     * Finds a served model or explains what is served.
     *
     * @param name the model's name
     * @param version the version label, or null for the default
     * @return the model
     * @throws ApiError 404 naming what is served
     */
    public ServedModel require(String name, String version) {
        ServedModel m = find(name, version);
        if (m == null) {
            throw notFound(name, version);
        }
        return m;
    }

    private ApiError notFound(String name, String version) {
        Map<String, ServedModel> versions = models.get(name);
        if (versions == null || versions.isEmpty()) {
            return ApiError.notFound("model '" + name + "' is not served; served: " + new TreeMap<>(models).keySet());
        }
        return ApiError.notFound("model '" + name + "' has no version '" + version + "'; served versions: "
                + new TreeMap<>(versions).keySet());
    }

    /** Orders version labels numerically where they are numbers ("10" after "9"). */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            String x = i < pa.length ? pa[i] : "0";
            String y = i < pb.length ? pb[i] : "0";
            int c;
            if (x.matches("\\d{1,9}") && y.matches("\\d{1,9}")) {
                c = Integer.compare(Integer.parseInt(x), Integer.parseInt(y));
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Blocks until the server's channel closes (another thread calls {@link #close()}). */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    /**
     * Shuts down gracefully: new requests get 503, queued and running ones finish (up to 30 s per
     * model), then the port is closed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        try {
            for (ServedModel m : models()) {
                m.shutdown(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        models.clear();
        channel.close().awaitUninterruptibly();
        management.shutdownNow();
        shutdownLoops();
        LOG.info("server stopped");
    }

    private void shutdownLoops() {
        // a short quiet period lets the last answers be written
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        boss.terminationFuture().awaitUninterruptibly();
    }

    Collection<String> modelNames() {
        return new TreeMap<>(models).keySet();
    }
}
