package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.ProjectInfo.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProjectInfoTest {

    @ParameterizedTest
    @ValueSource(strings = {"stock-forecast", "ab", "a1", "x-", "sentiment-v2", "n0-9-z"})
    void acceptsLowerCaseIdsWithDigitsAndDashes(String id) {
        ProjectInfo info = new ProjectInfo(id, "Title", "desc", Task.REGRESSION);

        assertThat(info.id()).isEqualTo(id);
        assertThat(info.title()).isEqualTo("Title");
        assertThat(info.description()).isEqualTo("desc");
        assertThat(info.task()).isEqualTo(Task.REGRESSION);
    }

    @Test
    void acceptsSixtyFourCharacterId() {
        String id = "a" + "b".repeat(63);

        assertThat(new ProjectInfo(id, "t", "d", Task.GENERATION).id()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "a", "Stock", "stock_forecast", "1stock", "-stock", "stock forecast", "stock/v1",
        "../etc", "stock.forecast", "stöck"
    })
    void rejectsInvalidIdsNamingTheId(String id) {
        assertThatThrownBy(() -> new ProjectInfo(id, "t", "d", Task.CLASSIFICATION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project id '" + id + "'")
                .hasMessageContaining("[a-z][a-z0-9-]{1,63}");
    }

    @Test
    void rejectsIdLongerThanSixtyFourCharacters() {
        String id = "a" + "b".repeat(64);

        assertThatThrownBy(() -> new ProjectInfo(id, "t", "d", Task.ANOMALY_DETECTION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(id);
    }

    @Test
    void rejectsNullComponentsNamingThem() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ProjectInfo(null, "t", "d", Task.REGRESSION))
                .withMessage("id");
        assertThatNullPointerException()
                .isThrownBy(() -> new ProjectInfo("ok-id", null, "d", Task.REGRESSION))
                .withMessage("title");
        assertThatNullPointerException()
                .isThrownBy(() -> new ProjectInfo("ok-id", "t", null, Task.REGRESSION))
                .withMessage("description");
        assertThatNullPointerException()
                .isThrownBy(() -> new ProjectInfo("ok-id", "t", "d", null))
                .withMessage("task");
    }
}
