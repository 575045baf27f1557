package dev.lstmforge.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, ordered set of hyper-parameter values, parsed and checked once against the
 * project's {@link Param} declarations.
 *
 * <p>The host builds it with {@link #parse(List, Map)}: every declared key gets its default, each
 * override is parsed by its declaration (type, range, allowed words), and an unknown key is
 * refused with the closest known name. Plugins read values typed, without parsing:
 *
 * <pre>{@code
 * HyperParameters hp = HyperParameters.parse(List.of(WINDOW, LEVEL), Map.of("window", "30"));
 * int window = hp.get(WINDOW);   // 30
 * String level = hp.get(LEVEL);  // "char", the default
 * }</pre>
 *
 * <p>{@link #asMap()} gives the values as text, the form saved in {@code hyperparameters.json};
 * {@link #typedValues()} gives them typed, the form recorded in provenance.
 */
public final class HyperParameters {

    private final Map<String, Object> values;
    private final Map<String, Param<?>> declared;

    private HyperParameters(Map<String, Object> values, Map<String, Param<?>> declared) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    /**
     * Parses overrides against declarations; undeclared keys are refused.
     *
     * @param declarations the declared parameters, in display order
     * @param overrides values given as text, by key
     * @return every declared key with its default or parsed override
     * @throws LstmForgeException for an unknown key (naming the closest known one) or a bad value
     */
    public static HyperParameters parse(List<Param<?>> declarations, Map<String, String> overrides) {
        Map<String, Param<?>> byName = new LinkedHashMap<>();
        for (Param<?> p : declarations) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("hyper-parameter '" + p.name() + "' is declared twice");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param<?> p : declarations) {
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Param<?> p = byName.get(e.getKey());
            if (p == null) {
                throw unknown(e.getKey(), byName.keySet(), null);
            }
            values.put(p.name(), p.parse(Objects.requireNonNull(e.getValue(), e.getKey())));
        }
        return new HyperParameters(values, byName);
    }

    /**
     * Wraps values read back from a saved model, as text; typed reads parse them with the
     * declaration passed to {@link #get(Param)}.
     *
     * @param values names and values
     * @return the set
     */
    public static HyperParameters of(Map<String, String> values) {
        return new HyperParameters(new LinkedHashMap<>(values), Map.of());
    }

    /**
     * Returns a builder, handy in tests.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a copy with some values replaced, parsed by their declarations where known.
     *
     * @param overrides new values by key; every key must already exist here
     * @return the updated set
     * @throws LstmForgeException if a key is unknown or a value bad
     */
    public HyperParameters with(Map<String, String> overrides) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!copy.containsKey(e.getKey())) {
                throw unknown(e.getKey(), values.keySet(), null);
            }
            Param<?> p = declared.get(e.getKey());
            copy.put(e.getKey(), p == null ? e.getValue() : p.parse(e.getValue()));
        }
        return new HyperParameters(copy, declared);
    }

    /**
     * Builds the error for an unknown key, suggesting the closest known name.
     *
     * @param key the unknown key
     * @param known the declared keys
     * @param project the project id for the message, or null
     * @return the exception to throw
     */
    public static LstmForgeException unknown(String key, Collection<String> known, String project) {
        String closest = closest(key, known);
        StringBuilder m =
                new StringBuilder("unknown hyper-parameter '").append(key).append('\'');
        if (project != null) {
            m.append(" for ").append(project);
        }
        if (closest != null) {
            m.append("; did you mean '").append(closest).append("'?");
        } else {
            m.append("; known: ").append(String.join(", ", known));
        }
        return new LstmForgeException(m.toString());
    }

    /**
     * Finds the known name nearest to a misspelt one (case-insensitive edit distance at most a
     * third of its length, and at least 2).
     *
     * @param key the misspelt key
     * @param known the known keys
     * @return the closest, or null when nothing is near
     */
    public static String closest(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Returns a value typed by its declaration; a value read back as text is parsed by it, and an
     * absent key (a model saved before the parameter existed) gives the declared default.
     *
     * @param param the declaration
     * @param <T> the value type
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Param<T> param) {
        Object v = values.get(param.name());
        if (v == null) {
            return param.defaultValue();
        }
        if (v instanceof String s && param.kind() != Param.Kind.TEXT) {
            return param.parse(s);
        }
        return (T) v;
    }

    /**
     * Tells whether a key is present.
     *
     * @param key the name
     * @return true if present
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /**
     * Returns a value as text.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if the key is absent
     */
    public String get(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw unknown(key, values.keySet(), null);
        }
        return String.valueOf(v);
    }

    /**
     * Returns an integer value.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if absent or not an integer
     */
    public int getInt(String key) {
        Object v = values.get(key);
        if (v instanceof Integer i) {
            return i;
        }
        return Param.integer(key, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, key).parse(get(key));
    }

    /**
     * Returns a real value.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if absent or not a finite number
     */
    public double getDouble(String key) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return Param.real(key, 0, -Double.MAX_VALUE, Double.MAX_VALUE, key).parse(get(key));
    }

    /**
     * Returns a boolean value.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if absent or not true/false
     */
    public boolean getBoolean(String key) {
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return Param.flag(key, false, key).parse(get(key));
    }

    /**
     * Returns all values as text, in declaration order: the form of {@code hyperparameters.json}.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, String.valueOf(v)));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Returns all values typed (Integer, Double, Boolean, String): the form recorded in
     * provenance.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> typedValues() {
        return values;
    }

    /**
     * Returns the declarations these values were parsed against (empty for values read back
     * from a file).
     *
     * @return the declarations in order
     */
    public List<Param<?>> declarations() {
        return new ArrayList<>(declared.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperParameters h && asMap().equals(h.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects keys and values in order; values are kept as given. */
    public static final class Builder {

        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds or replaces a value.
         *
         * @param key the name
         * @param value the value (Integer, Double, Boolean or String)
         * @return this builder
         */
        public Builder put(String key, Object value) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
            return this;
        }

        /**
         * Builds the immutable set.
         *
         * @return the set
         */
        public HyperParameters build() {
            return new HyperParameters(values, Map.of());
        }
    }
}
