package dev.lstmforge.runtime.util;

import dev.lstmforge.spi.LstmForgeException;
import java.nio.file.Path;
import java.util.Locale;

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

    private Messages() {}

    /**
     * Describes a problem in words, without class names; see
     * {@link LstmForgeException#describe(Throwable)}.
     *
     * @param problem the exception
     * @return a non-empty description with no Java class name and no trailing {@code ": null"}
     */
    public static String describe(Throwable problem) {
        return LstmForgeException.describe(problem);
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
