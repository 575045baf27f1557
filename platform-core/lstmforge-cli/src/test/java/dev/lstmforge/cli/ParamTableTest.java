package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.spi.Param;
import org.junit.jupiter.api.Test;

/** Wrapping and default display of the hyper-parameter table. */
class ParamTableTest {

    @Test
    void wrapsAtSpacesWithinTheWidth() {
        assertThat(ParamTable.wrap("one two three four", 9)).containsExactly("one two", "three", "four");
        assertThat(ParamTable.wrap("one two three four", 18)).containsExactly("one two three four");
        assertThat(ParamTable.wrap("  spaced   out  ", 80)).containsExactly("spaced out");
    }

    @Test
    void aWordLongerThanTheWidthGetsItsOwnLine() {
        assertThat(ParamTable.wrap("see window_normalised now", 6)).containsExactly("see", "window_normalised", "now");
    }

    @Test
    void emptyTextDefaultsAreShownAsQuotes() {
        assertThat(ParamTable.shownDefault(Param.text("startDate", "", "d"))).isEqualTo("\"\"");
        assertThat(ParamTable.shownDefault(Param.real("rate", 0.5, 0, 1, "d"))).isEqualTo("0.5");
        assertThat(ParamTable.shownDefault(Param.flag("smote", false, "d"))).isEqualTo("false");
    }
}
