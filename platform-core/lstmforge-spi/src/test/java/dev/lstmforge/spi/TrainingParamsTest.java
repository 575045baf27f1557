package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingParamsTest {

    private static final Param<Integer> WINDOW = Param.integer("window", 60, 2, 5000, "days per input window");

    @Test
    void hostKeysHaveTheDocumentedDefaults() {
        HyperParameters hp = HyperParameters.parse(TrainingParams.ALL, Map.of());

        assertThat(hp.typedValues())
                .containsExactly(
                        Map.entry("epochs", 30),
                        Map.entry("batchSize", 64),
                        Map.entry("learningRate", 0.001),
                        Map.entry("patience", 5),
                        Map.entry("timeBudgetSeconds", 0));
    }

    @Test
    void withHostKeysPutsTheProjectsFirstThenTheHostKeysItLacks() {
        List<Param<?>> all = TrainingParams.withHostKeys(List.of(WINDOW));

        assertThat(all)
                .extracting(Param::name)
                .containsExactly("window", "epochs", "batchSize", "learningRate", "patience", "timeBudgetSeconds");
    }

    @Test
    void aProjectsOwnDefaultForAHostKeyWins() {
        List<Param<?>> all = TrainingParams.withHostKeys(List.of(WINDOW, TrainingParams.EPOCHS.withDefault(40)));

        assertThat(all)
                .extracting(Param::name)
                .containsExactly("window", "epochs", "batchSize", "learningRate", "patience", "timeBudgetSeconds");
        HyperParameters hp = HyperParameters.parse(all, Map.of());
        assertThat(hp.get(TrainingParams.EPOCHS)).isEqualTo(40);
        assertThat(HyperParameters.parse(all, Map.of("epochs", "3")).get(TrainingParams.EPOCHS))
                .isEqualTo(3);
    }

    @Test
    void defaultsBuilderListsTheProjectsParamsThenItsTrainingDefaults() {
        List<Param<?>> declared = TrainingParams.defaults()
                .epochs(20)
                .patience(4)
                .learningRate(0.002)
                .batchSize(32)
                .timeBudgetSeconds(900)
                .after(WINDOW);

        assertThat(declared)
                .extracting(Param::name)
                .containsExactly("window", "epochs", "patience", "learningRate", "batchSize", "timeBudgetSeconds");
        HyperParameters hp = HyperParameters.parse(TrainingParams.withHostKeys(declared), Map.of());
        assertThat(hp.get(TrainingParams.EPOCHS)).isEqualTo(20);
        assertThat(hp.get(TrainingParams.PATIENCE)).isEqualTo(4);
        assertThat(hp.get(TrainingParams.LEARNING_RATE)).isEqualTo(0.002);
        assertThat(hp.get(TrainingParams.BATCH_SIZE)).isEqualTo(32);
        assertThat(hp.get(TrainingParams.TIME_BUDGET_SECONDS)).isEqualTo(900);
    }
}
