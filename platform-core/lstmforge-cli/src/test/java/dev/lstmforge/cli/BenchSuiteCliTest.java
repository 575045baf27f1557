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

    @Test
    void flatnessComparesMediansAndThenEachRoundAlone() {
        // the PyTorch windows of the 2026-12-05 two-engine run: round 4 met a slow spell at window 240
        int[] windows = {60, 30, 120, 240};
        double[][] runs = {
            {10901, 11295, 10794, 11013, 9789},
            {18971, 20885, 21257, 18558, 21449},
            {5122, 5493, 5284, 5716, 5080},
            {2892, 2940, 2834, 1557, 2965}
        };
        double[] f = BenchSuite.flatness(windows, runs);
        // medians: 1.529 (60), 1.596 (30), 1.577 (120), 1.441 (240) us per sample-step
        assertThat(f[0]).isCloseTo(1.596 / 1.441, org.assertj.core.data.Offset.offset(0.002));
        assertThat(f).hasSize(6);
        // round 4: 2.676 us at window 240 over 1.458 at window 120
        assertThat(f[4])
                .isCloseTo((1 / (1557.0 * 240)) / (1 / (5716.0 * 120)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f[3]).isLessThan(1.1);
    }

    @Test
    void theMarkdownOfARecordedRunStatesTheFlatnessOfEachEngineAndOfThePythonPeer() throws IOException {
        Path recorded = Path.of("../../engines-config/measurements/suite-2026-12-05-both-engines.json");
        JsonObject doc = JsonParser.parseString(Files.readString(recorded)).getAsJsonObject();
        java.io.StringWriter text = new java.io.StringWriter();
        try (java.io.PrintWriter out = new java.io.PrintWriter(text)) {
            BenchSuite.markdown(doc, out);
        }
        assertThat(text.toString())
                .contains("largest over smallest: pytorch-cpu 1.11× (each round alone: 1.22, 1.13, 1.07, 1.84, 1.21)")
                .contains("largest over smallest: mxnet-cpu 1.36×")
                .contains("largest over smallest: Python peer 1.21×");
    }
}
