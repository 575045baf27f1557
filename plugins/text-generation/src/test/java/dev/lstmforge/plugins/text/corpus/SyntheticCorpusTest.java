package dev.lstmforge.plugins.text.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    /** A speaker line, then one to three speech lines. */
    private static final Pattern TURN =
            Pattern.compile("([A-Z][a-z]+(?: [A-Z][a-z]+)*):\n(?:[A-Z][a-z]*(?:,? [a-z]+)*[.?!;]\n){1,3}");

    @Test
    void sameSeedGivesTheSameTextAndOtherSeedsDiffer() {
        assertThat(SyntheticCorpus.generate(42, 3_000)).isEqualTo(SyntheticCorpus.generate(42, 3_000));
        assertThat(SyntheticCorpus.generate(42, 3_000)).isNotEqualTo(SyntheticCorpus.generate(43, 3_000));
    }

    @Test
    void isAPlayOfTurnsSeparatedByBlankLines() {
        String text = SyntheticCorpus.generate(1, 20_000);
        String[] turns = text.split("\n\n", -1);

        assertThat(turns.length).isGreaterThan(50);
        String previousSpeaker = null;
        for (String turn : turns) {
            var m = TURN.matcher(turn + (turn.endsWith("\n") ? "" : "\n"));
            assertThat(m.matches()).as("turn %s", turn).isTrue();
            assertThat(m.group(1)).isNotEqualTo(previousSpeaker);
            previousSpeaker = m.group(1);
        }
        assertThat(text).endsWith("\n").doesNotContain("\n\n\n").doesNotStartWith("\n");
    }

    @Test
    void lengthIsAboutTheRequestedSize() {
        for (int size : new int[] {1, 100, 10_000, 200_000}) {
            String text = SyntheticCorpus.generate(9, size);
            assertThat(text.length()).isBetween(size, size + 500);
        }
    }

    @Test
    void isSmallEnoughAlphabetForACharModel() {
        String text = SyntheticCorpus.generate(5, 50_000);
        assertThat(text.chars().distinct().count()).isBetween(30L, 65L);
        assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
    }

    @Test
    void nonPositiveSizeIsRejected() {
        assertThatThrownBy(() -> SyntheticCorpus.generate(1, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("approxChars must be >= 1, got 0");
    }
}
