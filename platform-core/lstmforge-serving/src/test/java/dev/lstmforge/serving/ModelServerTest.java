package dev.lstmforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The server's routes, errors and safety with a model that needs no engine ({@link FakeModels}):
 * status codes and bodies as a DJL Serving client sees them.
 */
class ModelServerTest {

    private static ModelServer.Options options() {
        return ModelServer.Options.defaults()
                .withBatching(new DynamicBatcher.Settings(8, Duration.ofMillis(20), 100, 1));
    }

    @Test
    void predictsThroughEveryInferenceRoute() throws Exception {
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, options())) {
            server.register("echo", Map.of());
            Http http = new Http(server.uri());

            Http.Reply r = http.post("/predictions/echo", "hello", "x-request-id", "r-17");
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("HELLO");
            assertThat(r.raw().headers().firstValue("x-request-id")).hasValue("r-17");
            assertThat(http.post("/predictions/echo/1", "a").body()).isEqualTo("A");
            assertThat(http.post("/predictions/echo/v1", "a").body()).isEqualTo("A");
            assertThat(http.post("/invocations", "b").body()).isEqualTo("B");
            assertThat(http.post("/invocations?model_name=echo", "c").body()).isEqualTo("C");
            // query parameters and headers are the request's properties
            assertThat(http.post("/predictions/echo?suffix=!", "d").body()).isEqualTo("D!");
            assertThat(http.post("/predictions/echo", "e", "suffix", "?").body())
                    .isEqualTo("E?");

            // multipart form, as `curl -F data=@file` sends it
            String boundary = "----lstmforge";
            String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nfrom a file\r\n--" + boundary + "--\r\n";
            Http.Reply multipart =
                    http.post("/predictions/echo", form, "Content-Type", "multipart/form-data; boundary=" + boundary);
            assertThat(multipart.code()).isEqualTo(200);
            assertThat(multipart.body()).isEqualTo("FROM A FILE");

            assertThat(http.get("/ping").code()).isEqualTo(200);
            assertThat(http.get("/ping").json().getAsJsonObject().get("status").getAsString())
                    .isEqualTo("Healthy");
            // a model without a drift profile has no drift route
            Http.Reply drift = http.get("/models/echo/drift");
            assertThat(drift.code()).isEqualTo(404);
            assertThat(drift.message()).contains("no drift profile");
        }
    }

    @Test
    void errorsHaveDjlServingsShape() throws Exception {
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, options())) {
            server.register("echo", Map.of());
            Http http = new Http(server.uri());

            Http.Reply bad = http.post("/predictions/echo", "bad");
            assertThat(bad.code()).isEqualTo(400);
            assertThat(bad.type()).isEqualTo("TranslateException");
            assertThat(bad.message()).contains("'bad' is not a valid body");
            assertThat(bad.json().getAsJsonObject().get("code").getAsInt()).isEqualTo(400);

            Http.Reply fault = http.post("/predictions/echo", "boom");
            assertThat(fault.code()).isEqualTo(500);
            assertThat(fault.type()).isEqualTo("InternalServerException");
            assertThat(fault.message()).contains("out of memory in the engine");

            Http.Reply unknown = http.post("/predictions/nope", "x");
            assertThat(unknown.code()).isEqualTo(404);
            assertThat(unknown.type()).isEqualTo("ModelNotFoundException");
            assertThat(unknown.message()).contains("'nope'").contains("[echo]");
            Http.Reply noVersion = http.post("/predictions/echo/7", "x");
            assertThat(noVersion.code()).isEqualTo(404);
            assertThat(noVersion.message()).contains("no version '7'").contains("[1]");
            assertThat(http.post("/invocations?model_name=nope", "x").code()).isEqualTo(404);
            assertThat(http.get("/nowhere").code()).isEqualTo(404);
            assertThat(http.get("/predictions/echo").code()).isEqualTo(405);

            // a bad request in a batch fails alone: its batch-mates are answered
            models.gate = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> first = async(http, "/predictions/echo", "first");
            Thread.sleep(200); // the worker holds "first" at the gate; the next three queue up
            List<CompletableFuture<HttpResponse<String>>> rest = new ArrayList<>();
            for (String body : List.of("one", "bad", "two")) {
                rest.add(async(http, "/predictions/echo", body));
            }
            Thread.sleep(300);
            models.gate.countDown();
            assertThat(first.get().body()).isEqualTo("FIRST");
            assertThat(rest.get(0).get().body()).isEqualTo("ONE");
            assertThat(rest.get(1).get().statusCode()).isEqualTo(400);
            assertThat(rest.get(2).get().body()).isEqualTo("TWO");
            assertThat(models.batchSizes).contains(3);
        }
    }

    private static CompletableFuture<HttpResponse<String>> async(Http http, String path, String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.post(path, body).raw();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void fullQueueAnswers503AndEveryRequestIsAnsweredOnce() throws Exception {
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, options())) {
            server.register("echo", Map.of("batch_size", "1", "job_queue_size", "2"));
            Http http = new Http(server.uri());
            models.gate = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            sent.add(async(http, "/predictions/echo", "x0"));
            Thread.sleep(200); // x0 is running, held at the gate
            for (int i = 1; i <= 5; i++) {
                sent.add(async(http, "/predictions/echo", "x" + i));
            }
            Thread.sleep(400);
            models.gate.countDown();
            int ok = 0;
            int full = 0;
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(r.statusCode()).isEqualTo(503);
                    assertThat(r.body()).contains("ServiceUnavailableException").contains("queue is full");
                    full++;
                }
            }
            // one running and two queued are answered; the other three were refused at once
            assertThat(ok).isEqualTo(3);
            assertThat(full).isEqualTo(3);
            String metrics = http.get("/metrics").body();
            assertThat(metrics).contains("lstmforge_requests_total{code=\"503\",model=\"echo\",version=\"1\"} 3.0");
            assertThat(metrics).contains("lstmforge_requests_total{code=\"200\",model=\"echo\",version=\"1\"} 3.0");
            assertThat(metrics).contains("lstmforge_batch_size_count{model=\"echo\",version=\"1\"} 3");
            assertThat(metrics).contains("lstmforge_queue_depth{model=\"echo\",version=\"1\"} 0.0");
            assertThat(metrics).contains("lstmforge_request_duration_seconds_bucket");
        }
    }

    @Test
    void managementRoutesLoadScaleAndUnload() throws Exception {
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, options())) {
            Http http = new Http(server.uri());
            assertThat(http.get("/models").json().getAsJsonObject().getAsJsonArray("models"))
                    .isEmpty();

            Http.Reply reg = http.post(
                    "/models?url=echo&model_name=shout&batch_size=4&max_batch_delay=7&job_queue_size=50&min_worker=1&max_worker=2",
                    null);
            assertThat(reg.code()).isEqualTo(200);
            assertThat(reg.body()).contains("Model \\\"shout\\\" registered.");
            assertThat(http.post("/predictions/shout", "hi").body()).isEqualTo("HI");

            var d = http.get("/models/shout").json().getAsJsonArray().get(0).getAsJsonObject();
            assertThat(d.get("modelName").getAsString()).isEqualTo("shout");
            assertThat(d.get("batchSize").getAsInt()).isEqualTo(4);
            assertThat(d.get("maxBatchDelay").getAsInt()).isEqualTo(7);
            assertThat(d.get("queueSize").getAsInt()).isEqualTo(50);
            assertThat(d.get("maxWorkers").getAsInt()).isEqualTo(2);
            assertThat(d.get("status").getAsString()).isEqualTo("READY");
            assertThat(http.get("/models").body()).contains("\"modelName\":\"shout\"");

            assertThat(http.post("/models?url=echo&model_name=shout", null).code())
                    .isEqualTo(409);
            Http.Reply badNumber = http.post("/models?url=echo&model_name=x&batch_size=many", null);
            assertThat(badNumber.code()).isEqualTo(400);
            assertThat(badNumber.message()).contains("batch_size='many'");
            Http.Reply remote = http.post("/models?url=https://example.com/model.zip", null);
            assertThat(remote.code()).isEqualTo(400);
            assertThat(remote.message()).contains("only store references and local paths");
            Http.Reply broken = http.post("/models?url=broken", null);
            assertThat(broken.code()).isEqualTo(500);
            assertThat(broken.message()).contains("the parameters file is damaged");
            assertThat(http.get("/ping").code()).isEqualTo(200); // the failed model was not kept

            Http.Reply scaled = http.put("/models/shout?min_worker=3&max_worker=3");
            assertThat(scaled.code()).isEqualTo(200);
            assertThat(http.get("/models/shout")
                            .json()
                            .getAsJsonArray()
                            .get(0)
                            .getAsJsonObject()
                            .get("maxWorkers")
                            .getAsInt())
                    .isEqualTo(3);
            assertThat(http.post("/predictions/shout", "still").body()).isEqualTo("STILL");

            assertThat(http.delete("/models/shout").code()).isEqualTo(200);
            assertThat(http.post("/predictions/shout", "gone").code()).isEqualTo(404);
            assertThat(http.delete("/models/shout").code()).isEqualTo(404);
        }
    }

    @Test
    void aModelThatFailsToLoadMakesPingUnhealthy() throws Exception {
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, options())) {
            server.register("echo", Map.of());
            // a model whose workers fail after registration (for example a file deleted under it)
            ServedModel broken = new ServedModel(
                    models,
                    new ModelProvider.Description("broken", "1", "broken", Map.of(), null),
                    options().batching(),
                    server.metrics());
            broken.awaitStarted(Duration.ofSeconds(10));
            assertThat(broken.status()).isEqualTo(ServedModel.Status.FAILED);
            broken.shutdown(Duration.ofSeconds(1));
            // through the API a failed load is refused and the server stays healthy
            Http http = new Http(server.uri());
            assertThat(http.post("/models?url=broken", null).code()).isEqualTo(500);
            assertThat(http.get("/ping").code()).isEqualTo(200);
        }
    }

    @Test
    void managementTokenAndBodyLimit() throws Exception {
        ModelServer.Options o = new ModelServer.Options(
                "127.0.0.1",
                0,
                1024,
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                "s3cret",
                options().batching());
        try (ModelServer server = ModelServer.start(new FakeModels(), o)) {
            server.register("echo", Map.of());
            Http anonymous = new Http(server.uri());
            Http.Reply refused = anonymous.get("/models");
            assertThat(refused.code()).isEqualTo(401);
            assertThat(refused.type()).isEqualTo("UnauthorizedException");
            assertThat(refused.raw().headers().firstValue("www-authenticate")).hasValue("Bearer");
            assertThat(new Http(server.uri()).token("wrong").get("/models").code())
                    .isEqualTo(401);
            assertThat(new Http(server.uri()).token("s3cret").get("/models").code())
                    .isEqualTo(200);
            // inference, health and metrics stay open
            assertThat(anonymous.post("/predictions/echo", "ok").code()).isEqualTo(200);
            assertThat(anonymous.get("/ping").code()).isEqualTo(200);

            byte[] big = new byte[2048];
            java.util.Arrays.fill(big, (byte) 'a');
            Http.Reply tooLarge = anonymous.send("POST", "/predictions/echo", big);
            assertThat(tooLarge.code()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("larger than the limit of 1024 bytes");
            assertThat(anonymous
                            .post("/predictions/echo", new String(big, 0, 1000, StandardCharsets.UTF_8))
                            .code())
                    .isEqualTo(200);
        }
    }

    @Test
    void bindsToLoopbackByDefault() throws Exception {
        try (ModelServer server = ModelServer.start(new FakeModels(), options())) {
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void requestTimeoutAnswers503() throws Exception {
        ModelServer.Options o = new ModelServer.Options(
                "127.0.0.1",
                0,
                1 << 20,
                Duration.ofMillis(300),
                Duration.ofMinutes(1),
                null,
                options().batching());
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, o)) {
            server.register("echo", Map.of());
            models.gate = new CountDownLatch(1);
            Http.Reply slow = new Http(server.uri()).post("/predictions/echo", "slow");
            models.gate.countDown();
            assertThat(slow.code()).isEqualTo(503);
            assertThat(slow.message()).contains("did not answer within");
        }
    }

    @Test
    void shutdownFinishesInFlightRequestsAndRefusesNewOnes() throws Exception {
        FakeModels models = new FakeModels();
        ModelServer server = ModelServer.start(models, options());
        server.register("echo", Map.of());
        Http http = new Http(server.uri());
        models.gate = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> inFlight = async(http, "/predictions/echo", "in flight");
        Thread.sleep(200);
        Thread closer = new Thread(server::close);
        closer.start();
        Thread.sleep(200);
        // while the server drains, a new request is refused
        Http.Reply late = http.post("/predictions/echo", "late");
        assertThat(late.code()).isEqualTo(503);
        assertThat(late.message()).contains("shutting down");
        models.gate.countDown();
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(inFlight.get().body()).isEqualTo("IN FLIGHT");
        closer.join(10_000);
        assertThat(closer.isAlive()).isFalse();
    }
}
