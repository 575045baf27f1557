package dev.lstmforge.support.download;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 helpers: fingerprints of downloads, corpora and data files, always written as 64
 * lowercase hex digits.
 *
 * <pre>{@code
 * String expected = Sha256.requireHex(manifestField, "fsdd.sha256 line 3: sha256");
 * boolean same = expected.equals(Sha256.of(Path.of("0_george_0.wav")));
 * }</pre>
 */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    /**
     * Returns a fresh digest; every JDK must provide the algorithm.
     *
     * @return a new SHA-256 {@link MessageDigest}
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /**
     * Writes a digest as lowercase hex.
     *
     * @param digest the digest bytes
     * @return the hex string
     */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * Hashes bytes.
     *
     * @param data the bytes
     * @return their SHA-256 as 64 lowercase hex digits
     */
    public static String of(byte[] data) {
        return hex(newDigest().digest(data));
    }

    /**
     * Hashes a file by streaming it.
     *
     * @param file the file
     * @return its SHA-256 as 64 lowercase hex digits
     * @throws IOException if the file cannot be read; reported as-is to the caller
     */
    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return hex(md.digest());
    }

    /**
     * Checks that a value is 64 lowercase hex digits.
     *
     * @param value the value
     * @param what  names the field in the error, e.g. {@code "known file tiny-shakespeare: sha256"}
     * @return the value
     * @throws DataException if it is not
     */
    public static String requireHex(String value, String what) {
        if (value == null || !HEX.matcher(value).matches()) {
            throw new DataException(what + " must be 64 lowercase hex digits, got '" + value + "'");
        }
        return value;
    }
}
