package dev.lstmforge.spi;

import java.util.List;
import java.util.Objects;

/**
 * One declared hyper-parameter: its name, type, default, allowed range or values and a one-line
 * description. A project declares each option once, as a constant, and reads it back typed:
 *
 * <pre>{@code
 * static final Param<Integer> WINDOW =
 *         Param.integer("window", 60, 2, 5_000, "days of history in one input window");
 * static final Param<String> LEVEL =
 *         Param.choice("level", "char", List.of("char", "word"), "token unit");
 *
 * public List<Param<?>> parameters() { return List.of(WINDOW, LEVEL); }
 *
 * int window = hp.get(WINDOW);       // already parsed and range-checked by the host
 * }</pre>
 *
 * <p>The host parses every {@code -P key=value} against these declarations before the project
 * sees it: a wrong type, a value out of range or an unknown key stops the run with exit code 2 and
 * a message that names the key, the value and what is allowed.
 *
 * @param <T> {@link Integer}, {@link Double}, {@link Boolean} or {@link String}
 */
public final class Param<T> {

    /** The value kinds a parameter can have. */
    public enum Kind {
        /** A whole number within [min, max]. */
        INTEGER,
        /** A finite real number within [min, max]. */
        REAL,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** Free text (a path, a list, a date); the project checks its shape. */
        TEXT,
        /** One of a fixed list of words. */
        CHOICE
    }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final String description;
    private final boolean perRun;

    private Param(
            String name, Kind kind, T defaultValue, double min, double max, List<String> choices, String description) {
        this(name, kind, defaultValue, min, max, choices, description, false);
    }

    private Param(
            String name,
            Kind kind,
            T defaultValue,
            double min,
            double max,
            List<String> choices,
            String description,
            boolean perRun) {
        this.perRun = perRun;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
        this.defaultValue = Objects.requireNonNull(defaultValue, "default of " + name);
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.description = Objects.requireNonNull(description, "description of " + name);
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be lowerCamelCase");
        }
    }

    /**
     * Declares a whole-number parameter.
     *
     * @param name the key, lowerCamelCase
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @param description one line for {@code --help}
     * @return the declaration
     */
    public static Param<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Param<>(name, Kind.INTEGER, defaultValue, min, max, List.of(), description).checked();
    }

    /**
     * Declares a real-number parameter.
     *
     * @param name the key
     * @param defaultValue the default
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @param description one line for {@code --help}
     * @return the declaration
     */
    public static Param<Double> real(String name, double defaultValue, double min, double max, String description) {
        return new Param<>(name, Kind.REAL, defaultValue, min, max, List.of(), description).checked();
    }

    /**
     * Declares a true/false parameter.
     *
     * @param name the key
     * @param defaultValue the default
     * @param description one line for {@code --help}
     * @return the declaration
     */
    public static Param<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Param<>(name, Kind.BOOLEAN, defaultValue, 0, 0, List.of(), description);
    }

    /**
     * Declares a free-text parameter.
     *
     * @param name the key
     * @param defaultValue the default (may be empty)
     * @param description one line for {@code --help}
     * @return the declaration
     */
    public static Param<String> text(String name, String defaultValue, String description) {
        return new Param<>(name, Kind.TEXT, defaultValue, 0, 0, List.of(), description);
    }

    /**
     * Declares a parameter that takes one of a fixed list of words.
     *
     * @param name the key
     * @param defaultValue the default, one of {@code values}
     * @param values the allowed words
     * @param description one line for {@code --help}
     * @return the declaration
     */
    public static Param<String> choice(String name, String defaultValue, List<String> values, String description) {
        return new Param<>(name, Kind.CHOICE, defaultValue, 0, 0, values, description).checked();
    }

    /**
     * Returns the same declaration with another default, for a project whose data wants a
     * different value of a host training key (for example more epochs).
     *
     * @param value the new default; it must itself be allowed
     * @return a copy
     */
    public Param<T> withDefault(T value) {
        return new Param<>(name, kind, value, min, max, choices, description, perRun).checked();
    }

    /**
     * Returns the same declaration marked as a per-run setting: it chooses which data a run reads
     * or how it is split and augmented, not the network or its preprocessing, so a fine-tuning
     * ({@code train --from}) may set it to another value than the parent's. Keys not marked keep
     * the parent's value.
     *
     * <pre>{@code
     * static final Param<String> START_DATE =
     *         Param.text("startDate", "", "first day of data to read").perRun();
     * }</pre>
     *
     * @return a copy
     */
    public Param<T> perRun() {
        return new Param<>(name, kind, defaultValue, min, max, choices, description, true);
    }

    /**
     * Tells whether a fine-tuning may change this setting ({@link #perRun()}).
     *
     * @return true for a per-run setting
     */
    public boolean isPerRun() {
        return perRun;
    }

    private Param<T> checked() {
        parse(String.valueOf(defaultValue));
        return this;
    }

    /**
     * Parses and checks a value given as text.
     *
     * @param raw the text, for example from {@code -P window=30}
     * @return the typed value
     * @throws LstmForgeException naming the key, the value and what is allowed
     */
    @SuppressWarnings("unchecked")
    public T parse(String raw) {
        Objects.requireNonNull(raw, name);
        String v = raw.trim();
        switch (kind) {
            case INTEGER -> {
                long x;
                try {
                    x = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw bad(raw, "a whole number " + range());
                }
                if (x < min || x > max) {
                    throw bad(raw, "a whole number " + range());
                }
                return (T) Integer.valueOf((int) x);
            }
            case REAL -> {
                double x;
                try {
                    x = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw bad(raw, "a number " + range());
                }
                if (!Double.isFinite(x) || x < min || x > max) {
                    throw bad(raw, "a number " + range());
                }
                return (T) Double.valueOf(x);
            }
            case BOOLEAN -> {
                if ("true".equalsIgnoreCase(v)) {
                    return (T) Boolean.TRUE;
                }
                if ("false".equalsIgnoreCase(v)) {
                    return (T) Boolean.FALSE;
                }
                throw bad(raw, "true or false");
            }
            case CHOICE -> {
                for (String c : choices) {
                    if (c.equalsIgnoreCase(v)) {
                        return (T) c;
                    }
                }
                throw bad(raw, "one of " + String.join(", ", choices));
            }
            default -> {
                return (T) raw;
            }
        }
    }

    private LstmForgeException bad(String raw, String allowed) {
        return new LstmForgeException("hyper-parameter '" + name + "' must be " + allowed + ", got '" + raw + "'");
    }

    private String range() {
        if (kind == Kind.INTEGER) {
            return "from " + (long) min + " to " + (long) max;
        }
        return "from " + format(min) + " to " + format(max);
    }

    private static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /**
     * Returns the key.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the default value.
     *
     * @return the default
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Returns the one-line description.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Describes the allowed values for {@code --help}: a range, a list of words, or the kind.
     *
     * @return for example {@code "integer 2..5000"} or {@code "char|word"}
     */
    public String allowed() {
        return switch (kind) {
            case INTEGER -> "integer " + (long) min + ".." + (long) max;
            case REAL -> "number " + format(min) + ".." + format(max);
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
            case TEXT -> "text";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Param<?> p && p.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + allowed() + ", default " + defaultValue + ")";
    }
}
