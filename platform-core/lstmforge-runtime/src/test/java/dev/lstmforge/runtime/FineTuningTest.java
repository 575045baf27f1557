package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.lstmforge.runtime.continual.ReplayMemory;
import dev.lstmforge.runtime.fixture.TinyProject;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --from}: the parent's weights as the start, lineage, strategies, refusals, safety. */
class FineTuningTest {

    @TempDir
    Path tmp;

    private Path models() {
        return tmp.resolve("models");
    }

    /** Every file of a folder with its SHA-256, computed here. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(f.getFileName().toString(), TinyForge.sha256(f));
            }
        }
        return out;
    }

    @Test
    void aFineTuningStartsFromTheParentsWeightsAndRecordsItsLineage() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 60);
        Path b = TinyForge.series(tmp.resolve("b.txt"), 2, 61);
        try (LstmForge forge = TinyForge.open(models())) {
            TrainResult parent = forge.train(TinyProject.ID, a, Map.of("epochs", "40"));
            TrainResult scratch = forge.train(TinyProject.ID, b, Map.of("epochs", "1"));
            TrainResult child = forge.fineTune(parent.version().ref(), b, Map.of("epochs", "1"));

            // the same data and one epoch: from the parent's weights the loss starts far lower
            double fromParent = child.history().epochs().get(0).trainLoss();
            double fromScratch = scratch.history().epochs().get(0).trainLoss();
            assertThat(fromParent).isLessThan(fromScratch / 10);

            JsonObject prov = ModelLayout.of(child.version()).readProvenance();
            assertThat(prov.get("parent").getAsString())
                    .isEqualTo(parent.version().ref());
            assertThat(prov.get("strategy").getAsString()).isEqualTo("naive");
            assertThat(forge.evaluate(child.version().ref(), null).facts().get("lineage"))
                    .isEqualTo(parent.version().ref() + " → " + child.version().ref() + " (naive)");
            List<Lineage.Step> chain = forge.lineage(child.version().ref());
            assertThat(chain)
                    .extracting(Lineage.Step::ref)
                    .containsExactly(parent.version().ref(), child.version().ref());
            assertThat(chain.get(0).dataSha256()).isEqualTo(TinyForge.sha256(a));
            assertThat(chain.get(1).dataSha256()).isEqualTo(TinyForge.sha256(b));
            assertThat(chain.get(0).parametersSha256()).hasSize(64);
            assertThat(chain.get(0).strategy()).isNull();

            // a grandchild carries the whole chain
            TrainResult grandchild = forge.fineTune(child.version().ref(), a, Map.of("epochs", "1"));
            assertThat(forge.lineage(grandchild.version().ref()))
                    .extracting(Lineage.Step::ref)
                    .containsExactly(
                            parent.version().ref(),
                            child.version().ref(),
                            grandchild.version().ref());

            // the chain travels inside the provenance: a copy of the folder alone keeps it
            Path copy = Files.createDirectories(tmp.resolve("elsewhere/model"));
            try (Stream<Path> files = Files.list(grandchild.version().dir())) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            assertThat(forge.lineage(copy.toString()))
                    .extracting(Lineage.Step::ref)
                    .startsWith(parent.version().ref(), child.version().ref())
                    .hasSize(3);
        }
    }

    @Test
    void projectSettingsCannotChangeButTrainingKeysCan() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 30);
        try (LstmForge forge = TinyForge.open(models())) {
            String parent =
                    forge.train(TinyProject.ID, a, TinyForge.BUDGET).version().ref();
            assertThatThrownBy(() -> forge.fineTune(parent, a, Map.of("window", "2")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("cannot change window from 1 to 2")
                    .hasMessageContaining(parent);
            // the parent's own value is no change
            assertThat(forge.fineTune(parent, a, Map.of("window", "1", "epochs", "1"))
                            .history()
                            .epochs())
                    .hasSize(1);
            assertThatThrownBy(() -> forge.fineTune(parent, a, Map.of("strategy", "forget")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("strategy");
            assertThatThrownBy(() -> forge.train(TinyProject.ID, a, Map.of("strategy", "replay")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("--from");
        }
    }

    @Test
    void aFailedFineTuningLeavesTheParentUntouchedAndSavesNothing() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 30);
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n");
        try (LstmForge forge = TinyForge.open(models())) {
            TrainResult parent = forge.train(TinyProject.ID, a, TinyForge.BUDGET);
            Map<String, String> before = hashes(parent.version().dir());
            for (String strategy : List.of("naive", "replay", "ewc", "joint")) {
                assertThatThrownBy(() -> forge.fineTune(parent.version().ref(), bad, Map.of("strategy", strategy)))
                        .isInstanceOf(LstmForgeException.class)
                        .hasMessageContaining("bad.txt line 3");
            }
            assertThat(hashes(parent.version().dir())).isEqualTo(before);
            assertThat(forge.store().versions(TinyProject.ID)).hasSize(1);
        }
    }

    @Test
    void replayKeepsABoundedMemoryPerTaskAndSavesItWithEachVersion() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 60);
        Path b = TinyForge.series(tmp.resolve("b.txt"), 100, 160);
        Path c = TinyForge.series(tmp.resolve("c.txt"), 200, 260);
        Map<String, String> o = Map.of("strategy", "replay", "replayPerTask", "7", "epochs", "2");
        try (LstmForge forge = TinyForge.open(models())) {
            String v1 =
                    forge.train(TinyProject.ID, a, TinyForge.BUDGET).version().ref();
            TrainResult v2 = forge.fineTune(v1, b, o);
            ReplayMemory m2 = ReplayMemory.read(v2.version().dir());
            assertThat(m2.perTask()).containsExactly(Map.entry(a.toString(), 7), Map.entry(b.toString(), 7));
            TrainResult v3 = forge.fineTune(v2.version().ref(), c, o);
            ReplayMemory m3 = ReplayMemory.read(v3.version().dir());
            assertThat(m3.size()).isEqualTo(21);
            // the earlier tasks' examples are carried over as they were, not sampled again
            assertThat(m3.entries().subList(0, 14))
                    .usingElementComparator((x, y) -> java.util.Arrays.equals(x.data(), y.data()) ? 0 : 1)
                    .containsExactlyElementsOf(m2.entries());
            // the memory is one of the version's files: the manifest covers it
            assertThat(ModelLayout.of(v3.version()).modelFiles()).contains(ReplayMemory.FILE_NAME);
            ModelLayout.of(v3.version()).verify();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void everyStrategyRunsOnBothEngines(String engine) throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 40);
        Path b = TinyForge.series(tmp.resolve("b.txt"), 50, 90);
        try (LstmForge forge = TinyForge.open(models(), engine)) {
            String v1 =
                    forge.train(TinyProject.ID, a, TinyForge.BUDGET).version().ref();
            for (String strategy : List.of("naive", "replay", "ewc", "joint")) {
                TrainResult r = forge.fineTune(v1, b, Map.of("strategy", strategy, "epochs", "2"));
                assertThat(r.evaluation().metrics().get("mse")).isFinite();
                Path dir = r.version().dir();
                assertThat(Files.exists(dir.resolve(ReplayMemory.FILE_NAME))).isEqualTo(strategy.equals("replay"));
                assertThat(Files.exists(dir.resolve(dev.lstmforge.runtime.continual.Ewc.FILE_NAME)))
                        .isEqualTo(strategy.equals("ewc"));
            }
        }
    }
}
