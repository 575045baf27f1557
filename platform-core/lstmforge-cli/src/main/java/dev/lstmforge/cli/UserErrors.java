package dev.lstmforge.cli;

import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Turns a failure a user can fix into the one line the CLI prints: every
 * {@link LstmForgeException} (also when another exception wraps it) and every I/O failure. The
 * line never shows a Java class name; where a message still carries one (a library's text passed
 * through), it is removed here as a last line of defence.
 *
 * <pre>{@code
 * UserErrors.message(new NoSuchFileException("data/AAPL.csv"));  // "file not found: data/AAPL.csv"
 * }</pre>
 */
final class UserErrors {

    private UserErrors() {}

    /**
     * Finds the user-facing failure in a chain: the outermost {@link LstmForgeException}, else an
     * I/O failure at the top.
     *
     * @param t what was thrown
     * @return the failure to report with exit code 2, or null for an unexpected failure
     */
    static Throwable userFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof LstmForgeException) {
                return c;
            }
        }
        if (t instanceof IOException) {
            return t;
        }
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            return u.getCause();
        }
        return null;
    }

    /**
     * Describes a user-facing failure in one line without class names.
     *
     * @param t the failure (see {@link #userFailure(Throwable)})
     * @return the line, without the {@code lstmforge: } prefix
     */
    static String message(Throwable t) {
        String m;
        if (t instanceof NoSuchFileException e) {
            m = "file not found: " + e.getFile();
        } else if (t instanceof AccessDeniedException e) {
            m = "permission denied: " + e.getFile();
        } else if (t instanceof FileAlreadyExistsException e) {
            m = "already exists: " + e.getFile();
        } else if (t instanceof NotDirectoryException e) {
            m = "not a directory: " + e.getFile();
        } else if (t instanceof DirectoryNotEmptyException e) {
            m = "folder not empty: " + e.getFile();
        } else if (t instanceof FileSystemException e) {
            m = e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason());
        } else if (t instanceof CharacterCodingException) {
            m = "a file is not valid text in the expected encoding (UTF-8)";
        } else {
            m = t.getMessage();
        }
        return oneLine(m);
    }

    /**
     * Makes a message one line and drops Java class names from it.
     *
     * @param message the raw message, may be null
     * @return the cleaned line
     */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed without a message";
        }
        String m = LstmForgeException.withoutClassNames(message)
                .replaceAll("\\s*\\R\\s*", " ")
                .strip();
        return m.isEmpty() ? "failed without a message" : m;
    }
}
