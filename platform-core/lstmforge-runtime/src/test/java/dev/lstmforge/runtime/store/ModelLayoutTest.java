package dev.lstmforge.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLayoutTest {

    @TempDir
    Path tmp;

    private Path dir;
    private ModelLayout layout;

    /** A model folder as training writes it, with a 120,004-byte stand-in for the parameters. */
    @BeforeEach
    void writeAFolder() throws IOException {
        dir = Files.createDirectories(tmp.resolve("models/stock-forecast/v1"));
        layout = new ModelLayout(dir);
        byte[] params = new byte[120_004];
        for (int i = 0; i < params.length; i++) {
            params[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("stock-forecast-0016.params"), params);
        layout.writeState(Map.of("mean", 1.5));
        layout.writeHyperParameters(HyperParameters.of(Map.of("window", "60")));
        layout.writeMetrics(Map.of("rmse", 2.0));
        layout.writeHistory(new TrainingHistory(
                List.of(new EpochRecord(1, 0.5, 0.6, Map.of(), Map.of(), 1.0, 100.0)), 1, "epoch limit"));
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("project", "stock-forecast");
        layout.writeProvenance(prov);
        layout.writeServingProperties("PyTorch", "stock-forecast", "x.StockTranslator");
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void parametersFileNameIsDjls() {
        assertThat(ModelLayout.parametersFile("stock-forecast", 16)).isEqualTo("stock-forecast-0016.params");
        assertThat(ModelLayout.parametersFile("x", 12345)).isEqualTo("x-12345.params");
    }

    @Test
    void manifestRecordsFormatAndEveryFilesSizeAndHash() throws Exception {
        ModelLayout.Manifest written = layout.writeManifest();

        assertThat(written.format()).isEqualTo(1);
        assertThat(written.files())
                .containsOnlyKeys(
                        "stock-forecast-0016.params",
                        "state.json",
                        "hyperparameters.json",
                        "metrics.json",
                        "history.json",
                        "provenance.json",
                        "serving.properties");
        assertThat(written.files().get("stock-forecast-0016.params"))
                .isEqualTo(new ModelLayout.FileEntry(120_004, sha256(dir.resolve("stock-forecast-0016.params"))));
        assertThat(layout.readManifest()).contains(written);
        assertThat(layout.format()).isEqualTo(1);
        layout.verify();
    }

    @Test
    void truncatedFileIsNamedWithBothSizes() throws Exception {
        layout.writeManifest();
        try (FileChannel ch = FileChannel.open(dir.resolve("stock-forecast-0016.params"), StandardOpenOption.WRITE)) {
            ch.truncate(12_345);
        }

        assertThatThrownBy(layout::verify)
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(dir.resolve("stock-forecast-0016.params")
                        + " is damaged: 12,345 bytes, expected 120,004 (sha256 differs); retrain or restore it");
    }

    @Test
    void newerFormatIsRefusedBeforeAnyFileIsChecked() throws Exception {
        layout.writeManifest();
        Files.delete(dir.resolve("state.json"));
        Files.writeString(
                dir.resolve("manifest.json"),
                Files.readString(dir.resolve("manifest.json")).replace("\"format\": 1", "\"format\": 2"));

        assertThat(layout.format()).isEqualTo(2);
        assertThatThrownBy(layout::verify)
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(dir + " was written by store format 2; this LSTM Forge reads format 1 or older; "
                        + "upgrade LSTM Forge");
    }

    @Test
    void folderWithoutManifestIsFormat1AndListsItsFilesButNotJarsOrHiddenFiles() throws Exception {
        Files.writeString(dir.resolve("stock-forecast-plugin.jar"), "jar");
        Files.writeString(dir.resolve(".lock"), "");

        assertThat(layout.readManifest()).isEmpty();
        assertThat(layout.format()).isEqualTo(1);
        layout.verify();
        assertThat(layout.modelFiles())
                .containsExactly(
                        "history.json",
                        "hyperparameters.json",
                        "metrics.json",
                        "provenance.json",
                        "serving.properties",
                        "state.json",
                        "stock-forecast-0016.params");
        assertThat(layout.writeManifest().files()).doesNotContainKeys("stock-forecast-plugin.jar", ".lock");
    }

    @Test
    void damagedManifestIsNamed() throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": 1, \"files\": ");
        assertThatThrownBy(layout::verify)
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(dir.resolve("manifest.json") + " is damaged: ")
                .hasMessageEndingWith("; retrain or restore it")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception"));

        Files.writeString(
                dir.resolve("manifest.json"),
                "{\"format\": 1, \"files\": {\"../x\": {\"size\": 1, " + "\"sha256\": \"00\"}}}");
        assertThatThrownBy(layout::verify)
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(dir.resolve("manifest.json") + " is damaged: ");
    }

    @Test
    void servingPropertiesNameTheGenericBlockFactory() throws Exception {
        var p = layout.readServingProperties();
        assertThat(p)
                .containsEntry("engine", "PyTorch")
                .containsEntry("option.modelName", "stock-forecast")
                .containsEntry("translator", "x.StockTranslator")
                .containsEntry("blockFactory", "dev.lstmforge.spi.ProjectBlockFactory");
    }

    @Test
    void projectIdComesFromProvenance() throws Exception {
        assertThat(layout.projectId()).contains("stock-forecast");
        Files.writeString(dir.resolve("provenance.json"), "not json");
        assertThat(layout.projectId()).isEmpty();
        assertThatThrownBy(layout::readProvenance)
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith(dir.resolve("provenance.json") + " is damaged: ");
    }

    @Test
    void filesOfAnUnpackedZipAreNamedByTheZip() {
        Path zip = tmp.resolve("export.zip");
        ModelLayout unpacked = ModelLayout.of(new ModelVersion("stock-forecast", 0, dir, zip));

        assertThat(unpacked.describe()).isEqualTo(zip.toString());
        assertThat(unpacked.describe("state.json")).isEqualTo("state.json in " + zip);
        assertThat(ModelLayout.of(new ModelVersion("stock-forecast", 1, dir)).describe("state.json"))
                .isEqualTo(dir.resolve("state.json").toString());
    }
}
