package dev.lstmforge.plugins.text.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.text.corpus.SyntheticCorpus;
import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

    private static final String SAMPLE = "First Citizen:\nBefore we proceed, hear me speak.\n";

    @Test
    void splitsWordsPunctuationAndNewlines() {
        WordTokenizer t = WordTokenizer.fit(SAMPLE, 100);

        assertThat(t.split(SAMPLE))
                .containsExactly(
                        "First", "Citizen", ":", "\n", "Before", "we", "proceed", ",", "hear", "me", "speak", ".",
                        "\n");
    }

    @Test
    void apostrophesInsideWordsBelongToTheWord() {
        WordTokenizer t = WordTokenizer.fit("x", 10);

        assertThat(t.split("Don't o'er-leap 'tis fathers' rock\u2019n\u2019roll"))
                .containsExactly("Don't", "o'er", "-", "leap", "'", "tis", "fathers", "'", "rock\u2019n\u2019roll");
    }

    @Test
    void otherWhitespaceIsDroppedAndEveryPunctuationCharacterIsItsOwnToken() {
        WordTokenizer t = WordTokenizer.fit("x", 10);

        assertThat(t.split("  Ay,\tmy lord --\r\n(aside)\u00a0\"2nd\"...\n\n"))
                .containsExactly(
                        "Ay", ",", "my", "lord", "-", "-", "\n", "(", "aside", ")", "\"", "2nd", "\"", ".", ".", ".",
                        "\n", "\n");
    }

    @Test
    void unicodeLettersAndCombiningMarksStayInWords() {
        WordTokenizer t = WordTokenizer.fit("x", 10);
        String decomposed = "Cafe\u0301"; // e + combining acute accent

        assertThat(t.split("na\u00efve " + decomposed + " \u0416\u0443\u043a 42nd \uD835\uDC00x"))
                .containsExactly("na\u00efve", decomposed, "\u0416\u0443\u043a", "42nd", "\uD835\uDC00x");
    }

    @Test
    void roundTripsANormalisedSample() {
        WordTokenizer t = WordTokenizer.fit(SAMPLE, 100);

        int[] ids = t.encode(SAMPLE);

        assertThat(ids).hasSize(13).doesNotContain(Vocabulary.UNKNOWN_ID);
        assertThat(t.decode(ids)).isEqualTo(SAMPLE);
    }

    @Test
    void roundTripsASyntheticPlay() {
        String text = SyntheticCorpus.generate(8, 20_000);
        WordTokenizer t = WordTokenizer.fit(text, 10_000);

        assertThat(t.decode(t.encode(text))).isEqualTo(text);
    }

    @Test
    void decodeSpacingRules() {
        List<String> tokens =
                List.of("<unk>", "\n", "Nay", ",", "(", "good", ")", "sir", "'", "s", ".", "!", "?", ";", ":", "-");
        WordTokenizer t = new WordTokenizer(Vocabulary.fromTokens(tokens));

        assertThat(decode(
                        t, "\n", "Nay", ",", "(", "good", ")", "sir", "'", "s", "-", "good", "?", "\n", "\n", "(", "(",
                        "sir", ")", ";", ":", "!", "\n"))
                .isEqualTo("\nNay, (good) sir' s - good?\n\n((sir);:!\n");
    }

    private static String decode(WordTokenizer t, String... tokens) {
        int[] ids = Arrays.stream(tokens).mapToInt(t.vocabulary()::id).toArray();
        return t.decode(ids);
    }

    @Test
    void decodingOneIdAtATimeGivesTheSameText() {
        WordTokenizer t = WordTokenizer.fit(SAMPLE + "(aside) Hear!\n", 100);
        int[] ids = t.encode(SAMPLE + "(aside) Hear!\n");
        StringBuilder streamed = new StringBuilder();

        for (int i = 0; i < ids.length; i++) {
            t.decode(ids, i, i + 1, streamed);
        }

        assertThat(streamed).hasToString(t.decode(ids)).hasToString(SAMPLE + "(aside) Hear!\n");
    }

    @Test
    void unknownWordsEncodeAsUnknownAndDecodeAsTheUnknownToken() {
        WordTokenizer t = WordTokenizer.fit(SAMPLE, 100);

        int[] ids = t.encode("Before we flee, hear me.\n");

        assertThat(ids)
                .containsExactly(
                        t.vocabulary().id("Before"),
                        t.vocabulary().id("we"),
                        0,
                        t.vocabulary().id(","),
                        t.vocabulary().id("hear"),
                        t.vocabulary().id("me"),
                        t.vocabulary().id("."),
                        t.vocabulary().id("\n"));
        assertThat(t.decode(ids)).isEqualTo("Before we <unk>, hear me.\n");
        assertThat(t.countUnknown("Before we flee, hear me.\n")).isEqualTo(1);
        assertThat(t.countUnknown("before")).as("case matters").isEqualTo(1);
    }

    @Test
    void maxVocabKeepsTheMostFrequentTokens() {
        WordTokenizer t = WordTokenizer.fit("a a a b b c\n", 3);
        assertThat(t.vocabulary().tokens()).containsExactly("<unk>", "a", "b");
        assertThat(t.countUnknown("a b c\n")).isEqualTo(2);
    }

    @Test
    void consumerEncodingMatchesArrayEncoding() {
        String text = SyntheticCorpus.generate(4, 5_000);
        WordTokenizer t = WordTokenizer.fit(text, 50);
        List<Integer> streamed = new ArrayList<>();

        t.encode(text, streamed::add);

        assertThat(streamed)
                .containsExactly(Arrays.stream(t.encode(text)).boxed().toArray(Integer[]::new));
        assertThat(streamed).contains(0);
    }

    @Test
    void restoredFromItsVocabularyItEncodesTheSame() {
        String text = SyntheticCorpus.generate(2, 5_000);
        WordTokenizer fitted = WordTokenizer.fit(text, 30);
        Tokenizer restored = Tokenizers.restore(
                TokenLevel.WORD,
                Vocabulary.fromTokens(new ArrayList<>(fitted.vocabulary().tokens())));

        assertThat(restored).isInstanceOf(WordTokenizer.class);
        assertThat(restored.encode(text)).containsExactly(fitted.encode(text));
    }

    @Test
    void hashCollisionsAreResolvedByComparingText() {
        // "Aa" and "BB" share a String hash code.
        WordTokenizer t = new WordTokenizer(Vocabulary.fromTokens(List.of("<unk>", "Aa", "BB")));
        assertThat(t.encode("BB Aa AaBB")).containsExactly(2, 1, 0);
    }

    @Test
    void badIdsAndArgumentsAreRejected() {
        WordTokenizer t = WordTokenizer.fit(SAMPLE, 100);
        assertThatThrownBy(() -> t.decode(new int[] {-1}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ids[0] = -1");
        assertThatThrownBy(() -> WordTokenizer.fit(SAMPLE, 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("word tokenizer: maxVocab must be >= 2");
    }

    @Test
    void streamingEncodeDoesNotAllocatePerToken() {
        String text = SyntheticCorpus.generate(6, 1_000_000);
        WordTokenizer t = WordTokenizer.fit(text, 10_000);
        long[] sum = new long[1];
        java.util.function.IntConsumer sink = id -> sum[0] += id;

        long bytes = Allocations.allocatedBytes(() -> t.encode(text, sink));

        // About 200,000 tokens: one substring each would be several megabytes.
        assertThat(bytes).isLessThan(10_000);
    }
}
