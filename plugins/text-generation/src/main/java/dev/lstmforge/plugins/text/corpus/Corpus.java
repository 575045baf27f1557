package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.download.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An immutable training corpus: the decoded, normalised text plus a description of where it
 * came from.
 *
 * <p>{@link #bytes()} and {@link #sha256()} describe the raw bytes as read (before the byte-order
 * mark is dropped and line ends are normalised), concatenated in reading order, so a corpus read
 * from a single file has the same size and hash as that file. Instances are safe to share
 * between threads.
 */
public final class Corpus {

    private final String text;
    private final String source;
    private final List<Path> files;
    private final long bytes;
    private final String sha256;
    private final List<String> warnings;

    /**
     * Creates a corpus that needed no repairs.
     *
     * @param text   the decoded text (not {@code null})
     * @param source a display name of the origin, e.g. a file or folder path
     * @param files  the files read, in reading order (copied; may be empty for in-memory text)
     * @param bytes  the number of raw bytes read
     * @param sha256 the lowercase hex SHA-256 of the raw bytes read, 64 characters
     * @throws DataException if {@code bytes} is negative or {@code sha256} is not 64 hex digits
     */
    public Corpus(String text, String source, List<Path> files, long bytes, String sha256) {
        this(text, source, files, bytes, sha256, List.of());
    }

    /**
     * Creates a corpus from already-validated parts.
     *
     * @param text   the decoded text (not {@code null})
     * @param source a display name of the origin, e.g. a file or folder path
     * @param files  the files read, in reading order (copied; may be empty for in-memory text)
     * @param bytes  the number of raw bytes read
     * @param sha256 the lowercase hex SHA-256 of the raw bytes read, 64 characters
     * @param warnings what the reader changed while reading, with counts and files (copied)
     * @throws DataException if {@code bytes} is negative or {@code sha256} is not 64 hex
     *                           digits
     */
    public Corpus(String text, String source, List<Path> files, long bytes, String sha256, List<String> warnings) {
        this.text = Objects.requireNonNull(text, "text");
        this.source = Objects.requireNonNull(source, "source");
        this.files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (bytes < 0) {
            throw new DataException(source + ": byte count must be >= 0, got " + bytes);
        }
        this.bytes = bytes;
        this.sha256 = Sha256.requireHex(sha256, source + ": sha256");
        this.warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /**
     * Wraps text that did not come from a file (a synthetic corpus, a test string). The byte
     * count and hash are those of the text's UTF-8 encoding.
     *
     * @param source a display name, e.g. {@code "synthetic(seed=42)"}
     * @param text   the text
     * @return a corpus with no files
     */
    public static Corpus ofText(String source, String text) {
        Objects.requireNonNull(text, "text");
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return new Corpus(text, source, List.of(), raw.length, Sha256.of(raw));
    }

    /**
     * Returns the decoded text: UTF-8 without byte-order marks, line ends normalised to
     * {@code \n}, several files joined with {@code \n}.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Returns a display name of the origin (the file or folder path as given to the reader).
     *
     * @return the source description
     */
    public String source() {
        return source;
    }

    /**
     * Returns the files read, in reading order.
     *
     * @return an unmodifiable list, empty for in-memory text
     */
    public List<Path> files() {
        return files;
    }

    /**
     * Returns the number of raw bytes read from all files.
     *
     * @return the byte count
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the SHA-256 of the raw bytes read, concatenated in reading order.
     *
     * @return 64 lowercase hex digits
     */
    public String sha256() {
        return sha256;
    }

    /**
     * Returns what the reader repaired while reading (for example carriage returns it removed),
     * one line each with the count and the file, for the run's warnings.
     *
     * @return an unmodifiable list, empty when the text was used as it was
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Returns a one-line summary: source, file count, bytes and characters.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "Corpus[" + source + ", " + files.size() + " file(s), " + bytes + " bytes, " + text.length() + " chars]";
    }
}
