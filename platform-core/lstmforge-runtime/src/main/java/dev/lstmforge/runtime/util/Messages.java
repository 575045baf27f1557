package dev.lstmforge.runtime.util;

import java.io.EOFException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Wording for messages users read: a problem without Java class names and never just
 * {@code "null"}, a path relative to the working directory when it lies below it, a byte count
 * with thousands separators.
 *
 * <pre>{@code
 * throw new LstmForgeException("cannot load " + Messages.path(dir) + ": " + Messages.describe(e), e);
 * // cannot load models/stock-forecast/v1: unexpected end of file
 * }</pre>
 */
public final class Messages {

    /** A fully qualified exception class name, with the colon that usually follows it. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");

    private Messages() {}

    /**
     * Describes a problem in words: the first message along the cause chain that says something
     * once class names are removed, otherwise words made from the class name
     * ({@code EOFException} becomes {@code "unexpected end of file"}, {@code BufferUnderflowException}
     * becomes {@code "buffer underflow"}).
     *
     * @param problem the exception
     * @return a non-empty description with no Java class name and no trailing {@code ": null"}
     */
    public static String describe(Throwable problem) {
        int depth = 0;
        for (Throwable t = problem; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            m = CLASS_NAME.matcher(m).replaceAll("").strip();
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
        return words(innermost);
    }

    private static String words(Throwable t) {
        if (t instanceof EOFException) {
            return "unexpected end of file";
        }
        String name = t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        String text = spaced.toLowerCase(Locale.ROOT).strip();
        return text.isEmpty() ? "unknown problem" : text;
    }

    /**
     * Shows a path the way a user would type it: relative to the working directory when it lies
     * below it, as given otherwise.
     *
     * @param path the path
     * @return for example {@code models/stock-forecast/v1}
     */
    public static String path(Path path) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path abs = path.toAbsolutePath().normalize();
        if (abs.startsWith(cwd) && !abs.equals(cwd)) {
            return cwd.relativize(abs).toString();
        }
        return path.toString();
    }

    /**
     * Formats a count of bytes with thousands separators.
     *
     * @param bytes the count
     * @return for example {@code "120,004 bytes"}
     */
    public static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d %s", bytes, bytes == 1 ? "byte" : "bytes");
    }
}
