package dev.lstmforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.util.CpuInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store compatibility: a small model version that an earlier build of the plugin saved is kept
 * as a test fixture, and today's code must still load it and give the predictions recorded when
 * it was saved. A plugin test extends this class and names a tiny training configuration and a
 * request:
 *
 * <pre>{@code
 * class StockStoreCompatibilityTest extends StoreCompatibilityContract {
 *     protected String projectId() { return "stock-forecast"; }
 *     protected Map<String, String> fixtureTraining() { return Map.of("epochs", "2", "hiddenSize", "8"); }
 *     protected String request() { return ""; }
 * }
 * }</pre>
 *
 * <p>The fixture lives in {@code src/test/resources/store-fixture/}: the model folder under
 * {@code model/} and the request and response under {@code expected.json}. To record it (once, and
 * again only when a change of format is intended and documented), run the test with
 * {@code -Dlstmforge.recordStoreFixture=true}; a normal run never writes it, and fails when it is
 * missing. {@code -Dlstmforge.recordStoreFixture=response} keeps the saved model as it is (so the
 * earlier build's format stays under test) and records only the answer today's code gives for it.
 *
 * <p>The recording also notes the machine it ran on ({@code recordedOn}: CPU model, the CPU's
 * reduced-precision instruction sets, engine version). A fixture recorded on one machine was once
 * replayed on another CPU with answers 0.2&ndash;2% apart, far beyond float rounding; an
 * independent PyTorch 1.13 computation from the same weights and features sided with the replaying
 * machine. When a replay fails, the message prints both machines so that such a difference can be
 * told from a broken store format. Record only on a machine whose answer an independent
 * computation confirms.
 */
public abstract class StoreCompatibilityContract {

    /** Relative tolerance for numbers in the recorded response. */
    private static final double TOLERANCE = 1e-4;

    /**
     * Returns the id of the project under test.
     *
     * @return the project id
     */
    protected abstract String projectId();

    /**
     * Returns hyper-parameters for a tiny, fast model to record.
     *
     * @return overrides
     */
    protected abstract Map<String, String> fixtureTraining();

    /**
     * Returns the request body to replay.
     *
     * @return the body
     */
    protected abstract String request();

    /**
     * Returns the request body as bytes; override for binary requests (for example an audio
     * file), else it is {@link #request()} in UTF-8.
     *
     * @return the request body
     */
    protected byte[] requestBody() {
        return request().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Returns request properties to replay.
     *
     * @return the properties; none by default
     */
    protected Map<String, String> requestProperties() {
        return Map.of();
    }

    /**
     * Returns response fields that legitimately differ between runs (timings), skipped when
     * comparing.
     *
     * @return field names; none by default
     */
    protected java.util.Set<String> varyingFields() {
        return java.util.Set.of();
    }

    /**
     * Returns the data to record the fixture on, or null for the project's default data.
     *
     * @return the data path
     */
    protected Path dataFile() {
        return null;
    }

    /**
     * Returns the fixture folder.
     *
     * @return {@code src/test/resources/store-fixture} of the module under test
     */
    protected Path fixtureDir() {
        return Path.of("src", "test", "resources", "store-fixture");
    }

    private LstmForge forge(Path models) {
        return ClasspathForge.open("pytorch-cpu", models);
    }

    @Test
    void aModelSavedByAnEarlierBuildStillLoadsAndPredictsTheSame(@TempDir Path tmp) throws Exception {
        String recordMode = System.getProperty("lstmforge.recordStoreFixture", "false");
        if ("true".equals(recordMode)) {
            record(tmp);
        } else if ("response".equals(recordMode)) {
            recordResponse(tmp);
        }
        Path model = fixtureDir().resolve("model");
        Path expectedFile = fixtureDir().resolve("expected.json");
        if (!Files.isDirectory(model) || !Files.isRegularFile(expectedFile)) {
            fail("no store fixture in " + fixtureDir().toAbsolutePath()
                    + "; record it with -Dlstmforge.recordStoreFixture=true");
        }
        Path store = tmp.resolve("models");
        copyTree(model, store.resolve(projectId()).resolve("v1"));
        JsonObject expected = JsonUtils.GSON.fromJson(Files.readString(expectedFile), JsonObject.class);
        try (LstmForge forge = forge(store);
                LoadedModel m = forge.load(projectId() + "/v1")) {
            String actual = m.predict(requestBody(), requestProperties());
            JsonElement response = JsonUtils.GSON.fromJson(actual, JsonElement.class);
            for (String field : varyingFields()) {
                assertThat(response.getAsJsonObject().has(field))
                        .as("response field " + field)
                        .isTrue();
                response.getAsJsonObject().remove(field);
                expected.getAsJsonObject("response").remove(field);
            }
            try {
                assertSameJson("response", response, expected.get("response"));
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + "\nrecorded on: " + expected.get("recordedOn") + "\nreplayed on: " + machine(),
                        e);
            }
        }
    }

    private void record(Path tmp) throws IOException, InterruptedException {
        Path store = tmp.resolve("record");
        try (LstmForge forge = forge(store)) {
            TrainResult r = forge.train(projectId(), dataFile(), fixtureTraining());
            Path model = fixtureDir().resolve("model");
            deleteTree(model);
            copyTree(r.version().dir(), model);
            try (LoadedModel m = forge.load(r.version().ref())) {
                writeExpected(m);
            }
        }
    }

    private void recordResponse(Path tmp) throws IOException {
        Path store = tmp.resolve("answer");
        copyTree(fixtureDir().resolve("model"), store.resolve(projectId()).resolve("v1"));
        try (LstmForge forge = forge(store);
                LoadedModel m = forge.load(projectId() + "/v1")) {
            writeExpected(m);
        }
    }

    private void writeExpected(LoadedModel m) throws IOException {
        JsonObject expected = new JsonObject();
        expected.addProperty("request", request());
        expected.add("properties", JsonUtils.GSON.toJsonTree(new LinkedHashMap<>(requestProperties())));
        expected.add("recordedOn", machine());
        expected.add(
                "response", JsonUtils.GSON.fromJson(m.predict(requestBody(), requestProperties()), JsonElement.class));
        Files.writeString(
                fixtureDir().resolve("expected.json"),
                JsonUtils.GSON_PRETTY.toJson(expected) + "\n",
                StandardCharsets.UTF_8);
    }

    /**
     * Describes this machine as far as it can change an engine's floating-point answers.
     *
     * @return CPU model, reduced-precision instruction sets, OS architecture and engine version
     */
    static JsonObject machine() {
        JsonObject m = new JsonObject();
        CpuInfo cpu = CpuInfo.read();
        java.util.TreeSet<String> flags = new java.util.TreeSet<>();
        for (String f : cpu.flags()) {
            if (f.contains("bf16")
                    || f.startsWith("amx")
                    || f.contains("fp16")
                    || f.equals("avx512f")
                    || f.equals("avx2")) {
                flags.add(f);
            }
        }
        m.addProperty("cpu", cpu.model());
        m.addProperty("flags", String.join(" ", flags));
        m.addProperty("arch", System.getProperty("os.arch"));
        try {
            m.addProperty("engine", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        } catch (RuntimeException e) {
            m.addProperty("engine", "unavailable: " + e.getMessage());
        }
        return m;
    }

    /** Compares two JSON trees; numbers may differ by a small relative tolerance. */
    static void assertSameJson(String path, JsonElement actual, JsonElement expected) {
        if (expected.isJsonObject()) {
            assertThat(actual.isJsonObject()).as(path + " is an object").isTrue();
            JsonObject a = actual.getAsJsonObject();
            JsonObject e = expected.getAsJsonObject();
            assertThat(a.keySet()).as(path + " keys").containsAll(e.keySet());
            for (String k : e.keySet()) {
                assertSameJson(path + "." + k, a.get(k), e.get(k));
            }
        } else if (expected.isJsonArray()) {
            assertThat(actual.isJsonArray()).as(path + " is an array").isTrue();
            JsonArray a = actual.getAsJsonArray();
            JsonArray e = expected.getAsJsonArray();
            assertThat(a.size()).as(path + " length").isEqualTo(e.size());
            for (int i = 0; i < e.size(); i++) {
                assertSameJson(path + "[" + i + "]", a.get(i), e.get(i));
            }
        } else if (expected.isJsonPrimitive() && expected.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive a = actual.getAsJsonPrimitive();
            double want = expected.getAsDouble();
            assertThat(a.getAsDouble())
                    .as(path)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(want))));
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(src -> {
                Path dst = to.resolve(from.relativize(src).toString());
                try {
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
