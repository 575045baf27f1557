package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lstmforge bench --suite --smoke}: the suite's short form still runs end to end and writes
 * every section. It proves the suite works, not its numbers (benchmarks are never timed tests).
 */
class BenchSuiteCliTest {

    @TempDir
    Path tmp;

    @Test
    void theSmokeRunWritesEverySection() throws IOException {
        Path json = tmp.resolve("suite.json");
        Cli.Result r = smoke(
                "pytorch-cpu",
                json,
                "--python",
                "--python-script",
                tmp.resolve("no-such-peer.py").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("no Python peer")
                .contains("| pytorch-cpu | 60 | 50 |")
                .contains("serving p50 / p99 / p99.9 ms");
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(doc.getAsJsonObject("machine").get("cores").getAsInt()).isPositive();
        JsonObject engine = doc.getAsJsonArray("engines").get(0).getAsJsonObject();
        assertThat(engine.get("engine").getAsString()).isEqualTo("PyTorch");
        JsonObject training = engine.getAsJsonArray("training").get(0).getAsJsonObject();
        assertThat(training.get("samplesPerSecond").getAsDouble()).isPositive();
        assertThat(training.get("gflops").getAsDouble()).isPositive();
        assertThat(engine.getAsJsonObject("serving").get("p99Ms").getAsDouble())
                .isGreaterThanOrEqualTo(
                        engine.getAsJsonObject("serving").get("p50Ms").getAsDouble());
        for (String b : new String[] {"batch1", "batch8", "batch32", "batch64"}) {
            assertThat(engine.getAsJsonObject("forward")
                            .getAsJsonObject(b)
                            .get("p50Ms")
                            .getAsDouble())
                    .isPositive();
        }
        assertThat(engine.getAsJsonObject("projects")
                        .getAsJsonObject("audio-classification")
                        .keySet())
                .contains("mfcc_8khz_x_real_time");
        assertThat(engine.getAsJsonObject("projects")
                        .getAsJsonObject("video-action")
                        .keySet())
                .contains("decode_clip_frames_per_second");
        // the suite cleans up after itself: no model store is left behind
        assertThat(tmp.resolve("models")).doesNotExist();
    }

    @Test
    void twoEnginesInOneRunAreBothMeasured() throws IOException {
        Path json = tmp.resolve("both.json");
        Cli.Result r = smoke("pytorch-cpu,mxnet-cpu", json);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| pytorch-cpu | 60 | 50 |").contains("| mxnet-cpu | 60 | 50 |");
        JsonObject doc = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertThat(doc.getAsJsonArray("engines")).hasSize(2);
    }

    /** {@code bench --suite --smoke} on {@code engines}, writing {@code json}, with more options. */
    private Cli.Result smoke(String engines, Path json, String... more) {
        List<String> args = new ArrayList<>(
                List.of("bench", "--suite", "--smoke", "--engines", engines, "--json", json.toString()));
        args.addAll(List.of(more));
        return Cli.run(Cli.DIST_PLUGINS, tmp.resolve("models"), args.toArray(String[]::new));
    }

    @Test
    void trainingFlopsFollowTheLstmGateMatrices() {
        // layer 1: 4*50*(1+50) multiply-adds, layer 2: 4*50*(50+50); x2 FLOPs, x3 for backward, x60 steps
        double perStep = 2.0 * 4 * 50 * (1 + 50) + 2.0 * 4 * 50 * (50 + 50);
        assertThat(BenchSuite.trainingFlopsPerSample(60, 50)).isEqualTo(3 * perStep * 60);
    }
}
