package dev.lstmforge.plugins.text.translator;

import dev.lstmforge.plugins.text.token.TokenLevel;
import dev.lstmforge.plugins.text.token.Tokenizer;
import dev.lstmforge.plugins.text.token.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Words what the model could not read in a prompt, for the {@code warnings} of a generation
 * response: which characters (or words) the vocabulary lacks and how often each occurs.
 *
 * <pre>{@code
 * PromptWarnings.unknownTokens(tokenizer, "Straße é é");
 * // Optional["prompt characters not in the vocabulary: 'é' (2x), 'ß' (1x); they were replaced by <unk>"]
 * }</pre>
 */
public final class PromptWarnings {

    /** At most this many distinct tokens are named; the rest are counted. */
    static final int MAX_NAMED = 10;

    private PromptWarnings() {}

    /**
     * Describes the prompt's tokens outside the vocabulary, most frequent first (ties in order of
     * first occurrence).
     *
     * @param tokenizer the model's tokenizer
     * @param prompt the prompt as the model reads it
     * @return the warning, or empty when the vocabulary covers the prompt
     */
    public static Optional<String> unknownTokens(Tokenizer tokenizer, String prompt) {
        Map<String, Long> counts = tokenizer.unknownTokens(prompt);
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed());
        StringBuilder m = new StringBuilder("prompt ")
                .append(tokenizer.level() == TokenLevel.CHAR ? "characters" : "words")
                .append(" not in the vocabulary: ");
        for (int i = 0; i < Math.min(MAX_NAMED, entries.size()); i++) {
            Map.Entry<String, Long> e = entries.get(i);
            m.append(i == 0 ? "" : ", ")
                    .append('\'')
                    .append(Vocabulary.printable(e.getKey()))
                    .append("' (")
                    .append(String.format(Locale.ROOT, "%,d", e.getValue()))
                    .append("x)");
        }
        if (entries.size() > MAX_NAMED) {
            m.append(" and ").append(entries.size() - MAX_NAMED).append(" more");
        }
        return Optional.of(
                m.append("; they were replaced by ").append(Vocabulary.UNKNOWN).toString());
    }
}
