package dev.lstmforge.plugins.text.translator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.plugins.text.token.CharTokenizer;
import dev.lstmforge.plugins.text.token.Vocabulary;
import dev.lstmforge.plugins.text.token.WordTokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prompt tokens outside the vocabulary are named with their counts, most frequent first. */
class PromptWarningsTest {

    private static final CharTokenizer CHARS =
            new CharTokenizer(Vocabulary.fromTokens(List.of(Vocabulary.UNKNOWN, "S", "t", "r", "a", "e", " ", "\n")));

    @Test
    void unknownCharactersAreCountedInOrderOfFirstOccurrence() {
        // S t r a ß e ␠ é ␠ é: ß once, é twice; everything else is known
        assertThat(CHARS.unknownTokens("Straße é é")).containsExactly(Map.entry("ß", 1L), Map.entry("é", 2L));
        assertThat(CHARS.unknownTokens("Star tree")).isEmpty();
    }

    @Test
    void theWarningNamesEachCharacterWithItsCountMostFrequentFirst() {
        assertThat(PromptWarnings.unknownTokens(CHARS, "Straße é é"))
                .contains("prompt characters not in the vocabulary: 'é' (2x), 'ß' (1x); they were replaced by <unk>");
        assertThat(PromptWarnings.unknownTokens(CHARS, "Star")).isEmpty();
    }

    @Test
    void controlCharactersAreShownEscapedAndCountsOfEqualSizeKeepTheirOrder() {
        assertThat(PromptWarnings.unknownTokens(CHARS, "S\tX\tX\r"))
                .contains("prompt characters not in the vocabulary: '\\t' (2x), 'X' (2x), '\\r' (1x); "
                        + "they were replaced by <unk>");
    }

    @Test
    void wordModelsNameWords() {
        WordTokenizer words = new WordTokenizer(Vocabulary.fromTokens(List.of(Vocabulary.UNKNOWN, "the", "king", ",")));
        assertThat(PromptWarnings.unknownTokens(words, "the king, the Queen, the Queen and Hamlet"))
                .contains("prompt words not in the vocabulary: 'Queen' (2x), 'and' (1x), 'Hamlet' (1x); "
                        + "they were replaced by <unk>");
    }

    @Test
    void atMostTenDistinctTokensAreNamedAndTheRestCounted() {
        WordTokenizer words = new WordTokenizer(Vocabulary.fromTokens(List.of(Vocabulary.UNKNOWN, "x")));
        String prompt = "a b c d e f g h i j k l";
        String warning = PromptWarnings.unknownTokens(words, prompt).orElseThrow();
        assertThat(warning)
                .startsWith("prompt words not in the vocabulary: 'a' (1x), 'b' (1x)")
                .contains("'j' (1x) and 2 more;")
                .doesNotContain("'k'");
    }
}
