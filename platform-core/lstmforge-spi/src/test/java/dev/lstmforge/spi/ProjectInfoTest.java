package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.ProjectInfo.Capability;
import dev.lstmforge.spi.ProjectInfo.Task;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    @ValueSource(
            strings = {
                "",
                "a",
                "Stock",
                "stock_forecast",
                "1stock",
                "-stock",
                "stock forecast",
                "stock/v1",
                "../etc",
                "stock.forecast",
                "stöck"
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

    @Test
    void fourArgumentFormOffersNoCapability() {
        ProjectInfo info = new ProjectInfo("stock-forecast", "t", "d", Task.REGRESSION);

        assertThat(info.capabilities()).isEmpty();
        assertThat(info.offers(Capability.GENERATE)).isFalse();
    }

    @Test
    void capabilitiesAreOfferedAsDeclared() {
        ProjectInfo info = new ProjectInfo("text-generation", "t", "d", Task.GENERATION, Set.of(Capability.GENERATE));

        assertThat(info.offers(Capability.GENERATE)).isTrue();
        assertThat(info.capabilities()).containsExactly(Capability.GENERATE);
    }

    @Test
    void capabilitiesAreCopiedAndUnmodifiable() {
        Set<Capability> source = new HashSet<>();
        ProjectInfo none = new ProjectInfo("ab", "t", "d", Task.GENERATION, source);
        source.add(Capability.GENERATE);

        assertThat(none.offers(Capability.GENERATE)).isFalse();
        ProjectInfo some = new ProjectInfo("ab", "t", "d", Task.GENERATION, EnumSet.of(Capability.GENERATE));
        assertThatThrownBy(() -> some.capabilities().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void capabilitiesTakePartInEquality() {
        ProjectInfo plain = new ProjectInfo("ab", "t", "d", Task.GENERATION);

        assertThat(plain).isEqualTo(new ProjectInfo("ab", "t", "d", Task.GENERATION, Set.of()));
        assertThat(plain).isNotEqualTo(new ProjectInfo("ab", "t", "d", Task.GENERATION, Set.of(Capability.GENERATE)));
    }

    @Test
    void nullCapabilitiesAreRefused() {
        assertThatNullPointerException().isThrownBy(() -> new ProjectInfo("ab", "t", "d", Task.GENERATION, null));
    }
}
