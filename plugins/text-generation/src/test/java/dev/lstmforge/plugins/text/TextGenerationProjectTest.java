package dev.lstmforge.plugins.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.text.corpus.CorpusReader;
import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectInfo;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.train.CommonParams;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the project declares: its capability, its typed hyper-parameters and their one parser. */
class TextGenerationProjectTest {

    private final TextGenerationProject project = new TextGenerationProject();

    private HyperParameters parse(Map<String, String> overrides) {
        return HyperParameters.parse(TrainingParams.withHostKeys(project.parameters()), overrides);
    }

    @Test
    void offersGenerationAndNothingElse() {
        ProjectInfo info = project.info();
        assertThat(info.offers(ProjectInfo.Capability.GENERATE)).isTrue();
        assertThat(info.capabilities()).containsExactly(ProjectInfo.Capability.GENERATE);
        assertThat(info.task()).isEqualTo(ProjectInfo.Task.GENERATION);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        HyperParameters hp = parse(Map.of());
        assertThat(hp.get(TextParams.LEVEL)).isEqualTo("char");
        assertThat(hp.get(TextParams.WINDOW)).isEqualTo(100);
        assertThat(hp.get(TextParams.EMBEDDING_SIZE)).isEqualTo(64);
        assertThat(hp.get(TextParams.HIDDEN_SIZE)).isEqualTo(256);
        assertThat(hp.get(TextParams.LAYERS)).isEqualTo(2);
        assertThat(hp.get(TextParams.MAX_VOCAB)).isEqualTo(10_000);
        assertThat(hp.get(TextParams.VALIDATION_FRACTION)).isEqualTo(0.1);
        assertThat(hp.get(TrainingParams.EPOCHS)).isEqualTo(50);
        assertThat(hp.get(TrainingParams.PATIENCE)).isEqualTo(3);
        assertThat(hp.get(TrainingParams.LEARNING_RATE)).isEqualTo(0.002);
        assertThat(hp.get(TrainingParams.TIME_BUDGET_SECONDS)).isEqualTo(900);
        assertThat(hp.get(TrainingParams.BATCH_SIZE)).isEqualTo(64);
        assertThat(hp.get(CommonParams.CLIP_GRADIENT)).isEqualTo(5.0);
        assertThat(TextParams.sampleTemperatures(hp)).containsExactly(0.1, 0.5, 1.0);
    }

    @Test
    void everyNameIsDeclaredOnce() {
        List<String> names = project.parameters().stream().map(Param::name).toList();
        assertThat(names)
                .doesNotHaveDuplicates()
                .contains("level", "window", "corpus", "sampleTemperatures", "epochs", "learningRate");
    }

    @Test
    void theHostRefusesABadLevelNamingTheChoices() {
        assertThatThrownBy(() -> parse(Map.of("level", "sentence")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'level' must be one of char, word, got 'sentence'");
        assertThat(TokenLevel.parse(parse(Map.of("level", "WORD")).get(TextParams.LEVEL)))
                .isEqualTo(TokenLevel.WORD);
    }

    @Test
    void sampleTemperaturesAreParsedInOrder() {
        assertThat(TextParams.sampleTemperatures(parse(Map.of("sampleTemperatures", " 0.7, 1.5 ,2"))))
                .containsExactly(0.7, 1.5, 2.0);
        assertThat(TextParams.sampleTemperatures(parse(Map.of("sampleTemperatures", "  "))))
                .isEmpty();
    }

    @Test
    void badSampleTemperaturesNameTheItemAndTheWholeValue() {
        String prefix = "hyper-parameter 'sampleTemperatures' must be numbers above 0 separated by commas "
                + "(e.g. 0.5,1.0): ";
        assertThatThrownBy(() -> TextParams.sampleTemperatures(parse(Map.of("sampleTemperatures", "0.5,abc"))))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage(prefix + "'abc' is not a number in '0.5,abc'");
        assertThatThrownBy(() -> TextParams.sampleTemperatures(parse(Map.of("sampleTemperatures", "0.5,0"))))
                .hasMessage(prefix + "'0' is not above 0 in '0.5,0'");
        assertThatThrownBy(() -> TextParams.sampleTemperatures(parse(Map.of("sampleTemperatures", "0.5,,1"))))
                .hasMessage(prefix + "an empty item in '0.5,,1'");
        assertThatThrownBy(() -> TextParams.sampleTemperatures(parse(Map.of("sampleTemperatures", "0.5,0.50"))))
                .hasMessage(prefix + "'0.50' appears twice in '0.5,0.50'");
    }

    @Test
    void theTextTemperaturesSavedWithAModelAreReadTheSameWay() {
        HyperParameters saved = HyperParameters.of(Map.of("sampleTemperatures", "0.2,0.9", "window", "35"));
        assertThat(TextParams.sampleTemperatures(saved)).containsExactly(0.2, 0.9);
        assertThat(saved.get(TextParams.WINDOW)).isEqualTo(35);
    }

    @Test
    void dataErrorsBelongToTheOneErrorFamily(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> CorpusReader.read(missing))
                .isInstanceOf(DataException.class)
                .isInstanceOf(LstmForgeException.class)
                .isNotInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file or folder");
        assertThatThrownBy(() -> TokenLevel.parse("sentence"))
                .isInstanceOf(LstmForgeException.class)
                .isNotInstanceOf(IllegalArgumentException.class);
    }
}
