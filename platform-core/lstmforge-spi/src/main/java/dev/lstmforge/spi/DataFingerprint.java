package dev.lstmforge.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies the data a model was trained on, for provenance: where it came from, its SHA-256
 * and how many rows (or samples) were read.
 *
 * <pre>{@code
 * DataFingerprint fp = DataFingerprint.ofFile(csv, series.size());
 * }</pre>
 *
 * @param source a path, resource name or generator description
 * @param sha256 hex SHA-256 of the bytes read
 * @param rows number of rows or samples read
 */
public record DataFingerprint(String source, String sha256, long rows) {

    /**
     * Hashes a file.
     *
     * @param file the file
     * @param rows the number of rows read from it
     * @return the fingerprint
     */
    public static DataFingerprint ofFile(Path file, long rows) {
        try (InputStream in = Files.newInputStream(file)) {
            return new DataFingerprint(file.toString(), sha256(in), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + file, e);
        }
    }

    /**
     * Hashes bytes already in memory, such as a bundled resource.
     *
     * @param source the name to record
     * @param bytes the data
     * @param rows the number of rows read
     * @return the fingerprint
     */
    public static DataFingerprint ofBytes(String source, byte[] bytes, long rows) {
        return new DataFingerprint(source, HexFormat.of().formatHex(digest().digest(bytes)), rows);
    }

    /**
     * Hashes a stream to its end.
     *
     * @param in the stream, not closed
     * @return the hex SHA-256
     * @throws IOException if reading fails
     */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
