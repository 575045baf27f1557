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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher in front of a real trained model (the stock plugin, loaded through PF4J): requests
 * sent together are answered by one batched call of the serving translator, and each answer is the
 * one the same request gets alone.
 */
class BatchedStockModelTest {

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
    void concurrentRequestsShareOneBatchAndGetTheirOwnAnswers(@TempDir Path tmp) throws Exception {
        try (LstmForge forge = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(Path.of(System.getProperty("lstmforge.test.pluginsDir")))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(tmp.resolve("models"))
                .dataRoot(Path.of(System.getProperty("lstmforge.dataRoot")))
                .engine("pytorch-cpu")
                .seed(42)
                .build()) {
            TrainResult trained = forge.train(
                    "stock-forecast",
                    null,
                    Map.of("epochs", "1", "window", String.valueOf(WINDOW), "hiddenSize", "8", "layers", "1"));
            String ref = trained.version().ref();

            List<String> alone = new ArrayList<>();
            try (LoadedModel m = forge.load(ref)) {
                for (int i = 0; i < 8; i++) {
                    alone.add(text(m.predictBatch(List.of(request(i))).get(0)));
                }
            }
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
}
