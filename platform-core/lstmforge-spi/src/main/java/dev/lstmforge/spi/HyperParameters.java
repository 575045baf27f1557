package dev.lstmforge.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, ordered set of named hyper-parameters with typed accessors.
 *
 * <p>Values are kept as strings so that they travel unchanged through the command line, JSON
 * provenance files and DJL Serving's {@code serving.properties}. A plugin declares every key it
 * understands, with its default, in {@link LstmProject#defaultHyperParameters()}; the host
 * rejects keys nobody declared, so a typo never silently trains the wrong model.
 *
 * <pre>{@code
 * HyperParameters defaults = HyperParameters.builder()
 *         .put("window", 60)
 *         .put("hiddenSize", 50)
 *         .put("representation", "window")
 *         .build();
 * HyperParameters hp = defaults.with(Map.of("window", "30"));
 * int window = hp.getInt("window"); // 30
 * }</pre>
 */
public final class HyperParameters {

    private final Map<String, String> values;

    private HyperParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Returns a builder for a new set.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a set from a map, keeping its iteration order.
     *
     * @param values names and values
     * @return the set
     */
    public static HyperParameters of(Map<String, String> values) {
        return new HyperParameters(values);
    }

    /**
     * Returns a copy where the given keys are replaced. Every key must already exist here.
     *
     * @param overrides new values by key
     * @return the updated set
     * @throws LstmForgeException if a key is unknown, naming it and the known keys
     */
    public HyperParameters with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!copy.containsKey(e.getKey())) {
                throw new LstmForgeException(
                        "unknown hyper-parameter '"
                                + e.getKey()
                                + "'; known: "
                                + String.join(", ", values.keySet()));
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()));
        }
        return new HyperParameters(copy);
    }

    /**
     * Returns a copy with extra keys added; existing keys keep their value.
     *
     * @param defaults keys and values to add where absent
     * @return the merged set
     */
    public HyperParameters withDefaults(HyperParameters defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults.values);
        merged.putAll(values);
        return new HyperParameters(merged);
    }

    /**
     * Tells whether a key is present.
     *
     * @param key the name
     * @return true if declared
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /**
     * Returns the raw string value.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if the key is not declared
     */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new LstmForgeException(
                    "hyper-parameter '" + key + "' is not set; known: "
                            + String.join(", ", values.keySet()));
        }
        return v;
    }

    /**
     * Returns an integer value.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if absent or not an integer
     */
    public int getInt(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new LstmForgeException(
                    "hyper-parameter '" + key + "' must be an integer, got '" + v + "'");
        }
    }

    /**
     * Returns an integer value that must be at least {@code min}.
     *
     * @param key the name
     * @param min the smallest allowed value
     * @return the value
     * @throws LstmForgeException if absent, not an integer or too small
     */
    public int getInt(String key, int min) {
        int v = getInt(key);
        if (v < min) {
            throw new LstmForgeException(
                    "hyper-parameter '" + key + "' must be at least " + min + ", got " + v);
        }
        return v;
    }

    /**
     * Returns a floating-point value.
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if absent or not a finite number
     */
    public double getDouble(String key) {
        String v = get(key);
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException(v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new LstmForgeException(
                    "hyper-parameter '" + key + "' must be a finite number, got '" + v + "'");
        }
    }

    /**
     * Returns a boolean value ({@code true} or {@code false}, any case).
     *
     * @param key the name
     * @return the value
     * @throws LstmForgeException if absent or not a boolean
     */
    public boolean getBoolean(String key) {
        String v = get(key).trim();
        if ("true".equalsIgnoreCase(v)) {
            return true;
        }
        if ("false".equalsIgnoreCase(v)) {
            return false;
        }
        throw new LstmForgeException(
                "hyper-parameter '" + key + "' must be true or false, got '" + v + "'");
    }

    /**
     * Returns all values in declaration order.
     *
     * @return an unmodifiable view
     */
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperParameters h && values.equals(h.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects keys and values in order. */
    public static final class Builder {

        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds or replaces a value.
         *
         * @param key the name
         * @param value the value; its {@code toString()} is stored
         * @return this builder
         */
        public Builder put(String key, Object value) {
            values.put(Objects.requireNonNull(key, "key"), String.valueOf(value));
            return this;
        }

        /**
         * Builds the immutable set.
         *
         * @return the set
         */
        public HyperParameters build() {
            return new HyperParameters(values);
        }
    }
}
