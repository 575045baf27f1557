package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.DataException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A public corpus that can be downloaded and verified: where it lives on the web, where it is
 * kept under the data root, and the size and SHA-256 of the exact bytes expected.
 *
 * @param name     a short identifier such as {@code tiny-shakespeare}
 * @param fileName the file's path relative to the data root, with {@code /} separators, e.g.
 *                 {@code text/tinyshakespeare.txt}
 * @param uri      the {@code http} or {@code https} download address
 * @param sha256   the expected SHA-256, 64 lowercase hex digits
 * @param bytes    the expected size in bytes
 */
public record KnownCorpus(String name, String fileName, URI uri, String sha256, long bytes) {

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
    public KnownCorpus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(uri, "uri");
        if (name.isBlank()) {
            throw new DataException("known corpus: name must not be blank");
        }
        if (fileName.isBlank()
                || fileName.startsWith("/")
                || fileName.contains("\\")
                || fileName.matches("^[A-Za-z]:.*")) {
            throw new DataException("known corpus " + name + ": fileName must be a relative "
                    + "path with '/' separators, got '" + fileName + "'");
        }
        for (String part : fileName.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new DataException("known corpus " + name + ": fileName must not "
                        + "contain empty, '.' or '..' parts, got '" + fileName + "'");
            }
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new DataException(
                    "known corpus " + name + ": uri must be an absolute http " + "or https address, got '" + uri + "'");
        }
        Hashing.requireSha256Hex(sha256, "known corpus " + name + ": sha256");
        if (bytes < 0) {
            throw new DataException("known corpus " + name + ": bytes must be >= 0, got " + bytes);
        }
    }

    /**
     * Resolves where this corpus is kept under a data root.
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
