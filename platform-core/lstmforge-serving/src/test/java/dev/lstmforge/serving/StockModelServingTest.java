package dev.lstmforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real trained model (the stock plugin, loaded through PF4J) behind the batcher and the HTTP
 * server: requests sent together are answered by one batched call of the serving translator, each
 * answer is the one the same request gets alone, and a DJL Serving archive exported from the
 * store is served too.
 */
class StockModelServingTest {

    private static LstmForge forge;
    private static String ref;
    private static List<String> alone;

    @BeforeAll
    static void train(@TempDir Path tmp) throws Exception {
        forge = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(Path.of(System.getProperty("lstmforge.test.pluginsDir")))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(tmp.resolve("models"))
                .dataRoot(Path.of(System.getProperty("lstmforge.dataRoot")))
                .engine("pytorch-cpu")
                .seed(42)
                .build();
        TrainResult trained = forge.train(
                "stock-forecast",
                null,
                Map.of("epochs", "1", "window", String.valueOf(WINDOW), "hiddenSize", "8", "layers", "1"));
        ref = trained.version().ref();
        alone = new ArrayList<>();
        try (LoadedModel m = forge.load(ref)) {
            for (int i = 0; i < 8; i++) {
                alone.add(text(m.predictBatch(List.of(request(i))).get(0)));
            }
        }
    }

    @AfterAll
    static void close() {
        if (forge != null) {
            forge.close();
        }
    }

    private static final int WINDOW = 10;

    private static Input request(int seed) {
        StringBuilder close = new StringBuilder("{\"horizon\": 1, \"close\": [");
        for (int i = 0; i < WINDOW + 5; i++) {
            double v = 100 + 10 * Math.sin(0.3 * i + seed) + seed;
            close.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", v));
        }
        close.append("]}");
        Input in = new Input();
        in.add("data", close.toString().getBytes(StandardCharsets.UTF_8));
        return in;
    }

    private static String text(Output out) {
        return out.getData().getAsString();
    }

    @Test
    void concurrentRequestsShareOneBatchAndGetTheirOwnAnswers() throws Exception {
        {
            assertThat(alone).doesNotHaveDuplicates();
            // a thread that did not start the engine gets the same answers (PyTorch's gradient
            // mode is per thread, and it changes the LSTM's numbers)
            try (LoadedModel m = forge.load(ref)) {
                String[] elsewhere = new String[1];
                Thread t = new Thread(() -> {
                    try {
                        elsewhere[0] = text(m.predictBatch(List.of(request(0))).get(0));
                    } catch (TranslateException e) {
                        elsewhere[0] = e.toString();
                    }
                });
                t.start();
                t.join();
                assertThat(elsewhere[0]).isEqualTo(alone.get(0));
            }

            List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
            DynamicBatcher.Settings settings = new DynamicBatcher.Settings(8, Duration.ofSeconds(2), 64, 1);
            List<CompletableFuture<Output>> answers = new ArrayList<>();
            try (DynamicBatcher<Input, Output> batcher = new DynamicBatcher<>(ref, settings, () -> {
                LoadedModel m = forge.load(ref);
                return new DynamicBatcher.BatchFunction<Input, Output>() {
                    @Override
                    public List<Output> apply(List<Input> batch) throws TranslateException {
                        batchSizes.add(batch.size());
                        return m.predictBatch(batch);
                    }

                    @Override
                    public void close() {
                        m.close();
                    }
                };
            })) {
                for (int i = 0; i < 8; i++) {
                    answers.add(batcher.submit(request(i)));
                }
                for (int i = 0; i < 8; i++) {
                    assertThat(text(answers.get(i).get(60, TimeUnit.SECONDS))).isEqualTo(alone.get(i));
                }
                assertThat(batchSizes).containsExactly(8);

                // a bad request in a batch fails alone; its batch-mates are answered
                Input bad = new Input();
                bad.add("data", "{\"horizon\": 1, \"close\": [1, 2]}".getBytes(StandardCharsets.UTF_8));
                CompletableFuture<Output> good = batcher.submit(request(3));
                CompletableFuture<Output> refused = batcher.submit(bad);
                assertThat(text(good.get(60, TimeUnit.SECONDS))).isEqualTo(alone.get(3));
                assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TranslateException.class)
                        .hasMessageContaining("bad forecast request");
            }
        }
    }

    @Test
    void theServerAnswersAsTheModelDoesAloneAndBatchesConcurrentRequests() throws Exception {
        ModelServer.Options o = ModelServer.Options.defaults()
                .withBatching(new DynamicBatcher.Settings(8, Duration.ofMillis(500), 100, 1));
        try (ModelServer server = ModelServer.start(new ForgeModels(forge), o)) {
            ServedModel served = server.register("stock-forecast", Map.of());
            assertThat(served.version()).isEqualTo(ref.substring(ref.lastIndexOf("/v") + 2));
            Http http = new Http(server.uri());
            String body = request(0).getData().getAsString();
            Http.Reply one = http.post("/predictions/stock-forecast", body);
            assertThat(one.code()).isEqualTo(200);
            assertThat(one.raw().headers().firstValue("content-type")).hasValue("application/json");
            assertThat(one.body()).isEqualTo(alone.get(0));
            assertThat(http.post("/predictions/stock-forecast/" + served.version(), body)
                            .body())
                    .isEqualTo(alone.get(0));

            // eight clients at once: fewer forward passes than requests, every answer its own
            List<CompletableFuture<Http.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String b = request(i).getData().getAsString();
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return http.post("/predictions/stock-forecast", b);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(sent.get(i).get(60, TimeUnit.SECONDS).body()).isEqualTo(alone.get(i));
            }
            String metrics = http.get("/metrics").body();
            double passes = sample(metrics, "lstmforge_batch_size_count");
            double requests = sample(metrics, "lstmforge_batch_size_sum");
            assertThat(requests).isEqualTo(10.0);
            assertThat(passes).isLessThan(10.0);

            // the requests' daily returns were compared with the training data's
            Http.Reply drift = http.get("/models/stock-forecast/drift");
            assertThat(drift.code()).as(drift.body()).isEqualTo(200);
            var d = drift.json().getAsJsonObject();
            assertThat(d.getAsJsonObject("liveValues").get("log_return").getAsInt())
                    .isEqualTo(10 * (WINDOW + 4));
            // and the answers' next-day returns with the model's answers on its test part
            assertThat(d.getAsJsonObject("liveValues").get("forecast_return").getAsInt())
                    .isEqualTo(10);
            assertThat(d.get("checked").getAsBoolean()).isTrue();
            assertThat(drift.body())
                    .contains("\"log_return\"")
                    .contains("\"forecast_return\"")
                    .contains("\"psi\"");
            assertThat(http.get("/models/stock-forecast/" + served.version() + "/drift")
                            .code())
                    .isEqualTo(200);
            assertThat(http.get("/metrics").body())
                    .contains("lstmforge_drift_psi{feature=\"log_return\",model=\"stock-forecast\"")
                    .contains("lstmforge_drift_detected{model=\"stock-forecast\"");

            Http.Reply bad = http.post("/predictions/stock-forecast", "{\"horizon\": 1, \"close\": [1, 2]}");
            assertThat(bad.code()).isEqualTo(400);
            assertThat(bad.type()).isEqualTo("TranslateException");
            assertThat(bad.message()).contains("field 'close'").contains("need at least 10");
            Http.Reply notJson = http.post("/predictions/stock-forecast", "{not json");
            assertThat(notJson.code()).isEqualTo(400);
        }
    }

    private static double sample(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void servesAnExportedArchiveAndRefusesUnsafeOnes(@TempDir Path tmp) throws Exception {
        Path zip = forge.export(ref, tmp.resolve("stock-export.zip"));
        Path evil = tmp.resolve("evil.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
            z.putNextEntry(new ZipEntry("../../escaped.txt"));
            z.write("owned".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Path broken = tmp.resolve("broken.zip");
        Files.write(broken, "this is not a zip".getBytes(StandardCharsets.UTF_8));
        try (ModelServer server = ModelServer.start(new ForgeModels(forge), ModelServer.Options.defaults())) {
            Http http = new Http(server.uri());
            Http.Reply reg = http.post("/models?model_name=exported&url=" + zip.toUri(), null);
            assertThat(reg.code()).as(reg.body()).isEqualTo(200);
            String body = request(2).getData().getAsString();
            assertThat(http.post("/predictions/exported", body).body()).isEqualTo(alone.get(2));

            Http.Reply slip = http.post("/models?url=" + evil.toUri(), null);
            assertThat(slip.code()).isEqualTo(400);
            assertThat(slip.message()).contains("outside its folder");
            assertThat(tmp.getParent().getParent().resolve("escaped.txt")).doesNotExist();
            Http.Reply notZip = http.post("/models?url=" + broken.toUri(), null);
            assertThat(notZip.code()).isEqualTo(400);
            assertThat(notZip.message()).contains("not a readable zip");
            Http.Reply missing = http.post("/models?url=stock-forecast/v99", null);
            assertThat(missing.code()).isEqualTo(400);
            assertThat(missing.message()).contains("not found");
            // the server is still up and serving
            assertThat(http.get("/ping").code()).isEqualTo(200);
            assertThat(http.post("/predictions/exported", body).code()).isEqualTo(200);
        }
    }

    @Test
    void underLoadEveryRequestIsAnsweredOnceAndBatchesForm() throws Exception {
        try (ModelServer server = ModelServer.start(new ForgeModels(forge), ModelServer.Options.defaults())) {
            ServedModel m = server.register("stock-forecast", Map.of());
            byte[] body = request(5).getData().getAsBytes();
            LoadGenerator load = new LoadGenerator(server.uri().resolve("/predictions/stock-forecast"), body);
            LoadGenerator.Result r = load.run(32, Duration.ofSeconds(3), 20_000);
            assertThat(r.clean()).as(r.summary()).isTrue();
            assertThat(r.sent()).isGreaterThan(100);
            DynamicBatcher.Stats s = m.stats();
            // 32 clients on one worker: requests queue while a batch runs, so batches hold several
            assertThat((double) s.requests() / s.batches()).as(s.toString()).isGreaterThan(2.0);
            // and the answers are still the model's own
            assertThat(new Http(server.uri())
                            .post("/predictions/stock-forecast", new String(body, StandardCharsets.UTF_8))
                            .body())
                    .isEqualTo(alone.get(5));
        }
    }
}
