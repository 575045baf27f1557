package dev.lstmforge.support.media;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The file-system checks every media plugin makes before a decoder sees a file, with the one-line
 * messages the CLI prints ({@code <file>: <problem>}); and the sorted listing of a data folder.
 * Plain Java, usable without FFmpeg.
 *
 * <pre>{@code
 * String name = MediaFiles.requireNonEmptyFile(file, "video file");   // or a DataException
 * List<Path> classes = MediaFiles.visibleEntries(root);                 // sorted, no dot files
 * }</pre>
 */
public final class MediaFiles {

    private MediaFiles() {}

    /**
     * Checks that a file exists, is a regular file and is not empty.
     *
     * @param file the file
     * @param kind what the file should be, for the message ("audio file", "video file")
     * @return the file's name for messages
     * @throws DataException "{@code <file>: file not found}", "{@code is a directory, not a <kind>}",
     *     "{@code not a regular file}", "{@code empty file (0 bytes)}" or "{@code cannot read the file:
     *     <reason>}"
     */
    public static String requireNonEmptyFile(Path file, String kind) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found");
        } catch (IOException e) {
            throw new DataException(name + ": cannot read the file: " + reason(e), e);
        }
        if (attributes.isDirectory()) {
            throw new DataException(name + ": is a directory, not " + article(kind) + kind);
        }
        if (!attributes.isRegularFile()) {
            throw new DataException(name + ": not a regular file");
        }
        if (attributes.size() == 0) {
            throw new DataException(name + ": empty file (0 bytes)");
        }
        return name;
    }

    private static String article(String kind) {
        return kind.isEmpty() || "aeiou".indexOf(Character.toLowerCase(kind.charAt(0))) < 0 ? "a " : "an ";
    }

    /**
     * What went wrong reading a file, without the path that file-system messages repeat.
     *
     * @param e the error
     * @return "permission denied", the file system's reason, or the message on one line
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String m = String.valueOf(e.getMessage());
        int end = m.indexOf('\n');
        return end < 0 ? m.strip() : m.substring(0, end).strip();
    }

    /**
     * Lists a folder's entries that do not start with a dot, sorted by name.
     *
     * @param dir the folder
     * @return the entries
     * @throws DataException "{@code <dir>: cannot list the folder: ...}"
     */
    public static List<Path> visibleEntries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }
}
