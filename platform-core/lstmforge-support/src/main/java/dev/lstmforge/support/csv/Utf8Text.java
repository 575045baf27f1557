package dev.lstmforge.support.csv;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Strict UTF-8 reading of whole text files, with errors a user can act on: a byte sequence that
 * is not UTF-8 is reported as {@code "FILE: not valid UTF-8 at byte N (line L)"} instead of being
 * replaced silently or surfacing as a Java exception name. A leading byte-order mark is removed.
 *
 * <pre>{@code
 * String text = Utf8Text.read(Path.of("corpus.txt"));
 * // bad input: "corpus.txt: not valid UTF-8 at byte 1042 (line 17)"
 * }</pre>
 */
public final class Utf8Text {

    private Utf8Text() {}

    /**
     * Reads a whole file as strict UTF-8; the file name is the source name in messages.
     *
     * @param file the file
     * @return its text, without a byte-order mark
     * @throws DataException if the file is missing, unreadable or not valid UTF-8
     */
    public static String read(Path file) {
        String name = sourceName(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new DataException(name + ": permission denied (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a directory, not a file" : "cannot be read: " + e.getMessage();
            throw new DataException(name + ": " + why + " (" + file.toAbsolutePath() + ")", e);
        }
        return decode(bytes, name);
    }

    /**
     * Reads a whole stream as strict UTF-8. The stream is not closed.
     *
     * @param in the bytes
     * @param source the name used in messages
     * @return the text, without a byte-order mark
     * @throws DataException if the stream fails or is not valid UTF-8
     */
    public static String read(InputStream in, String source) {
        try {
            return decode(in.readAllBytes(), source);
        } catch (IOException e) {
            throw new DataException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes bytes as strict UTF-8.
     *
     * @param bytes the bytes
     * @param source the name used in messages
     * @return the text, without a byte-order mark
     * @throws DataException naming the 1-based byte number and line of the first invalid byte
     */
    public static String decode(byte[] bytes, String source) {
        int start =
                bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            throw new DataException(source + ": not valid UTF-8 at byte " + (bad + 1) + " (line " + lineOf(bytes, bad)
                    + "); save the file as UTF-8");
        }
        out.flip();
        return out.toString();
    }

    /**
     * Returns the name a file has in messages: its file name without folders.
     *
     * @param file the file
     * @return the name
     */
    public static String sourceName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static long lineOf(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
