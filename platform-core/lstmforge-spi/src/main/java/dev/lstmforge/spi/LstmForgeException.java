package dev.lstmforge.spi;

import java.util.regex.Pattern;

/**
 * The one unchecked exception of LSTM Forge for problems a user can fix: bad input files, bad
 * hyper-parameters, unknown engine profiles, missing models.
 *
 * <p>The message must be actionable on its own and name what was wrong: the file, the field and
 * the value, for example {@code "column 'Close' not found in AAPL.csv; columns are: Date, Open"}.
 * The CLI prints only the message and exits with status 2.
 *
 * <pre>{@code
 * if (rows < window + 1) {
 *     throw new LstmForgeException(file + ": " + rows + " rows, need at least " + (window + 1));
 * }
 * }</pre>
 */
public class LstmForgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code java.io.EOFException: } or {@code com.google.gson.stream.MalformedJsonException: }. */
    private static final Pattern QUALIFIED_CLASS =
            Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");

    /** {@code MalformedInputException: } at the start of a clause. */
    private static final Pattern SIMPLE_CLASS = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error):\\s*");

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message what went wrong and, where possible, how to fix it
     */
    public LstmForgeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and its cause.
     *
     * @param message what went wrong and, where possible, how to fix it
     * @param cause the underlying failure
     */
    public LstmForgeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Removes Java class names from a message: a library's text passed through often starts with
     * one ({@code java.io.EOFException: }, {@code MalformedJsonException: }), which means nothing
     * to a user.
     *
     * @param message the raw message, may be null
     * @return the message without class names, stripped; empty when nothing is left
     */
    public static String withoutClassNames(String message) {
        if (message == null) {
            return "";
        }
        String m = QUALIFIED_CLASS.matcher(message).replaceAll("");
        return SIMPLE_CLASS.matcher(m).replaceAll("").strip();
    }

    /**
     * Describes a failure in words: the first message along the cause chain that says something
     * once class names are removed, otherwise words made from the class name ({@code EOFException}
     * becomes {@code "unexpected end of file"}, {@code BufferUnderflowException} becomes
     * {@code "buffer underflow"}).
     *
     * <pre>{@code
     * throw new LstmForgeException("cannot load " + dir + ": " + LstmForgeException.describe(e), e);
     * }</pre>
     *
     * @param problem the failure
     * @return a non-empty description with no Java class name and no trailing {@code ": null"}
     */
    public static String describe(Throwable problem) {
        int depth = 0;
        for (Throwable t = problem; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String m = withoutClassNames(t.getMessage());
            while (m.endsWith(": null")) {
                m = m.substring(0, m.length() - ": null".length()).strip();
            }
            if (!m.isEmpty() && !m.equals("null")) {
                return m;
            }
        }
        Throwable innermost = problem;
        for (int i = 0; innermost.getCause() != null && innermost.getCause() != innermost && i < 20; i++) {
            innermost = innermost.getCause();
        }
        if (innermost instanceof java.io.EOFException) {
            return "unexpected end of file";
        }
        String name = innermost.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        String text = spaced.toLowerCase(java.util.Locale.ROOT).strip();
        return text.isEmpty() ? "unknown problem" : text;
    }
}
