package dev.lstmforge.plugins.text.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.plugins.text.corpus.Corpus;
import dev.lstmforge.plugins.text.corpus.SharedTestData;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Tokenizers on the real tiny-shakespeare corpus; skipped when the data root lacks it. */
class TinyShakespeareTokenTest {

    @Test
    void charVocabularyHas65CharactersPlusUnknownAndRoundTrips() {
        Corpus corpus = SharedTestData.tinyShakespeareCorpus();

        CharTokenizer t = CharTokenizer.fit(corpus.text(), 1_000);

        assertThat(t.vocabulary().size()).isEqualTo(66);
        assertThat(t.vocabulary().token(1)).as("most frequent character").isEqualTo(" ");
        int[] ids = t.encode(corpus.text());
        assertThat(ids).hasSize(1_115_394);
        assertThat(t.decode(ids)).isEqualTo(corpus.text());
        assertThat(t.countUnknown(corpus.text())).isZero();
    }

    @Test
    void wordVocabularyCappedAtTenThousandCoversAlmostAllTokens() {
        Corpus corpus = SharedTestData.tinyShakespeareCorpus();

        Tokenizer t = Tokenizers.fit(TokenLevel.WORD, corpus.text(), WordTokenizer.DEFAULT_MAX_VOCAB);
        long tokens = t.split(corpus.text()).size();
        long unknown = t.countUnknown(corpus.text());
        double rate = (double) unknown / tokens;
        System.out.printf(
                Locale.ROOT,
                "tiny-shakespeare word level: %d tokens, vocabulary %d, %d unknown (%.2f%%)%n",
                tokens,
                t.vocabulary().size(),
                unknown,
                100 * rate);

        assertThat(t.vocabulary().size()).isEqualTo(10_000);
        assertThat(t.vocabulary().tokens()).contains("\n", ",", ".", "the", "I");
        assertThat(rate).isLessThan(0.05);
        assertThat(t.encode(corpus.text())).hasSize((int) tokens);
        String opening = corpus.text().substring(0, corpus.text().indexOf("\n\n") + 1);
        assertThat(t.decode(t.encode(opening))).isEqualTo(opening);
    }
}
