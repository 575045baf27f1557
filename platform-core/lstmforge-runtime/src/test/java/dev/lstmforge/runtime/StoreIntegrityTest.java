package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.fixture.TinyProject;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model folder a training run writes, and how load, evaluate and export guard it. */
class StoreIntegrityTest {

    @TempDir
    Path tmp;

    private Path models() {
        return tmp.resolve("models");
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Path paramsOf(ModelVersion v) throws IOException {
        try (Stream<Path> s = Files.list(v.dir())) {
            return s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    @Test
    void trainingWritesEachLayoutFileAndAManifestOfTheirSizesAndHashes() throws Exception {
        Path data = TinyForge.series(tmp.resolve("a.txt"), 1, 20);
        try (LstmForge forge = TinyForge.open(models())) {
            TrainResult r = forge.train(TinyProject.ID, data, TinyForge.BUDGET);
            ModelVersion v = r.version();

            Path params = paramsOf(v);
            assertThat(params.getFileName().toString())
                    .isEqualTo(String.format(
                            Locale.ROOT, "tiny-test-%04d.params", r.history().bestEpoch()));
            assertThat(fileNames(v.dir()))
                    .containsExactlyInAnyOrder(
                            params.getFileName().toString(),
                            "state.json",
                            "hyperparameters.json",
                            "metrics.json",
                            "history.json",
                            "provenance.json",
                            "serving.properties",
                            "manifest.json");

            JsonObject manifest = JsonParser.parseString(
                            Files.readString(v.dir().resolve("manifest.json")))
                    .getAsJsonObject();
            assertThat(manifest.get("format").getAsInt()).isEqualTo(1);
            JsonObject files = manifest.getAsJsonObject("files");
            Set<String> listed = files.keySet();
            Set<String> expected = fileNames(v.dir());
            expected.remove("manifest.json");
            assertThat(listed).isEqualTo(expected);
            for (String name : listed) {
                JsonObject f = files.getAsJsonObject(name);
                assertThat(f.get("size").getAsLong())
                        .as(name)
                        .isEqualTo(Files.size(v.dir().resolve(name)));
                assertThat(f.get("sha256").getAsString())
                        .as(name)
                        .isEqualTo(TinyForge.sha256(v.dir().resolve(name)));
            }

            String serving = Files.readString(v.dir().resolve("serving.properties"));
            assertThat(serving)
                    .contains(
                            "engine=PyTorch",
                            "option.modelName=tiny-test",
                            "translator=dev.lstmforge.runtime.fixture.TinyTranslator",
                            "blockFactory=dev.lstmforge.spi.ProjectBlockFactory");

            JsonObject prov = JsonParser.parseString(Files.readString(v.dir().resolve("provenance.json")))
                    .getAsJsonObject();
            assertThat(prov.get("project").getAsString()).isEqualTo("tiny-test");
            JsonObject d = prov.getAsJsonObject("data");
            assertThat(d.get("path").getAsString())
                    .isEqualTo(data.toAbsolutePath().toString());
            assertThat(d.get("pathSha256").getAsString()).isEqualTo(TinyForge.sha256(data));
            assertThat(d.get("given").getAsString()).isEqualTo("path");
            assertThat(d.get("rows").getAsLong()).isEqualTo(20);
            // typed values, not strings
            assertThat(prov.getAsJsonObject("hyperParameters")
                            .get("epochs")
                            .getAsJsonPrimitive()
                            .isNumber())
                    .isTrue();
            assertThat(prov.getAsJsonObject("hyperParameters").get("epochs").getAsInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void truncatedParametersAreNamedByLoadEvaluateAndExport() throws Exception {
        try (LstmForge forge = TinyForge.open(models())) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Path params = paramsOf(v);
            long size = Files.size(params);
            truncate(params, 10);
            String expected = String.format(
                    Locale.ROOT,
                    "%s is damaged: 10 bytes, expected %,d (sha256 differs); retrain or restore it",
                    params,
                    size);

            assertThatThrownBy(() -> forge.load(v.ref()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> forge.evaluate(v.ref(), null))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> forge.export(v.ref(), tmp.resolve("out")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(expected);
            assertThat(tmp.resolve("out")).doesNotExist();
        }
    }

    @Test
    void sameSizeDamageAndMissingFilesAreNamed() throws Exception {
        try (LstmForge forge = TinyForge.open(models())) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Path state = v.dir().resolve("state.json");
            byte[] bytes = Files.readAllBytes(state);
            byte[] original = bytes.clone();
            bytes[bytes.length / 2] ^= 1;
            Files.write(state, bytes);

            assertThatThrownBy(() -> forge.load(v.ref()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(state + " is damaged: its sha256 differs from the one recorded when it was saved (the "
                            + "size, " + String.format(Locale.ROOT, "%,d", bytes.length) + " bytes, is as recorded); "
                            + "retrain or restore it");

            Files.write(state, original);
            Files.delete(v.dir().resolve("history.json"));
            assertThatThrownBy(() -> forge.evaluate(v.ref(), null))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(v.dir().resolve("history.json") + " is missing; retrain or restore it");
        }
    }

    @Test
    void newerStoreFormatIsRefusedWithAnUpgradeHint() throws Exception {
        try (LstmForge forge = TinyForge.open(models())) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Path manifest = v.dir().resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replace("\"format\": 1", "\"format\": 2"));
            String expected = v.dir() + " was written by store format 2; this LSTM Forge reads format 1 or older; "
                    + "upgrade LSTM Forge";

            assertThatThrownBy(() -> forge.load(v.ref())).hasMessage(expected);
            assertThatThrownBy(() -> forge.evaluate(v.ref(), null)).hasMessage(expected);
            assertThatThrownBy(() -> forge.export(v.ref(), tmp.resolve("out"))).hasMessage(expected);
        }
    }

    @Test
    void folderWithoutManifestIsFormat1AndStillLoads() throws Exception {
        try (LstmForge forge = TinyForge.open(models())) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Files.delete(v.dir().resolve("manifest.json"));

            assertThat(new ModelLayout(v.dir()).format()).isEqualTo(1);
            try (LoadedModel m = forge.load(v.ref())) {
                assertThat(Double.parseDouble(m.predict("0.5"))).isFinite();
            }
            assertThat(forge.evaluate(v.ref(), null).evaluation().metrics()).containsKey("mse");
        }
    }

    @Test
    void truncatedParametersInAnOldFolderGiveAMessageWithoutNullOrClassNames() throws Exception {
        try (LstmForge forge = TinyForge.open(models())) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Files.delete(v.dir().resolve("manifest.json"));
            truncate(paramsOf(v), 40);

            // DJL fails with an EOFException that has no message; it used to end the line in ": null".
            assertThatThrownBy(() -> forge.load(v.ref()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage("cannot load the parameters of " + v.dir() + ": unexpected end of file; its files are "
                            + "damaged or were not made by this project: retrain it, or restore it from a backup");
        }
    }

    @Test
    void unknownHyperParameterNamesTheClosestKnownOne() {
        try (LstmForge forge = TinyForge.open(models())) {
            assertThatThrownBy(() -> forge.train(TinyProject.ID, null, java.util.Map.of("windw", "1")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage("unknown hyper-parameter 'windw' for tiny-test; did you mean 'window'?");
            assertThat(forge.store().versions(TinyProject.ID)).isEmpty();
        }
    }
}
