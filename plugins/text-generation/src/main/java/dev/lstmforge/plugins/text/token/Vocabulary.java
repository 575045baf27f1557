package dev.lstmforge.plugins.text.token;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, ordered list of tokens with a dense id for each: id {@code i} is the {@code i}-th
 * token. Id {@value #UNKNOWN_ID} is always the unknown token {@value #UNKNOWN}, which stands for
 * anything outside the vocabulary.
 *
 * <p>Two vocabularies are equal when they hold the same tokens in the same order. Instances are
 * safe to share between threads.
 */
public final class Vocabulary {

    /** The unknown token, always at id {@value #UNKNOWN_ID}. */
    public static final String UNKNOWN = "<unk>";

    /** The id of {@link #UNKNOWN}. */
    public static final int UNKNOWN_ID = 0;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens, Map<String, Integer> ids) {
        this.tokens = tokens;
        this.ids = ids;
    }

    /**
     * Creates a vocabulary from an explicit token list, e.g. one saved with a model.
     *
     * @param tokens the tokens in id order; the first must be {@value #UNKNOWN}
     * @return the vocabulary
     * @throws DataException if the list is empty, does not start with {@value #UNKNOWN},
     *                           holds a {@code null} or empty token, or holds a token twice
     */
    public static Vocabulary fromTokens(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isEmpty() || !UNKNOWN.equals(tokens.get(0))) {
            throw new DataException("vocabulary: token 0 must be " + UNKNOWN + ", got "
                    + (tokens.isEmpty() ? "an empty list" : "'" + tokens.get(0) + "'"));
        }
        Map<String, Integer> ids = new HashMap<>(Math.max(16, tokens.size() * 2));
        List<String> copy = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token == null || token.isEmpty()) {
                throw new DataException(
                        "vocabulary: token " + i + " must not be " + (token == null ? "null" : "empty"));
            }
            Integer previous = ids.putIfAbsent(token, i);
            if (previous != null) {
                throw new DataException(
                        "vocabulary: token " + i + " '" + printable(token) + "' duplicates token " + previous);
            }
            copy.add(token);
        }
        return new Vocabulary(Collections.unmodifiableList(copy), ids);
    }

    /**
     * Builds a vocabulary from token counts: {@value #UNKNOWN} first, then the most frequent
     * tokens, most frequent first, ties broken by {@link String#compareTo} order, up to
     * {@code maxSize} tokens in total. The result depends only on the counts, never on map
     * iteration order. A {@value #UNKNOWN} key in {@code counts} is ignored.
     *
     * @param counts  how often each token occurs; counts must not be negative
     * @param maxSize the largest vocabulary size wanted, including {@value #UNKNOWN}; at least 1
     * @return the vocabulary, of size {@code min(maxSize, distinct tokens + 1)}
     * @throws DataException if {@code maxSize < 1}, a token is {@code null} or empty, or a
     *                           count is {@code null} or negative
     */
    public static Vocabulary build(Map<String, Long> counts, int maxSize) {
        Objects.requireNonNull(counts, "counts");
        if (maxSize < 1) {
            throw new DataException("vocabulary: maxSize must be >= 1, got " + maxSize);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            String token = e.getKey();
            Long count = e.getValue();
            if (token == null || token.isEmpty()) {
                throw new DataException(
                        "vocabulary: token counts hold a " + (token == null ? "null" : "empty") + " token");
            }
            if (count == null || count < 0) {
                throw new DataException(
                        "vocabulary: count of token '" + printable(token) + "' must be >= 0, got " + count);
            }
            if (!UNKNOWN.equals(token)) {
                entries.add(e);
            }
        }
        entries.sort((a, b) -> {
            int byCount = Long.compare(b.getValue(), a.getValue());
            return byCount != 0 ? byCount : a.getKey().compareTo(b.getKey());
        });
        int size = Math.min(maxSize, entries.size() + 1);
        List<String> tokens = new ArrayList<>(size);
        Map<String, Integer> ids = new HashMap<>(Math.max(16, size * 2));
        tokens.add(UNKNOWN);
        ids.put(UNKNOWN, UNKNOWN_ID);
        for (int i = 0; i < size - 1; i++) {
            String token = entries.get(i).getKey();
            ids.put(token, tokens.size());
            tokens.add(token);
        }
        return new Vocabulary(Collections.unmodifiableList(tokens), ids);
    }

    /**
     * Returns the number of tokens, including {@value #UNKNOWN}.
     *
     * @return the size, at least 1
     */
    public int size() {
        return tokens.size();
    }

    /**
     * Returns the id of a token.
     *
     * @param token the token
     * @return its id, or {@value #UNKNOWN_ID} when it is not in the vocabulary
     */
    public int id(String token) {
        Integer id = ids.get(Objects.requireNonNull(token, "token"));
        return id == null ? UNKNOWN_ID : id;
    }

    /**
     * Tells whether a token is in the vocabulary ({@value #UNKNOWN} always is).
     *
     * @param token the token
     * @return {@code true} if it has an id of its own
     */
    public boolean contains(String token) {
        return ids.containsKey(Objects.requireNonNull(token, "token"));
    }

    /**
     * Returns the token with the given id.
     *
     * @param id a token id
     * @return the token
     * @throws DataException if the id is outside {@code [0, size())}
     */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new DataException("vocabulary: token id " + id + " is outside [0, " + tokens.size() + ")");
        }
        return tokens.get(id);
    }

    /**
     * Returns all tokens in id order.
     *
     * @return an unmodifiable list whose first element is {@value #UNKNOWN}
     */
    public List<String> tokens() {
        return tokens;
    }

    /**
     * Compares token lists.
     *
     * @param o another object
     * @return {@code true} if {@code o} is a vocabulary with the same tokens in the same order
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary && ((Vocabulary) o).tokens.equals(tokens);
    }

    /**
     * Hashes the token list.
     *
     * @return a hash consistent with {@link #equals}
     */
    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    /**
     * Describes the vocabulary by size and its first few tokens.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        StringBuilder sb =
                new StringBuilder("Vocabulary[size=").append(tokens.size()).append(", ");
        int shown = Math.min(tokens.size(), 8);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : " ")
                    .append('\'')
                    .append(printable(tokens.get(i)))
                    .append('\'');
        }
        return sb.append(tokens.size() > shown ? " ...]" : "]").toString();
    }

    /**
     * Makes control characters visible in messages: a line break shows as {@code \n}, a tab as
     * {@code \t}, other control characters as a backslash-u escape with four hex digits.
     *
     * <pre>{@code
     * Vocabulary.printable("a\tb\n");   // a\tb\n, six visible characters
     * }</pre>
     *
     * @param token the token
     * @return the token with control characters escaped
     */
    public static String printable(String token) {
        StringBuilder sb = new StringBuilder(token.length() + 4);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
