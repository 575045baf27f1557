package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.IoProblems;
import dev.lstmforge.support.download.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads a text corpus from a file or a folder.
 *
 * <p>Rules:
 * <ul>
 *   <li>A file is read whatever its name.</li>
 *   <li>A folder contributes every regular file under it, at any depth, whose name ends in
 *       {@code .txt} (ASCII case-insensitive). The files are read in the order of their paths
 *       relative to the folder (compared as {@code /}-separated strings, so the order is the same
 *       on every platform) and their texts are joined with a single {@code \n}. A folder without
 *       such files is an error. Symbolic links to folders are not followed.</li>
 *   <li>Bytes are decoded as strict UTF-8: a malformed or truncated sequence is an error naming
 *       the file, the byte offset, the line and the offending bytes.</li>
 *   <li>A leading UTF-8 byte-order mark is dropped from each file; {@code \r\n} and a lone
 *       {@code \r} both become {@code \n}, and {@link Corpus#warnings()} says how many carriage
 *       returns were removed from which file.</li>
 *   <li>An empty or whitespace-only corpus is an error.</li>
 * </ul>
 *
 * <p>{@link Corpus#bytes()} and {@link Corpus#sha256()} cover the raw bytes exactly as read.
 * Every problem is reported as a {@link DataException}.
 */
public final class CorpusReader {

    private static final String TXT = ".txt";
    private static final int CONTEXT_BYTES = 3;
    /** Largest file that fits one Java array (and one decoded char array). */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16L;

    private CorpusReader() {}

    /**
     * Reads a corpus from a single file or from all {@code .txt} files under a folder.
     *
     * @param fileOrFolder the file or folder to read
     * @return the corpus; its {@link Corpus#source()} is {@code fileOrFolder.toString()}
     * @throws DataException if the path does not exist, a folder holds no {@code .txt} files,
     *                           a file cannot be read or is not valid UTF-8, or the text is
     *                           empty or whitespace only
     */
    public static Corpus read(Path fileOrFolder) {
        Objects.requireNonNull(fileOrFolder, "fileOrFolder");
        String source = fileOrFolder.toString();
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            files = listTextFiles(fileOrFolder);
            if (files.isEmpty()) {
                throw new DataException(source + ": no .txt files found in this folder or " + "its sub-folders");
            }
        } else if (Files.isRegularFile(fileOrFolder)) {
            files = List.of(fileOrFolder);
        } else if (Files.exists(fileOrFolder, LinkOption.NOFOLLOW_LINKS) && !Files.exists(fileOrFolder)) {
            throw new DataException(source + ": broken symbolic link");
        } else if (Files.exists(fileOrFolder)) {
            throw new DataException(source + ": neither a regular file nor a folder");
        } else {
            throw new DataException(source + ": no such file or folder");
        }

        MessageDigest digest = Sha256.newDigest();
        StringBuilder text = new StringBuilder();
        List<String> warnings = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            byte[] raw;
            try {
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    throw new DataException(file + ": the file has " + size + " bytes; at most " + MAX_FILE_BYTES
                            + " bytes per file can be read");
                }
                raw = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DataException(file + ": cannot read the file (" + IoProblems.describe(e) + ")", e);
            }
            digest.update(raw);
            bytes += raw.length;
            if (i > 0) {
                text.append('\n');
            }
            String repaired = appendDecoded(file, raw, text);
            if (repaired != null) {
                warnings.add(repaired);
            }
        }
        if (text.length() == 0) {
            throw new DataException(source + ": the corpus is empty");
        }
        String result = text.toString();
        if (result.isBlank()) {
            throw new DataException(
                    source + ": the corpus contains only whitespace (" + result.length() + " characters)");
        }
        return new Corpus(result, source, files, bytes, Sha256.hex(digest.digest()), warnings);
    }

    /** The {@code .txt} files under a folder, sorted by {@code /}-joined relative path. */
    private static List<Path> listTextFiles(Path folder) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> p.getFileName() != null
                            && p.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith(TXT)
                            && Files.isRegularFile(p))
                    .forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new DataException(folder + ": cannot list the folder (" + IoProblems.describe(io) + ")", e);
        }
        found.sort(Comparator.comparing(p -> relativeKey(folder, p)));
        return found;
    }

    private static String relativeKey(Path folder, Path file) {
        Path rel = folder.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path part : rel) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(part);
        }
        return key.toString();
    }

    /**
     * Strictly decodes one file's bytes and appends them to {@code out}, dropping a leading BOM
     * and normalising line ends.
     *
     * @return the warning about carriage returns removed from this file, or null if it had none
     */
    private static String appendDecoded(Path file, byte[] raw, StringBuilder out) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        // UTF-8 never yields more UTF-16 units than bytes.
        CharBuffer chars = CharBuffer.allocate(raw.length);
        CoderResult result = decoder.decode(in, chars, true);
        if (!result.isError() && !result.isOverflow()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            throw malformed(file, raw, in.position(), result.length());
        }
        if (result.isOverflow()) {
            throw new IllegalStateException("UTF-8 decoding overflowed for " + file);
        }
        chars.flip();
        int start = chars.hasRemaining() && chars.get(0) == '\uFEFF' ? 1 : 0;
        int end = chars.limit();
        out.ensureCapacity(out.length() + end - start);
        char[] array = chars.array();
        int runStart = start;
        long inPairs = 0;
        long alone = 0;
        for (int i = start; i < end; i++) {
            if (array[i] == '\r') {
                out.append(array, runStart, i - runStart).append('\n');
                if (i + 1 < end && array[i + 1] == '\n') {
                    i++;
                    inPairs++;
                } else {
                    alone++;
                }
                runStart = i + 1;
            }
        }
        out.append(array, runStart, end - runStart);
        return carriageReturnWarning(file, inPairs, alone);
    }

    /**
     * Words the repair of one file's line ends: {@code \r\n} became {@code \n} and a lone
     * {@code \r} became {@code \n}.
     */
    private static String carriageReturnWarning(Path file, long inPairs, long alone) {
        long total = inPairs + alone;
        if (total == 0) {
            return null;
        }
        String m = String.format(
                Locale.ROOT, "removed %,d carriage return%s (\\r) from %s", total, total == 1 ? "" : "s", file);
        if (alone > 0) {
            m += String.format(Locale.ROOT, "; %,d of them stood alone and became line breaks", alone);
        }
        return m;
    }

    private static DataException malformed(Path file, byte[] raw, int offset, int length) {
        StringBuilder detail = new StringBuilder();
        detail.append(String.format(Locale.ROOT, "byte 0x%02X", raw[offset] & 0xFF));
        int contextEnd = Math.min(raw.length, offset + Math.max(length, 1) + CONTEXT_BYTES - 1);
        if (offset + 1 >= raw.length) {
            detail.append(" at the end of the file");
        } else {
            detail.append(" followed by");
            for (int i = offset + 1; i < contextEnd; i++) {
                detail.append(String.format(Locale.ROOT, " 0x%02X", raw[i] & 0xFF));
            }
        }
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (raw[i] == '\n') {
                line++;
            }
        }
        return new DataException(file + ": not valid UTF-8 at byte " + offset + " (line " + line + "): " + detail
                + "; save the file as UTF-8");
    }
}
