package dev.lstmforge.plugins.audio.data;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.download.KnownFile;
import dev.lstmforge.support.download.Sha256;
import dev.lstmforge.support.download.VerifiedFetcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole Free Spoken Digit Dataset, all six speakers (3,000 WAV files, 21.1 MB), for users
 * who are online: every recording is fetched from the dataset's GitHub repository at one pinned
 * commit and checked against the SHA-256 and size listed in the plugin's manifest
 * ({@code fsdd-recordings.sha256}), so the files are exactly the ones the figures in the README
 * were measured on.
 *
 * <p>The shared data root carries four of the six speakers ({@code audio/fsdd}); the other two,
 * theo and yweweler, are voices a model trained there has never heard, and with all six a
 * leave-one-speaker-out run trains on five speakers instead of three.
 *
 * <pre>{@code
 * Path folder = FullFsdd.ensure(dataRoot, new VerifiedFetcher(), FullFsdd.SOURCE);
 * AudioCatalog catalog = AudioCatalog.scan(folder); // 6 speakers, 10 digits
 * }</pre>
 */
public final class FullFsdd {

    /** The name users give with {@code -P dataset=}. */
    public static final String NAME = "fsdd-full";

    /** Where the recordings are kept under the data root. */
    public static final String FOLDER = "audio/fsdd-full";

    /** The dataset's commit the manifest was made from. */
    public static final String COMMIT = "26eb9aaf76e81b692f806f9140c2d2777410d7a1";

    /** The folder of recordings at {@link #COMMIT}; a file's URI is this plus its name. */
    public static final URI SOURCE = URI.create(
            "https://raw.githubusercontent.com/Jakobovski/free-spoken-digit-dataset/" + COMMIT + "/recordings/");

    private static final String MANIFEST = "fsdd-recordings.sha256";

    /** Downloads at once; GitHub answers small files quickly, so a few in flight hide the latency. */
    private static final int PARALLEL_DOWNLOADS = 8;

    private FullFsdd() {}

    /**
     * Lists the 3,000 recordings from the manifest.
     *
     * @param source the folder the files are fetched from ({@link #SOURCE}, or a test server)
     * @return one {@link KnownFile} per recording, kept under {@link #FOLDER}, in the manifest's
     *     order (by speaker, digit and take)
     * @throws DataException if the manifest is missing or a line is malformed (a build defect)
     */
    public static List<KnownFile> files(URI source) {
        String base = source.toString().endsWith("/") ? source.toString() : source + "/";
        List<KnownFile> files = new ArrayList<>(3000);
        try (InputStream in = FullFsdd.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new DataException("the audio plugin's manifest " + MANIFEST + " is missing from its jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split(" ");
                if (f.length != 3 || !f[2].matches("[0-9]_[a-z]+_[0-9]+\\.wav")) {
                    throw new DataException(
                            MANIFEST + " line " + lineNo + ": expected 'sha256 bytes name.wav', got '" + line + "'");
                }
                files.add(new KnownFile(
                        "FSDD recording " + f[2],
                        FOLDER + "/" + f[2],
                        URI.create(base + f[2]),
                        Sha256.requireHex(f[0], MANIFEST + " line " + lineNo + ": sha256"),
                        Long.parseLong(f[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio plugin's manifest " + MANIFEST, e);
        }
        return files;
    }

    /**
     * Makes sure the data root holds every recording, downloading the missing ones.
     *
     * @param dataRoot the data root
     * @param fetcher  the downloader
     * @param source   where the recordings are fetched from, normally {@link #SOURCE}
     * @return the folder holding the 3,000 verified recordings ({@code dataRoot/}{@link #FOLDER})
     * @throws DataException if a file in the folder has other content (it is left untouched), or
     *     a download fails (the message says what to fetch by hand and where to put it)
     */
    public static Path ensure(Path dataRoot, VerifiedFetcher fetcher, URI source) {
        fetcher.fetchAll(files(source), dataRoot, PARALLEL_DOWNLOADS);
        return dataRoot.resolve(FOLDER);
    }

    /**
     * Counts the recordings not yet under the data root, so a caller can say what it is about to
     * fetch.
     *
     * @param dataRoot the data root
     * @return how many of the 3,000 files are missing
     */
    public static long missing(Path dataRoot) {
        return files(SOURCE).stream()
                .filter(f -> !Files.exists(f.path(dataRoot)))
                .count();
    }
}
