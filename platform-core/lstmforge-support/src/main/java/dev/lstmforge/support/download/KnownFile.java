package dev.lstmforge.support.download;

import dev.lstmforge.support.DataException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A public file that can be downloaded and verified: where it lives on the web, where it is kept
 * under the data root, and the size and SHA-256 of the exact bytes expected.
 *
 * <pre>{@code
 * KnownFile play = new KnownFile("tiny-shakespeare", "text/tinyshakespeare.txt",
 *         URI.create("https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"),
 *         "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed", 1_115_394L);
 * Path file = new VerifiedFetcher().fetch(play, dataRoot);
 * }</pre>
 *
 * @param name     a short identifier used in messages, such as {@code tiny-shakespeare} or
 *                 {@code fsdd 0_theo_0.wav}
 * @param fileName the file's path relative to the data root, with {@code /} separators, e.g.
 *                 {@code text/tinyshakespeare.txt}
 * @param uri      the {@code http} or {@code https} download address
 * @param sha256   the expected SHA-256, 64 lowercase hex digits
 * @param bytes    the expected size in bytes
 */
public record KnownFile(String name, String fileName, URI uri, String sha256, long bytes) {

    /**
     * Validates the fields.
     *
     * @param name     a short identifier, not blank
     * @param fileName the path relative to the data root, with {@code /} separators
     * @param uri      the http(s) download address
     * @param sha256   the expected SHA-256, 64 lowercase hex digits
     * @param bytes    the expected size in bytes, {@code >= 0}
     * @throws DataException if the name is blank, the file name is absolute, empty or climbs
     *                           out of the data root with {@code ..}, the URI is not http(s),
     *                           the hash is not 64 lowercase hex digits or the size is negative
     */
    public KnownFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(uri, "uri");
        if (name.isBlank()) {
            throw new DataException("known file: name must not be blank");
        }
        if (fileName.isBlank()
                || fileName.startsWith("/")
                || fileName.contains("\\")
                || fileName.matches("^[A-Za-z]:.*")) {
            throw new DataException("known file " + name + ": fileName must be a relative "
                    + "path with '/' separators, got '" + fileName + "'");
        }
        for (String part : fileName.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new DataException("known file " + name + ": fileName must not "
                        + "contain empty, '.' or '..' parts, got '" + fileName + "'");
            }
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new DataException(
                    "known file " + name + ": uri must be an absolute http " + "or https address, got '" + uri + "'");
        }
        Sha256.requireHex(sha256, "known file " + name + ": sha256");
        if (bytes < 0) {
            throw new DataException("known file " + name + ": bytes must be >= 0, got " + bytes);
        }
    }

    /**
     * Resolves where this file is kept under a data root.
     *
     * @param dataRoot the data root folder
     * @return {@code dataRoot/fileName}
     */
    public Path path(Path dataRoot) {
        Path resolved = Objects.requireNonNull(dataRoot, "dataRoot");
        for (String part : fileName.split("/")) {
            resolved = resolved.resolve(part);
        }
        return resolved;
    }
}
