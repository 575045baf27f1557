package dev.lstmforge.plugins.text.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.text.corpus.SyntheticCorpus;
import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharTokenizerTest {

    private static final String MASK = "\uD83C\uDFAD"; // U+1F3AD, a surrogate pair

    @Test
    void fitOrdersCharactersByFrequencyThenCodePoint() {
        CharTokenizer t = CharTokenizer.fit("abracadabra", 100);

        assertThat(t.level()).isEqualTo(TokenLevel.CHAR);
        assertThat(t.vocabulary().tokens()).containsExactly("<unk>", "a", "b", "r", "c", "d");
        assertThat(t.encode("cab")).containsExactly(4, 1, 2);
    }

    @Test
    void maxVocabCapsTheVocabularyAndTheRestIsUnknown() {
        CharTokenizer t = CharTokenizer.fit("abracadabra", 3);

        assertThat(t.vocabulary().tokens()).containsExactly("<unk>", "a", "b");
        assertThat(t.encode("abc")).containsExactly(1, 2, 0);
        assertThat(t.countUnknown("abracadabra")).isEqualTo(4);
    }

    @Test
    void roundTripsItsTrainingText() {
        String text = SyntheticCorpus.generate(3, 20_000);
        CharTokenizer t = CharTokenizer.fit(text, 1_000);

        int[] ids = t.encode(text);

        assertThat(ids).hasSize(text.length());
        assertThat(t.decode(ids)).isEqualTo(text);
        assertThat(t.decode(ids, 0, 14)).isEqualTo(text.substring(0, 14));
        assertThat(t.countUnknown(text)).isZero();
    }

    @Test
    void surrogatePairsAreOneToken() {
        String text = "a" + MASK + "b" + MASK;
        CharTokenizer t = CharTokenizer.fit(text, 10);

        assertThat(t.vocabulary().tokens()).containsExactly("<unk>", MASK, "a", "b");
        assertThat(t.split(text)).containsExactly("a", MASK, "b", MASK);
        assertThat(t.encode(text)).containsExactly(2, 1, 3, 1);
        assertThat(t.decode(t.encode(text))).isEqualTo(text);
        assertThat(t.id(MASK.codePointAt(0))).isEqualTo(1);
        assertThat(t.id(0x1F600)).isZero();
    }

    @Test
    void unknownCharactersBecomeUnknownAndDecodeAsReplacementCharacter() {
        CharTokenizer t = CharTokenizer.fit("hello", 10);

        int[] ids = t.encode("hey\u00e9" + MASK);

        assertThat(ids).containsExactly(t.id('h'), t.id('e'), 0, 0, 0);
        assertThat(t.decode(ids)).isEqualTo("he\uFFFD\uFFFD\uFFFD");
        assertThat(t.countUnknown("hey\u00e9" + MASK)).isEqualTo(3);
    }

    @Test
    void consumerEncodingMatchesArrayEncoding() {
        String text = SyntheticCorpus.generate(11, 3_000) + MASK + "\u00e9";
        CharTokenizer t = CharTokenizer.fit(text, 40);
        List<Integer> streamed = new ArrayList<>();

        t.encode(text, streamed::add);

        assertThat(streamed)
                .containsExactly(java.util.Arrays.stream(t.encode(text)).boxed().toArray(Integer[]::new));
    }

    @Test
    void decodeAppendsToAnExistingBuilder() {
        CharTokenizer t = CharTokenizer.fit("abc", 10);
        StringBuilder out = new StringBuilder("x");
        t.decode(t.encode("cab"), 1, 3, out);
        assertThat(out).hasToString("xab");
    }

    @Test
    void restoredFromItsVocabularyItEncodesTheSame() {
        String text = "To be, or not to be" + MASK;
        CharTokenizer fitted = CharTokenizer.fit(text, 100);
        Tokenizer restored = Tokenizers.restore(
                TokenLevel.CHAR, Vocabulary.fromTokens(fitted.vocabulary().tokens()));

        assertThat(restored).isInstanceOf(CharTokenizer.class);
        assertThat(restored.encode(text)).containsExactly(fitted.encode(text));
    }

    @Test
    void aVocabularyWithMultiCharacterTokensIsRejected() {
        Vocabulary words = Vocabulary.fromTokens(List.of("<unk>", "a", "to"));
        assertThatThrownBy(() -> new CharTokenizer(words))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 2 'to' is not a single character");
    }

    @Test
    void badIdsAndRangesAreRejected() {
        CharTokenizer t = CharTokenizer.fit("ab", 10);
        assertThatThrownBy(() -> t.decode(new int[] {1, 7}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ids[1] = 7 is outside the vocabulary [0, 3)");
        assertThatThrownBy(() -> t.decode(new int[] {1}, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fitArgumentsAreChecked() {
        assertThatThrownBy(() -> CharTokenizer.fit("abc", 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("maxVocab must be >= 2")
                .hasMessageContaining("got 1");
        assertThatThrownBy(() -> CharTokenizer.fit("", 10))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("training text is empty");
    }

    @Test
    void streamingEncodeAndDecodeDoNotAllocatePerToken() {
        String text = SyntheticCorpus.generate(5, 1_000_000);
        CharTokenizer t = CharTokenizer.fit(text, 100);
        long[] sum = new long[1];
        java.util.function.IntConsumer sink = id -> sum[0] += id;
        int[] ids = t.encode(text);
        StringBuilder out = new StringBuilder(text.length());

        long encodeBytes = Allocations.allocatedBytes(() -> t.encode(text, sink));
        long decodeBytes = Allocations.allocatedBytes(() -> {
            out.setLength(0);
            t.decode(ids, 0, ids.length, out);
        });

        // A million tokens: anything per token would be megabytes.
        assertThat(encodeBytes).isLessThan(10_000);
        assertThat(decodeBytes).isLessThan(10_000);
        assertThat(out).hasToString(text);
    }
}
