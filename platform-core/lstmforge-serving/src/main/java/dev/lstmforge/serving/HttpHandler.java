package dev.lstmforge.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.drift.SlidingWindow;
import dev.lstmforge.runtime.util.Messages;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of {@link ModelServer}, as DJL Serving names them.
 *
 * <pre>
 * POST   /predictions/{model}[/{version}]   body: the plugin's JSON, CSV, text or file bytes,
 *                                          or multipart form fields; headers and query
 *                                          parameters become the request's properties
 * POST   /invocations?model_name=NAME      the same; without model_name, the only model
 * GET    /ping                             200 {"status": "Healthy", ...} or 503 when a model
 *                                          is loading or failed to load
 * GET    /metrics                          Prometheus text
 * GET    /models                           the served models
 * GET    /models/{model}[/{version}]       settings, queue and status of each version
 * POST   /models?url=...&amp;model_name=...&amp;batch_size=...&amp;max_batch_delay=...&amp;min_worker=...&amp;max_worker=...
 * PUT    /models/{model}[/{version}]?min_worker=&amp;max_worker=
 * DELETE /models/{model}[/{version}]
 * GET    /models/{model}[/{version}]/drift  live inputs against the training reference (PSI, KS)
 * </pre>
 *
 * <p>Errors are {@code {"code", "type", "message"}}: 400 for a body the translator refused or a
 * bad parameter, 401 without the management token, 404 for an unknown model or route, 413 for a
 * body over the limit, 503 when the queue is full, the server is stopping or a request timed out,
 * 500 for faults. A request's {@code x-request-id} header is echoed in its answer.
 *
 * <pre>{@code
 * ch.pipeline().addLast(new HttpServerCodec(), new HttpHandler.SizeLimit(8 << 20), new HttpHandler(server));
 * }</pre>
 */
public final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
    private static final String JSON = "application/json";
    private static final String REQUEST_ID = "x-request-id";

    private final ModelServer server;

    /**
     * Creates the handler of one connection.
     *
     * @param server the server whose models it serves
     */
    public HttpHandler(ModelServer server) {
        this.server = server;
    }

    /**
     * Aggregates a request's body and answers 413 (as JSON) when it is larger than the limit.
     *
     * <pre>{@code
     * pipeline.addLast(new HttpServerCodec(), new HttpHandler.SizeLimit(8 * 1024 * 1024));
     * }</pre>
     */
    public static final class SizeLimit extends HttpObjectAggregator {

        private final int limit;

        /**
         * Creates the aggregator.
         *
         * @param limit the largest body in bytes
         */
        public SizeLimit(int limit) {
            super(limit);
            this.limit = limit;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ApiError e = new ApiError(
                    413,
                    "RequestEntityTooLargeException",
                    "the request body is larger than the limit of " + limit
                            + " bytes (the server's --max-request-size)");
            FullHttpResponse r =
                    response(HttpResponseStatus.valueOf(413), JSON, e.toJson().getBytes(StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        long arrived = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String requestId = req.headers().get(REQUEST_ID);
        Reply reply = new Reply(ctx, keepAlive, requestId);
        try {
            if (!req.decoderResult().isSuccess()) {
                throw ApiError.badRequest(
                        "the request is not valid HTTP: " + req.decoderResult().cause());
            }
            if (server.stopping()) {
                throw ApiError.unavailable("the server is shutting down");
            }
            route(req, reply, arrived);
        } catch (ApiError e) {
            reply.error(e);
        } catch (RuntimeException e) {
            LOG.warn("request {} {} failed", req.method(), req.uri(), e);
            reply.error(ApiError.internal(Messages.describe(e)));
        }
    }

    private void route(FullHttpRequest req, Reply reply, long arrived) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        List<String> path = new ArrayList<>();
        for (String s : q.path().split("/")) {
            if (!s.isEmpty()) {
                path.add(QueryStringDecoder.decodeComponent(s));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        q.parameters().forEach((k, v) -> params.put(k, v.get(v.size() - 1)));
        HttpMethod method = req.method();
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "ping" -> {
                allow(method, HttpMethod.GET, HttpMethod.POST);
                ping(reply);
            }
            case "metrics" -> {
                allow(method, HttpMethod.GET);
                reply.send(
                        200,
                        server.metrics().contentType(),
                        server.metrics().scrape().getBytes(StandardCharsets.UTF_8));
            }
            case "predictions" -> {
                allow(method, HttpMethod.POST, HttpMethod.PUT);
                if (path.size() < 2 || path.size() > 3) {
                    throw routeNotFound(q.path());
                }
                predict(
                        server.require(path.get(1), path.size() == 3 ? path.get(2) : null),
                        req,
                        params,
                        reply,
                        arrived);
            }
            case "invocations" -> {
                allow(method, HttpMethod.POST);
                String name = params.get("model_name");
                if (name == null) {
                    var names = server.modelNames();
                    if (names.size() != 1) {
                        throw ApiError.badRequest("/invocations needs the model_name parameter when " + names.size()
                                + " models are served: " + names);
                    }
                    name = names.iterator().next();
                }
                predict(server.require(name, params.get("model_version")), req, params, reply, arrived);
            }
            case "models" -> {
                authorize(req);
                manage(method, path, params, reply);
            }
            default -> throw routeNotFound(q.path());
        }
    }

    private static ApiError routeNotFound(String path) {
        return new ApiError(
                404,
                "ResourceNotFoundException",
                "no route " + path
                        + "; the routes are /predictions/{model}[/{version}], /invocations, /ping, /metrics, /models");
    }

    private static void allow(HttpMethod method, HttpMethod... allowed) {
        for (HttpMethod m : allowed) {
            if (m.equals(method)) {
                return;
            }
        }
        throw new ApiError(
                405,
                "MethodNotAllowedException",
                "method " + method + " is not allowed here; use " + java.util.Arrays.toString(allowed));
    }

    private void authorize(FullHttpRequest req) {
        String token = server.options().managementToken();
        if (token == null) {
            return;
        }
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : "";
        boolean ok =
                MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ApiError(
                    401,
                    "UnauthorizedException",
                    header.isEmpty()
                            ? "the management routes need the header 'Authorization: Bearer <token>'"
                            : "the management token is wrong");
        }
    }

    // ---- inference ----------------------------------------------------------------------

    private void predict(
            ServedModel model, FullHttpRequest req, Map<String, String> params, Reply reply, long arrived) {
        Input input = input(req, params);
        Duration timeout = server.options().requestTimeout();
        model.submit(input).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((out, err) -> {
            int code;
            if (err == null) {
                code = reply.output(out);
            } else {
                ApiError e = predictionError(model, err, timeout);
                code = e.code();
                reply.error(e);
            }
            double seconds = (System.nanoTime() - arrived) / 1e9;
            server.metrics().answered(model.name(), model.version(), code, seconds);
        });
    }

    /** Builds DJL's input: headers and query parameters as properties, the body as "data". */
    static Input input(FullHttpRequest req, Map<String, String> params) {
        Input in = new Input();
        req.headers().forEach(h -> in.addProperty(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        params.forEach(in::addProperty);
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            HttpPostRequestDecoder form = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), req);
            try {
                for (InterfaceHttpData d : form.getBodyHttpDatas()) {
                    if (d instanceof FileUpload f) {
                        in.add(f.getName(), ByteBufUtil.getBytes(f.content()));
                    } else if (d instanceof Attribute a) {
                        in.add(a.getName(), a.getValue());
                    }
                }
            } catch (IOException | HttpPostRequestDecoder.ErrorDataDecoderException e) {
                throw ApiError.badRequest("the multipart form body cannot be read: " + e.getMessage());
            } finally {
                form.destroy();
            }
        } else {
            in.add("data", ByteBufUtil.getBytes(req.content()));
        }
        return in;
    }

    private static ApiError predictionError(ServedModel model, Throwable err, Duration timeout) {
        Throwable cause = err;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String label = model.name() + ":" + model.version();
        if (cause instanceof ApiError a) {
            return a;
        }
        if (cause instanceof DynamicBatcher.Rejected) {
            return ApiError.unavailable(cause.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return ApiError.unavailable(label + " did not answer within " + timeout.toSeconds() + " s");
        }
        if (cause instanceof TranslateException) {
            return ApiError.translate(Messages.describe(deepest(cause)));
        }
        if (model.failure() != null && cause == model.failure()) {
            return ApiError.unavailable(label + " is not available: it failed to load: " + Messages.describe(cause));
        }
        LOG.warn("prediction with {} failed", label, cause);
        return ApiError.internal("prediction with " + label + " failed: " + Messages.describe(cause));
    }

    /** The innermost cause with a message: a translator's reason sits under DJL's wrappers. */
    private static Throwable deepest(Throwable t) {
        Throwable best = t;
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                best = c;
            }
        }
        return best;
    }

    // ---- health ------------------------------------------------------------------------

    private void ping(Reply reply) {
        JsonObject body = new JsonObject();
        JsonObject each = new JsonObject();
        int ready = 0;
        List<ServedModel> all = server.models();
        for (ServedModel m : all) {
            ServedModel.Status s = m.status();
            String label = m.name() + ":" + m.version();
            if (s == ServedModel.Status.READY) {
                ready++;
                each.addProperty(label, "Healthy");
            } else if (s == ServedModel.Status.FAILED) {
                each.addProperty(label, "Unhealthy: " + Messages.describe(m.failure()));
            } else {
                each.addProperty(label, "Loading");
            }
        }
        boolean healthy = ready == all.size();
        body.addProperty("status", healthy ? "Healthy" : ready > 0 ? "Partial Healthy" : "Unhealthy");
        body.add("models", each);
        reply.json(healthy ? 200 : 503, body.toString());
    }

    // ---- management --------------------------------------------------------------------

    private void manage(HttpMethod method, List<String> path, Map<String, String> params, Reply reply) {
        if (path.size() >= 3 && path.size() <= 4 && path.get(path.size() - 1).equals("drift")) {
            allow(method, HttpMethod.GET);
            ServedModel m = server.require(path.get(1), path.size() == 4 ? path.get(2) : null);
            reply.json(200, drift(m).toString());
            return;
        }
        if (path.size() > 3) {
            throw routeNotFound(String.join("/", path));
        }
        String name = path.size() > 1 ? path.get(1) : null;
        String version = path.size() > 2 ? path.get(2) : null;
        if (method.equals(HttpMethod.GET)) {
            reply.json(
                    200,
                    name == null ? list().toString() : describe(name, version).toString());
            return;
        }
        if (method.equals(HttpMethod.POST) && name == null) {
            offload(reply, () -> {
                ServedModel m = server.register(params.get("url"), params);
                return status("Model \"" + m.name() + "\" registered.", m);
            });
        } else if (method.equals(HttpMethod.PUT) && name != null) {
            ServedModel m = server.require(name, version);
            int workers = ServingConfig.workers(params, m.settings().workers());
            offload(reply, () -> {
                m.scale(workers, server.options().loadTimeout());
                return status("Model \"" + m.name() + "\" worker scaled to " + workers + ".", m);
            });
        } else if (method.equals(HttpMethod.DELETE) && name != null) {
            server.require(name, version);
            offload(reply, () -> {
                List<ServedModel> gone = server.unregister(name, version);
                JsonObject o = new JsonObject();
                o.addProperty(
                        "status",
                        "Model \"" + name + "\" unregistered (" + gone.size() + " version"
                                + (gone.size() == 1 ? "" : "s") + ").");
                return o;
            });
        } else {
            throw new ApiError(
                    405,
                    "MethodNotAllowedException",
                    "method " + method + " is not allowed on /models" + (name == null ? "" : "/" + name)
                            + "; use GET, POST /models, PUT or DELETE /models/{model}");
        }
    }

    private interface Task {
        JsonObject run() throws InterruptedException;
    }

    /** Runs a management call off the event loop: loading a model takes seconds. */
    private void offload(Reply reply, Task task) {
        try {
            server.management().execute(() -> {
                try {
                    reply.json(200, task.run().toString());
                } catch (ApiError e) {
                    reply.error(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reply.error(ApiError.unavailable("the server is shutting down"));
                } catch (RuntimeException e) {
                    LOG.warn("management call failed", e);
                    reply.error(ApiError.internal(Messages.describe(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            throw ApiError.unavailable("the server is shutting down");
        }
    }

    /** The live inputs of a model against its training reference. */
    private static JsonObject drift(ServedModel m) {
        if (m.description().drift() == null) {
            throw new ApiError(
                    404,
                    "ResourceNotFoundException",
                    "model " + m.name() + " version " + m.version()
                            + " has no drift profile (its project offers no drift monitoring, or it was saved before it did)");
        }
        JsonObject o = new JsonObject();
        o.addProperty("modelName", m.name());
        o.addProperty("modelVersion", m.version());
        JsonObject live = new JsonObject();
        m.driftWindowSizes().forEach(live::addProperty);
        o.add("liveValues", live);
        o.addProperty("window", SlidingWindow.DEFAULT_CAPACITY);
        var result = m.drift();
        o.addProperty("checked", result.isPresent());
        result.ifPresent(r -> o.add("result", JsonParser.parseString(r.toJson())));
        return o;
    }

    private static JsonObject status(String text, ServedModel m) {
        JsonObject o = new JsonObject();
        o.addProperty("status", text);
        o.addProperty("modelName", m.name());
        o.addProperty("version", m.version());
        o.addProperty("workers", m.settings().workers());
        return o;
    }

    private JsonObject list() {
        JsonArray arr = new JsonArray();
        for (ServedModel m : server.models()) {
            JsonObject o = new JsonObject();
            o.addProperty("modelName", m.name());
            o.addProperty("version", m.version());
            o.addProperty("modelUrl", m.description().ref());
            o.addProperty("status", m.status().name());
            arr.add(o);
        }
        JsonObject body = new JsonObject();
        body.add("models", arr);
        return body;
    }

    private JsonArray describe(String name, String version) {
        List<ServedModel> matches = new ArrayList<>();
        if (version == null) {
            server.require(name, null);
            server.models().stream().filter(m -> m.name().equals(name)).forEach(matches::add);
        } else {
            matches.add(server.require(name, version));
        }
        JsonArray arr = new JsonArray();
        for (ServedModel m : matches) {
            DynamicBatcher.Settings s = m.settings();
            DynamicBatcher.Stats st = m.stats();
            JsonObject o = new JsonObject();
            o.addProperty("modelName", m.name());
            o.addProperty("modelVersion", m.version());
            o.addProperty("modelUrl", m.description().ref());
            o.addProperty("status", m.status().name());
            if (m.failure() != null) {
                o.addProperty("failure", Messages.describe(m.failure()));
            }
            o.addProperty("batchSize", s.batchSize());
            o.addProperty("maxBatchDelay", s.maxBatchDelay().toMillis());
            o.addProperty("queueSize", s.queueSize());
            o.addProperty("requestInQueue", m.queued());
            o.addProperty("minWorkers", s.workers());
            o.addProperty("maxWorkers", s.workers());
            o.addProperty("requests", st.requests());
            o.addProperty("batches", st.batches());
            o.addProperty("rejected", st.rejected());
            arr.add(o);
        }
        return arr;
    }

    // ---- writing -----------------------------------------------------------------------

    static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** Writes one request's answer, from any thread. */
    private static final class Reply {
        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;
        private final String requestId;

        Reply(ChannelHandlerContext ctx, boolean keepAlive, String requestId) {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
            this.requestId = requestId;
        }

        void json(int code, String body) {
            send(code, JSON, body.getBytes(StandardCharsets.UTF_8));
        }

        void error(ApiError e) {
            send(e.code(), JSON, e.toJson().getBytes(StandardCharsets.UTF_8), e.code() == 401);
        }

        /** Writes a model's output, or an error when the translator set an error status. */
        int output(Output out) {
            int code = out.getCode() <= 0 ? 200 : out.getCode();
            if (code >= 400) {
                String why =
                        out.getMessage() == null || out.getMessage().isBlank() ? "status " + code : out.getMessage();
                ApiError e = code == 400 ? ApiError.translate(why) : new ApiError(code, "ServingException", why);
                error(e);
                return code;
            }
            byte[] body = out.getData() == null ? new byte[0] : out.getData().getAsBytes();
            String type = out.getProperty("Content-Type", out.getProperty("content-type", JSON));
            send(code, type, body);
            return code;
        }

        void send(int code, String contentType, byte[] body) {
            send(code, contentType, body, false);
        }

        private void send(int code, String contentType, byte[] body, boolean challenge) {
            FullHttpResponse r = response(HttpResponseStatus.valueOf(code), contentType, body);
            if (requestId != null) {
                r.headers().set(REQUEST_ID, requestId);
            }
            if (challenge) {
                r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            if (keepAlive) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(r);
            } else {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error", cause);
        ctx.close();
    }
}
