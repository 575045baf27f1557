package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;

/**
 * Downloads {@link KnownCorpus known corpora} into a data root, verifying every byte.
 *
 * <p>{@link #fetch} never touches the network when the file is already in place with the
 * expected SHA-256, never overwrites a file that is there with other content, and never leaves a
 * partial or unverified file behind: the download goes to a hidden temporary file in the target
 * folder, is checked against the expected size and SHA-256, and only then is moved into place
 * (atomically where the file system allows it).
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class CorpusFetcher {

    /** Connect timeout of the client made by {@link #CorpusFetcher()}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Time allowed for the server to start answering a request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private static final int BUFFER_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;

    /**
     * Creates a fetcher with its own HTTP client: {@link #DEFAULT_CONNECT_TIMEOUT}, redirects
     * followed except from https to http.
     */
    public CorpusFetcher() {
        this(HttpClient.newBuilder()
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    /**
     * Creates a fetcher that uses the given client and {@link #DEFAULT_REQUEST_TIMEOUT}.
     *
     * @param client the HTTP client; its connect timeout and redirect policy apply
     */
    public CorpusFetcher(HttpClient client) {
        this(client, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Creates a fetcher that uses the given client and request timeout.
     *
     * @param client         the HTTP client; its connect timeout and redirect policy apply
     * @param requestTimeout how long to wait for the response headers; must be positive
     */
    public CorpusFetcher(HttpClient client, Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new DataException("requestTimeout must be positive, got " + requestTimeout);
        }
    }

    /**
     * Makes sure {@code dataRoot/corpus.fileName()} holds the corpus and returns its path.
     *
     * <ul>
     *   <li>If the file exists and its SHA-256 matches, it is returned without network
     *       access.</li>
     *   <li>If it exists with other content, nothing is changed and an error names the file and
     *       both hashes.</li>
     *   <li>Otherwise the corpus is downloaded (missing folders are created), verified and moved
     *       into place.</li>
     * </ul>
     *
     * @param corpus   the corpus to fetch
     * @param dataRoot the data root folder
     * @return the verified file, {@code corpus.path(dataRoot)}
     * @throws DataException if an existing file does not match, the server answers with a
     *                           status other than 200, the download does not match the expected
     *                           size or hash, the server cannot be reached (the message then says
     *                           where to put a hand-downloaded copy), the download is interrupted
     *                           or local files cannot be read or written
     */
    public Path fetch(KnownCorpus corpus, Path dataRoot) {
        Objects.requireNonNull(corpus, "corpus");
        Path target = corpus.path(dataRoot);
        if (Files.exists(target)) {
            verifyExisting(corpus, target);
            return target;
        }
        return download(corpus, target);
    }

    private static void verifyExisting(KnownCorpus corpus, Path target) {
        if (!Files.isRegularFile(target)) {
            throw new DataException(
                    target + ": exists but is not a regular file; expected " + "corpus " + corpus.name() + " there");
        }
        String actual;
        long size;
        try {
            size = Files.size(target);
            actual = Hashing.sha256Hex(target);
        } catch (IOException e) {
            throw new DataException(target + ": cannot read the file to verify it (" + IoProblems.describe(e) + ")", e);
        }
        if (!actual.equals(corpus.sha256())) {
            throw new DataException(target + ": exists but does not match corpus "
                    + corpus.name() + ": expected SHA-256 " + corpus.sha256() + " ("
                    + corpus.bytes() + " bytes), found " + actual + " (" + size + " bytes). The "
                    + "file was left untouched; move it away to download a fresh copy, or use "
                    + "another data root");
        }
    }

    private Path download(KnownCorpus corpus, Path target) {
        Path folder = target.toAbsolutePath().getParent();
        Path temp;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new DataException(
                    folder + ": cannot create a file in this folder to " + "download corpus " + corpus.name() + " ("
                            + IoProblems.describe(e) + ")",
                    e);
        }
        try {
            Download result = transfer(corpus, target, temp);
            if (!result.sha256.equals(corpus.sha256()) || result.bytes != corpus.bytes()) {
                throw new DataException(corpus.uri() + ": the download does not match corpus "
                        + corpus.name() + ": expected SHA-256 " + corpus.sha256() + " ("
                        + corpus.bytes() + " bytes), got " + result.sha256 + " ("
                        + result.bytes + " bytes); nothing was saved");
            }
            makeReadable(temp);
            moveIntoPlace(corpus, temp, target);
            return target;
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: the temp file is hidden and named *.part.
            }
        }
    }

    /** The size and hash of what was written to the temp file. */
    private record Download(long bytes, String sha256) {}

    private Download transfer(KnownCorpus corpus, Path target, Path temp) {
        URI uri = corpus.uri();
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw offline(corpus, target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download of corpus " + corpus.name() + " from " + uri + " was interrupted", e);
        }
        MessageDigest digest = Hashing.newSha256();
        long count = 0;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DataException("could not download corpus " + corpus.name()
                        + " from " + uri + ": HTTP status " + response.statusCode()
                        + " (expected 200). " + byHand(corpus, target));
            }
            byte[] buffer = new byte[BUFFER_BYTES];
            try (OutputStream out = Files.newOutputStream(temp)) {
                while (true) {
                    int n;
                    try {
                        n = body.read(buffer);
                    } catch (IOException e) {
                        throw offline(corpus, target, e);
                    }
                    if (n < 0) {
                        break;
                    }
                    count += n;
                    if (count > corpus.bytes()) {
                        throw new DataException(uri + ": the download is larger than the "
                                + corpus.bytes() + " bytes expected for corpus " + corpus.name()
                                + " (SHA-256 " + corpus.sha256() + "); nothing was saved");
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new DataException(
                    temp + ": cannot write the download of corpus " + corpus.name() + " (" + IoProblems.describe(e)
                            + ")",
                    e);
        }
        return new Download(count, Hashing.hex(digest.digest()));
    }

    private static void makeReadable(Path temp) {
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Non-POSIX file systems keep their default permissions.
        }
    }

    private static void moveIntoPlace(KnownCorpus corpus, Path temp, Path target) {
        try {
            if (Files.exists(target)) {
                // Someone else put the file there while we were downloading.
                verifyExisting(corpus, target);
                return;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (IOException e) {
            throw new DataException(
                    target + ": cannot move the verified download of corpus " + corpus.name() + " into place ("
                            + IoProblems.describe(e) + ")",
                    e);
        }
    }

    private static DataException offline(KnownCorpus corpus, Path target, IOException e) {
        return new DataException(
                "could not download corpus " + corpus.name() + " from "
                        + corpus.uri() + ": the machine seems to be offline or the server cannot be "
                        + "reached (" + IoProblems.describe(e) + "). " + byHand(corpus, target),
                e);
    }

    private static String byHand(KnownCorpus corpus, Path target) {
        return "Download " + corpus.uri() + " by hand and save it as " + target.toAbsolutePath() + " (" + corpus.bytes()
                + " bytes, SHA-256 " + corpus.sha256() + ")";
    }
}
