package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.runtime.fixture.TinyProject;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The continual command's loop: one shared first model, one chain per strategy, a full matrix. */
class ContinualRunTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void eachStrategyFillsTheMatrixFromTheSharedFirstModel(String engine) throws Exception {
        List<Path> tasks = List.of(
                TinyForge.series(tmp.resolve("t1.txt"), 1, 40),
                TinyForge.series(tmp.resolve("t2.txt"), 41, 80),
                TinyForge.series(tmp.resolve("t3.txt"), 81, 120));
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"), engine)) {
            ContinualResult r =
                    forge.continual(TinyProject.ID, tasks, List.of("naive", "replay"), Map.of("epochs", "2"), "mse");
            assertThat(r.higherIsBetter()).isFalse();
            assertThat(r.strategies()).containsOnlyKeys("naive", "replay");
            ContinualResult.Strategy naive = r.strategies().get("naive");
            ContinualResult.Strategy replay = r.strategies().get("replay");
            assertThat(naive.r()).hasDimensions(3, 3);
            assertThat(naive.versions()).hasSize(3).doesNotHaveDuplicates();
            assertThat(naive.versions().get(0)).isEqualTo(replay.versions().get(0));
            assertThat(naive.r()[0]).containsExactly(replay.r()[0]);
            // 1 shared + 2 fine-tunings per strategy
            assertThat(forge.store().versions(TinyProject.ID)).hasSize(5);
            assertThat(forge.lineage(replay.versions().get(2))).hasSize(3);
            assertThat(r.entries()).hasSize(2);
            assertThat(r.entries().get(0).evaluation().heatmaps()).hasSize(1);
            assertThat(r.entries().get(0).evaluation().metrics()).containsKeys("average_mse", "bwt", "forgetting");

            assertThatThrownBy(() -> forge.continual(TinyProject.ID, tasks, List.of("naive"), Map.of(), "accuracy"))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("no metric 'accuracy'")
                    .hasMessageContaining("mse");
            assertThatThrownBy(() ->
                            forge.continual(TinyProject.ID, tasks.subList(0, 1), List.of("naive"), Map.of(), null))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("at least two tasks");
        }
    }

    @Test
    void aDefaultMetricFindsTheModelsOwnFigureBesideItsBaselines() {
        java.util.Set<String> names =
                java.util.Set.of("lstm_ae_roc_auc", "random_roc_auc", "zscore_roc_auc", "threshold");
        assertThat(ContinualRun.resolve("roc_auc", true, names)).isEqualTo("lstm_ae_roc_auc");
        // a metric the user names is taken as given
        assertThat(ContinualRun.resolve("roc_auc", false, names)).isEqualTo("roc_auc");
        assertThat(ContinualRun.resolve("accuracy", true, java.util.Set.of("accuracy", "top_accuracy")))
                .isEqualTo("accuracy");
        assertThat(ContinualRun.higherIsBetter("lstm_ae_roc_auc")).isTrue();
        assertThat(ContinualRun.higherIsBetter("rmse")).isFalse();
        assertThat(ContinualRun.higherIsBetter("validation_perplexity")).isFalse();
    }
}
