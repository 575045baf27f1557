package dev.lstmforge.plugins.text.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.plugins.text.corpus.SyntheticCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenizersTest {

    @ParameterizedTest
    @EnumSource(TokenLevel.class)
    void fitAndRestoreGiveTheSameTokenizer(TokenLevel level) {
        String text = SyntheticCorpus.generate(12, 10_000);

        Tokenizer fitted = Tokenizers.fit(level, text, 30);
        Tokenizer restored = Tokenizers.restore(level, fitted.vocabulary());

        assertThat(fitted.level()).isEqualTo(level);
        assertThat(restored.level()).isEqualTo(level);
        assertThat(fitted.vocabulary().size()).isEqualTo(30);
        assertThat(restored.encode(text)).containsExactly(fitted.encode(text));
        assertThat(restored.decode(fitted.encode(text))).isEqualTo(fitted.decode(fitted.encode(text)));
        long total = fitted.split(text).size();
        long unknown = fitted.countUnknown(text);
        assertThat(unknown).isBetween(0L, total);
        assertThat(java.util.Arrays.stream(fitted.encode(text))
                        .filter(id -> id == 0)
                        .count())
                .isEqualTo(unknown);
    }
}
