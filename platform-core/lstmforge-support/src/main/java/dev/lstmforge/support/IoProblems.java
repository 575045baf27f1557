package dev.lstmforge.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Says what an I/O failure was in words a user can act on, without the Java class name that
 * {@code Throwable.toString()} would show: {@code "permission denied"} rather than
 * {@code "java.nio.file.AccessDeniedException: /data/a.txt"}.
 *
 * <pre>{@code
 * catch (IOException e) {
 *     throw new DataException(file + ": cannot read the file (" + IoProblems.describe(e) + ")", e);
 * }
 * }</pre>
 */
public final class IoProblems {

    /** A qualified Java exception class name, such as {@code java.net.SocketException}. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b[a-z]+(\\.[a-z0-9_]+)*\\.[A-Z]\\w*(Exception|Error)\\b");

    private IoProblems() {}

    /**
     * Describes an I/O failure in a few words.
     *
     * @param e the failure
     * @return for example {@code "permission denied"}, {@code "no such file"} or the failure's
     *     own message when it carries no class name
     */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + (e.getMessage() == null ? "" : e.getMessage()).strip();
        }
        if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "connection refused or unreachable";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank() || CLASS_NAME.matcher(m).find()) {
            return "input/output error";
        }
        return m.strip();
    }
}
