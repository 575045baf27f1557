package dev.lstmforge.plugins.text.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void fromTokensKeepsOrderAndUnknownIsIdZero() {
        Vocabulary v = Vocabulary.fromTokens(List.of("<unk>", "a", "b", "\n"));

        assertThat(v.size()).isEqualTo(4);
        assertThat(v.id("a")).isEqualTo(1);
        assertThat(v.id("\n")).isEqualTo(3);
        assertThat(v.id("zzz")).isEqualTo(Vocabulary.UNKNOWN_ID).isZero();
        assertThat(v.id("<unk>")).isZero();
        assertThat(v.token(0)).isEqualTo(Vocabulary.UNKNOWN);
        assertThat(v.token(2)).isEqualTo("b");
        assertThat(v.tokens()).containsExactly("<unk>", "a", "b", "\n");
        assertThat(v.contains("b")).isTrue();
        assertThat(v.contains("c")).isFalse();
        assertThat(v.toString()).contains("size=4", "'\\n'");
    }

    @Test
    void tokensListIsAnImmutableCopy() {
        List<String> source = new ArrayList<>(List.of("<unk>", "a"));
        Vocabulary v = Vocabulary.fromTokens(source);
        source.add("b");

        assertThat(v.size()).isEqualTo(2);
        assertThatThrownBy(() -> v.tokens().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fromTokensRejectsBadLists() {
        assertThatThrownBy(() -> Vocabulary.fromTokens(List.of()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 0 must be <unk>");
        assertThatThrownBy(() -> Vocabulary.fromTokens(List.of("a", "<unk>")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 0 must be <unk>, got 'a'");
        assertThatThrownBy(() -> Vocabulary.fromTokens(List.of("<unk>", "a", "b", "a")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 3 'a' duplicates token 1");
        assertThatThrownBy(() -> Vocabulary.fromTokens(List.of("<unk>", "x", "<unk>")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 2 '<unk>' duplicates token 0");
        assertThatThrownBy(() -> Vocabulary.fromTokens(Arrays.asList("<unk>", null)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 1 must not be null");
        assertThatThrownBy(() -> Vocabulary.fromTokens(List.of("<unk>", "")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token 1 must not be empty");
    }

    @Test
    void tokenOutsideTheRangeIsAnError() {
        Vocabulary v = Vocabulary.fromTokens(List.of("<unk>", "a"));
        assertThatThrownBy(() -> v.token(2))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("token id 2 is outside [0, 2)");
        assertThatThrownBy(() -> v.token(-1)).isInstanceOf(DataException.class);
    }

    @Test
    void buildTakesTheMostFrequentTokensWithTiesInStringOrder() {
        Map<String, Long> counts = Map.of("the", 10L, "and", 7L, "zeal", 7L, "apple", 7L, "rare", 1L, ",", 12L);

        Vocabulary v = Vocabulary.build(counts, 5);

        assertThat(v.tokens()).containsExactly("<unk>", ",", "the", "and", "apple");
        assertThat(Vocabulary.build(counts, 100).tokens())
                .containsExactly("<unk>", ",", "the", "and", "apple", "zeal", "rare");
        assertThat(Vocabulary.build(counts, 1).tokens()).containsExactly("<unk>");
    }

    @Test
    void buildDoesNotDependOnMapOrderAndIgnoresAnUnknownKey() {
        Map<String, Long> forward = new LinkedHashMap<>();
        Map<String, Long> backward = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            words.add("w" + i);
        }
        for (String w : words) {
            forward.put(w, (long) (w.hashCode() % 7));
        }
        for (int i = words.size() - 1; i >= 0; i--) {
            backward.put(words.get(i), (long) (words.get(i).hashCode() % 7));
        }
        Map<String, Long> withUnknown = new HashMap<>(forward);
        withUnknown.put("<unk>", 1_000_000L);

        Vocabulary a = Vocabulary.build(forward, 100);
        assertThat(Vocabulary.build(backward, 100)).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(Vocabulary.build(withUnknown, 100)).isEqualTo(a);
        assertThat(a.size()).isEqualTo(100);
    }

    @Test
    void buildRejectsBadArguments() {
        assertThatThrownBy(() -> Vocabulary.build(Map.of("a", 1L), 0))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("maxSize must be >= 1, got 0");
        assertThatThrownBy(() -> Vocabulary.build(Map.of("a", -3L), 10))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("count of token 'a' must be >= 0, got -3");
        assertThatThrownBy(() -> Vocabulary.build(Map.of("", 3L), 10))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("empty token");
    }

    @Test
    void equalityFollowsTheTokenList() {
        Vocabulary a = Vocabulary.fromTokens(List.of("<unk>", "x", "y"));
        assertThat(a)
                .isEqualTo(Vocabulary.fromTokens(List.of("<unk>", "x", "y")))
                .isNotEqualTo(Vocabulary.fromTokens(List.of("<unk>", "y", "x")));
    }
}
