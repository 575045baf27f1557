package dev.lstmforge.support.download;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.IoProblems;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Downloads {@link KnownFile known files} into a data root, verifying every byte.
 *
 * <p>{@link #fetch} never touches the network when the file is already in place with the
 * expected SHA-256, never overwrites a file that is there with other content, and never leaves a
 * partial or unverified file behind: the download goes to a hidden temporary file in the target
 * folder, is checked against the expected size and SHA-256, and only then is moved into place
 * (atomically where the file system allows it).
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class VerifiedFetcher {

    /** Connect timeout of the client made by {@link #VerifiedFetcher()}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Time allowed for the server to start answering a request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private static final int BUFFER_BYTES = 64 * 1024;

    /** How long {@link #fetchAll} waits for downloads in flight when another one has failed. */
    private static final Duration STRAGGLER_WAIT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final Duration requestTimeout;

    /**
     * Creates a fetcher with its own HTTP client: {@link #DEFAULT_CONNECT_TIMEOUT}, redirects
     * followed except from https to http.
     */
    public VerifiedFetcher() {
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
    public VerifiedFetcher(HttpClient client) {
        this(client, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Creates a fetcher that uses the given client and request timeout.
     *
     * @param client         the HTTP client; its connect timeout and redirect policy apply
     * @param requestTimeout how long to wait for the response headers; must be positive
     */
    public VerifiedFetcher(HttpClient client, Duration requestTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new DataException("requestTimeout must be positive, got " + requestTimeout);
        }
    }

    /**
     * Says where downloads go: the user's data root, else {@code ~/.lstmforge/data}, so that a file
     * fetched once is found again by the next run.
     *
     * @param dataRoot the data root the user gave, if any
     * @return the folder to fetch into
     */
    public static Path downloadRoot(Optional<Path> dataRoot) {
        return dataRoot.orElseGet(() -> Path.of(System.getProperty("user.home"), ".lstmforge", "data"));
    }

    /**
     * Makes sure {@code dataRoot/known.fileName()} holds the file and returns its path.
     *
     * <ul>
     *   <li>If the file exists and its SHA-256 matches, it is returned without network
     *       access.</li>
     *   <li>If it exists with other content, nothing is changed and an error names the file and
     *       both hashes.</li>
     *   <li>Otherwise the file is downloaded (missing folders are created), verified and moved
     *       into place.</li>
     * </ul>
     *
     * @param known    the file to fetch
     * @param dataRoot the data root folder
     * @return the verified file, {@code known.path(dataRoot)}
     * @throws DataException if an existing file does not match, the server answers with a
     *                           status other than 200, the download does not match the expected
     *                           size or hash, the server cannot be reached (the message then says
     *                           where to put a hand-downloaded copy), the download is interrupted
     *                           or local files cannot be read or written
     */
    public Path fetch(KnownFile known, Path dataRoot) {
        Objects.requireNonNull(known, "known");
        Path target = known.path(dataRoot);
        if (Files.exists(target)) {
            verifyExisting(known, target);
            return target;
        }
        return download(known, target);
    }

    /**
     * Makes sure every file of a set is under the data root, downloading the missing ones with up
     * to {@code parallelism} requests at a time.
     *
     * <p>Files already in place are verified first, so a file with other content stops the call
     * before any network access. If a download fails, the files already verified stay (each was
     * checked before it was moved into place), the requests not yet started are cancelled and the
     * first failure is thrown; calling again fetches only what is still missing.
     *
     * <pre>{@code
     * List<KnownFile> recordings = ...; // e.g. read from a manifest of names, sizes and hashes
     * int fetched = new VerifiedFetcher().fetchAll(recordings, dataRoot, 8);
     * }</pre>
     *
     * @param files       the files; their {@link KnownFile#fileName() file names} must differ
     * @param dataRoot    the data root folder
     * @param parallelism how many downloads may run at once, at least 1
     * @return how many files were downloaded (0 when all were in place)
     * @throws DataException as {@link #fetch}, for the first file that fails
     */
    public int fetchAll(List<KnownFile> files, Path dataRoot, int parallelism) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(dataRoot, "dataRoot");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        List<KnownFile> missing = new ArrayList<>();
        for (KnownFile known : files) {
            Path target = known.path(dataRoot);
            if (Files.exists(target)) {
                verifyExisting(known, target);
            } else {
                missing.add(known);
            }
        }
        if (missing.isEmpty()) {
            return 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, missing.size()), r -> {
            Thread t = new Thread(r, "lstmforge-download");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> pending = new ArrayList<>(missing.size());
            for (KnownFile known : missing) {
                pending.add(pool.submit(() -> fetch(known, dataRoot)));
            }
            for (Future<Path> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new DataException("download failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DataException("downloads into " + dataRoot + " were interrupted", e);
                }
            }
            return missing.size();
        } finally {
            pool.shutdownNow();
            awaitStragglers(pool);
        }
    }

    /** Lets downloads already under way finish or fail, so none writes after the call returns. */
    private static void awaitStragglers(ExecutorService pool) {
        try {
            pool.awaitTermination(STRAGGLER_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void verifyExisting(KnownFile known, Path target) {
        if (!Files.isRegularFile(target)) {
            throw new DataException(target + ": exists but is not a regular file; expected " + known.name() + " there");
        }
        String actual;
        long size;
        try {
            size = Files.size(target);
            actual = Sha256.of(target);
        } catch (IOException e) {
            throw new DataException(target + ": cannot read the file to verify it (" + IoProblems.describe(e) + ")", e);
        }
        if (!actual.equals(known.sha256())) {
            throw new DataException(target + ": exists but does not match "
                    + known.name() + ": expected SHA-256 " + known.sha256() + " ("
                    + known.bytes() + " bytes), found " + actual + " (" + size + " bytes). The "
                    + "file was left untouched; move it away to download a fresh copy, or use "
                    + "another data root");
        }
    }

    private Path download(KnownFile known, Path target) {
        Path folder = target.toAbsolutePath().getParent();
        Path temp;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new DataException(
                    folder + ": cannot create a file in this folder to " + "download " + known.name() + " ("
                            + IoProblems.describe(e) + ")",
                    e);
        }
        try {
            Download result = transfer(known, target, temp);
            if (!result.sha256.equals(known.sha256()) || result.bytes != known.bytes()) {
                throw new DataException(known.uri() + ": the download does not match "
                        + known.name() + ": expected SHA-256 " + known.sha256() + " ("
                        + known.bytes() + " bytes), got " + result.sha256 + " ("
                        + result.bytes + " bytes); nothing was saved");
            }
            makeReadable(temp);
            moveIntoPlace(known, temp, target);
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

    private Download transfer(KnownFile known, Path target, Path temp) {
        URI uri = known.uri();
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw offline(known, target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download of " + known.name() + " from " + uri + " was interrupted", e);
        }
        MessageDigest digest = Sha256.newDigest();
        long count = 0;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DataException("could not download " + known.name()
                        + " from " + uri + ": HTTP status " + response.statusCode()
                        + " (expected 200). " + byHand(known, target));
            }
            byte[] buffer = new byte[BUFFER_BYTES];
            try (OutputStream out = Files.newOutputStream(temp)) {
                while (true) {
                    int n;
                    try {
                        n = body.read(buffer);
                    } catch (IOException e) {
                        throw offline(known, target, e);
                    }
                    if (n < 0) {
                        break;
                    }
                    count += n;
                    if (count > known.bytes()) {
                        throw new DataException(uri + ": the download is larger than the "
                                + known.bytes() + " bytes expected for " + known.name()
                                + " (SHA-256 " + known.sha256() + "); nothing was saved");
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new DataException(
                    temp + ": cannot write the download of " + known.name() + " (" + IoProblems.describe(e) + ")", e);
        }
        return new Download(count, Sha256.hex(digest.digest()));
    }

    private static void makeReadable(Path temp) {
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Non-POSIX file systems keep their default permissions.
        }
    }

    private static void moveIntoPlace(KnownFile known, Path temp, Path target) {
        try {
            if (Files.exists(target)) {
                // Someone else put the file there while we were downloading.
                verifyExisting(known, target);
                return;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (IOException e) {
            throw new DataException(
                    target + ": cannot move the verified download of " + known.name() + " into place ("
                            + IoProblems.describe(e) + ")",
                    e);
        }
    }

    private static DataException offline(KnownFile known, Path target, IOException e) {
        return new DataException(
                "could not download " + known.name() + " from "
                        + known.uri() + ": the machine seems to be offline or the server cannot be "
                        + "reached (" + IoProblems.describe(e) + "). " + byHand(known, target),
                e);
    }

    private static String byHand(KnownFile known, Path target) {
        return "Download " + known.uri() + " by hand and save it as " + target.toAbsolutePath() + " (" + known.bytes()
                + " bytes, SHA-256 " + known.sha256() + ")";
    }
}
