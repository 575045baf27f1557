package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers shared by the reader, the fetcher and the corpus catalogue. */
final class Hashing {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Hashing() {}

    /** A fresh SHA-256 digest; every JDK must provide the algorithm. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static String sha256Hex(byte[] data) {
        return hex(newSha256().digest(data));
    }

    /** Hashes a file by streaming it; I/O failures are reported as-is to the caller. */
    static String sha256Hex(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        }
        return hex(md.digest());
    }

    /** Checks for 64 lowercase hex digits; {@code what} names the field in the error. */
    static String requireSha256Hex(String value, String what) {
        if (value == null || !SHA256_HEX.matcher(value).matches()) {
            throw new DataException(what + " must be 64 lowercase hex digits, got '" + value + "'");
        }
        return value;
    }
}
