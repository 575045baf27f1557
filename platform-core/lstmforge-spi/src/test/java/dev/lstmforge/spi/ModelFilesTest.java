package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelFilesTest {

    /** A plugin-style state class. */
    static final class State {
        String column;
        int window;
        double mean;
        double[] scale;
        List<String> labels;

        State() {}

        State(String column, int window, double mean, double[] scale, List<String> labels) {
            this.column = column;
            this.window = window;
            this.mean = mean;
            this.scale = scale;
            this.labels = labels;
        }
    }

    @TempDir
    Path dir;

    @Test
    void constantsNameTheFiles() {
        assertThat(ModelFiles.STATE).isEqualTo("state.json");
        assertThat(ModelFiles.HYPER_PARAMETERS).isEqualTo("hyperparameters.json");
        assertThat(ModelFiles.PROVENANCE).isEqualTo("provenance.json");
    }

    @Test
    void stateRoundTripsThroughJson() throws IOException {
        State state = new State("Close", 60, 123.25, new double[] {0.5, 2.0}, List.of("up", "down"));

        ModelFiles.writeJson(dir.resolve(ModelFiles.STATE), state);
        State read = ModelFiles.readState(dir, State.class);

        assertThat(read.column).isEqualTo("Close");
        assertThat(read.window).isEqualTo(60);
        assertThat(read.mean).isEqualTo(123.25);
        assertThat(read.scale).containsExactly(0.5, 2.0);
        assertThat(read.labels).containsExactly("up", "down");
        assertThat(Files.readString(dir.resolve("state.json"))).contains("\n").contains("\"column\": \"Close\"");
    }

    @Test
    void readJsonReadsAnyFile() throws IOException {
        Path file = dir.resolve("other.json");
        ModelFiles.writeJson(file, new State("Open", 5, 0, null, null));

        assertThat(ModelFiles.readJson(file, State.class).column).isEqualTo("Open");
    }

    @Test
    void hyperParametersRoundTripKeepingOrder() throws IOException {
        HyperParameters hp = HyperParameters.builder()
                .put("window", 60)
                .put("hiddenSize", 50)
                .put("learningRate", 0.001)
                .put("dropout", "0.2")
                .put("adam", true)
                .put("representation", "window")
                .build();

        ModelFiles.writeJson(dir.resolve(ModelFiles.HYPER_PARAMETERS), hp.asMap());
        HyperParameters read = ModelFiles.readHyperParameters(dir);

        assertThat(read).isEqualTo(hp);
        assertThat(read.asMap().keySet())
                .containsExactly("window", "hiddenSize", "learningRate", "dropout", "adam", "representation");
        assertThat(read.getDouble("learningRate")).isEqualTo(0.001);
    }

    @Test
    void readHyperParametersReadsHandWrittenFileInFileOrder() throws IOException {
        Files.writeString(dir.resolve("hyperparameters.json"), "{\"z\": \"1\", \"a\": \"2\", \"m\": \"x\"}");

        assertThat(ModelFiles.readHyperParameters(dir).asMap())
                .containsExactly(Map.entry("z", "1"), Map.entry("a", "2"), Map.entry("m", "x"));
    }

    @Test
    void missingStateFileGivesIoExceptionNamingFile() {
        assertThatThrownBy(() -> ModelFiles.readState(dir, State.class))
                .isInstanceOf(IOException.class)
                .hasMessage("model file missing: " + dir.resolve("state.json"))
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void missingHyperParametersFileGivesIoExceptionNamingFile() {
        assertThatThrownBy(() -> ModelFiles.readHyperParameters(dir))
                .isInstanceOf(IOException.class)
                .hasMessage("model file missing: " + dir.resolve("hyperparameters.json"))
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void invalidJsonGivesIoExceptionNamingFile() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"column\": \"Close\", \"window\": ", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ModelFiles.readState(dir, State.class))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " is not valid JSON: End of input at line 1 column 31 path $.window");
    }

    @Test
    void malformedJsonMessageHasNoClassNameAndNoTroubleshootingLink() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"column\" \"Close\"}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ModelFiles.readState(dir, State.class))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " is not valid JSON: Expected ':' at line 1 column 12 path $.column");
    }

    @Test
    void wrongTypeInJsonGivesIoExceptionNamingFile() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"window\": \"sixty\"}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ModelFiles.readState(dir, State.class))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("sixty")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void emptyStateFileGivesIoExceptionNamingFile() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "");

        assertThatThrownBy(() -> ModelFiles.readState(dir, State.class))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " is empty");
    }

    @Test
    void emptyHyperParametersFileGivesIoExceptionNamingFile() throws IOException {
        Path file = dir.resolve("hyperparameters.json");
        Files.writeString(file, "");

        assertThatThrownBy(() -> ModelFiles.readHyperParameters(dir))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " is empty");
    }

    @Test
    void invalidHyperParametersJsonGivesIoExceptionNamingFile() throws IOException {
        Path file = dir.resolve("hyperparameters.json");
        Files.writeString(file, "{\"window\": ", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ModelFiles.readHyperParameters(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 1 column 12")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void hyperParametersFileThatIsNotAnObjectIsRefusedWithoutClassNames() throws IOException {
        Path file = dir.resolve("hyperparameters.json");
        Files.writeString(file, "[\"window\", 60]", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ModelFiles.readHyperParameters(dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + " is not valid JSON: ")
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("com.google");
    }

    /** Gson's own failures for bad input, fed straight to jsonProblem. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": ", "{\"a\" 1}", "[1, 2", "{\"window\": \"sixty\"}", "{\"labels\": 3}", "\"text\""})
    void jsonProblemNeverShowsAClassNameOrALink(String json) {
        Throwable failure = catchThrowable(() -> JsonUtils.GSON.fromJson(json, State.class));

        assertThat(failure).isInstanceOf(JsonParseException.class);
        assertThat(failure.getMessage()).containsPattern("Exception|com\\.google");
        String problem = ModelFiles.jsonProblem(failure);
        assertThat(problem)
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("com.google")
                .doesNotContain("java.")
                .doesNotContain("\n")
                .doesNotContain("https://");
    }

    @Test
    void jsonProblemKeepsGsonsPositionText() {
        Throwable failure = catchThrowable(() -> JsonUtils.GSON.fromJson("{\"a\" 1}", JsonObject.class));

        assertThat(ModelFiles.jsonProblem(failure)).isEqualTo("Expected ':' at line 1 column 7 path $.a");
    }

    @Test
    void jsonProblemLeavesPlainMessagesAlone() {
        assertThat(ModelFiles.jsonProblem(new JsonParseException("bad shape at $.window")))
                .isEqualTo("bad shape at $.window");
        // Without a message the class name is put in words, never shown as such.
        assertThat(ModelFiles.jsonProblem(new JsonParseException((String) null)))
                .isEqualTo("json parse");
    }
}
