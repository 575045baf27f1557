package dev.lstmforge.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * File helpers shared by the report classes: atomic writes whose files follow the umask, and
 * file-name slugs.
 */
final class ReportFiles {

    private static final int MAX_SLUG = 60;

    private ReportFiles() {}

    /**
     * Writes UTF-8 text to a temporary file beside {@code target}, then moves it over the target.
     */
    static void writeString(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = newTempFile(dir, ".report-");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates an empty, uniquely named temporary file in {@code dir}. Unlike
     * {@link Files#createTempFile}, which makes the file readable by its owner only, the new file
     * gets the default permissions, so the umask decides (with 022: {@code rw-r--r--}); the file
     * is later moved over the report file and keeps these permissions.
     */
    static Path newTempFile(Path dir, String prefix) throws IOException {
        return Files.createFile(dir.resolve(prefix + UUID.randomUUID() + ".tmp"));
    }

    /** Moves {@code tmp} over {@code target}, atomically where the file system allows. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Turns free text into a lower-case file name of letters, digits and single dashes, at most
     * 60 characters; {@code fallback} when nothing is left.
     */
    static String slug(String text, String fallback) {
        String s = (text == null ? "" : text)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s.isEmpty() ? fallback : s;
    }

    /** Returns {@code base}, or {@code base-2}, {@code base-3}, ... whichever is not yet used. */
    static String unique(String base, Set<String> used) {
        String candidate = base;
        for (int i = 2; !used.add(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }
}
