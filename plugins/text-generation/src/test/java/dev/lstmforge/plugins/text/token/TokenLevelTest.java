package dev.lstmforge.plugins.text.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLevelTest {

    @Test
    void parsesIgnoringCase() {
        assertThat(TokenLevel.parse("char")).isEqualTo(TokenLevel.CHAR);
        assertThat(TokenLevel.parse("CHAR")).isEqualTo(TokenLevel.CHAR);
        assertThat(TokenLevel.parse(" Word ")).isEqualTo(TokenLevel.WORD);
        assertThat(TokenLevel.WORD.id()).isEqualTo("word");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "chars", "bpe", "character"})
    void otherValuesAreRejectedListingTheValidOnes(String value) {
        assertThatThrownBy(() -> TokenLevel.parse(value))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("char, word");
    }
}
