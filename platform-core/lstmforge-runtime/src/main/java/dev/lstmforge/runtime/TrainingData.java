package dev.lstmforge.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The data a model was trained on, as its provenance records it, and which data an evaluation
 * without {@code --data} therefore uses.
 *
 * <p>Provenance's {@code "data"} holds the plugin's fingerprint ({@code source}, {@code sha256},
 * {@code rows}), {@code given} ({@code path} or {@code default}) and, when the data was given as
 * a path ({@code --data}), the absolute {@code path} and the host's {@code pathSha256} of it: a
 * file's SHA-256, or for a folder the SHA-256 of every file's relative path and SHA-256 in sorted
 * order. Plugins describe their sources freely (a path, a bundled resource, a corpus name,
 * generated data), so only the host's own record says for certain that a path was read.
 *
 * <pre>{@code
 * TrainingData recorded = TrainingData.read(provenance);
 * TrainingData.Choice c = recorded.choose(null, "models/stock-forecast/v3");
 * // c.path() is the recorded file, checked unchanged; c.origin() says so for the report
 * }</pre>
 *
 * @param source the plugin's description of the data
 * @param sha256 the plugin's SHA-256 of what it read
 * @param rows rows or samples read
 * @param path the absolute path given at training, or null (the project's default data)
 * @param pathSha256 the host's SHA-256 of {@code path}, or null
 * @param given {@code "path"} or {@code "default"}; null in provenance written before it was
 *     recorded
 * @param seed the training run's seed, or null when not recorded
 */
record TrainingData(String source, String sha256, long rows, Path path, String pathSha256, String given, Long seed) {

    /**
     * Which data an evaluation uses, and why.
     *
     * @param path the data path to prepare from, or null for the project's default
     * @param origin one line for the report saying where the data came from
     * @param isDefault whether the project's default data is used
     */
    record Choice(Path path, String origin, boolean isDefault) {}

    /**
     * Builds the provenance's {@code "data"} object of a training run.
     *
     * @param fp the plugin's fingerprint
     * @param given the data path given, or null
     * @return the object, in a stable key order
     */
    static Map<String, Object> record(DataFingerprint fp, Path given) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", fp.source());
        m.put("sha256", fp.sha256());
        m.put("rows", fp.rows());
        m.put("given", given != null ? "path" : "default");
        if (given != null) {
            Path abs = given.toAbsolutePath().normalize();
            m.put("path", abs.toString());
            m.put("pathSha256", hash(abs));
        }
        return m;
    }

    /**
     * Reads what a provenance recorded; fields it lacks are null (or 0 rows).
     *
     * @param provenance the provenance object
     * @return the recorded data
     */
    static TrainingData read(JsonObject provenance) {
        JsonObject d = provenance.has("data") && provenance.get("data").isJsonObject()
                ? provenance.getAsJsonObject("data")
                : new JsonObject();
        String path = text(d, "path");
        JsonElement seed = provenance.get("seed");
        JsonElement rows = d.get("rows");
        return new TrainingData(
                text(d, "source"),
                text(d, "sha256"),
                rows != null
                                && rows.isJsonPrimitive()
                                && rows.getAsJsonPrimitive().isNumber()
                        ? rows.getAsLong()
                        : 0,
                path == null ? null : Path.of(path),
                text(d, "pathSha256"),
                text(d, "given"),
                seed != null
                                && seed.isJsonPrimitive()
                                && seed.getAsJsonPrimitive().isNumber()
                        ? seed.getAsLong()
                        : null);
    }

    /**
     * Chooses the data of an evaluation: {@code given} when there is one; otherwise the path the
     * model was trained on, if it still exists unchanged; otherwise, when training used the
     * project's default data, that default again.
     *
     * @param given the data the caller gave, or null
     * @param model how messages name the model
     * @return the choice
     * @throws LstmForgeException if the recorded path is missing or changed
     */
    Choice choose(Path given, String model) {
        if (given != null) {
            if (!Files.exists(given)) {
                throw new LstmForgeException("data file not found: " + given);
            }
            return new Choice(given, "given with --data", false);
        }
        if (path != null) {
            if (!Files.exists(path)) {
                throw new LstmForgeException(model + " was trained on " + path + ", which no longer exists; "
                        + "evaluate on other data with --data PATH");
            }
            String now = hash(path);
            if (pathSha256 != null && !pathSha256.equalsIgnoreCase(now)) {
                throw new LstmForgeException(model + " was trained on " + path + ", which has changed since (sha256 "
                        + shortHash(pathSha256) + " then, " + shortHash(now) + " now); evaluate on it anyway, or on "
                        + "other data, with --data PATH");
            }
            return new Choice(
                    path,
                    "the data the model was trained on (" + path + ", unchanged since training, "
                            + "as recorded in its provenance)",
                    false);
        }
        Path legacy = given == null ? legacyPath() : null;
        if (legacy != null) {
            return new Choice(
                    legacy,
                    "the data the model was trained on (" + legacy + ", found by the source and "
                            + "sha256 its provenance recorded)",
                    false);
        }
        return new Choice(null, "the project's default data, as at training (no data path was given then)", true);
    }

    /**
     * For provenance written before paths were recorded: the recorded source when it names a
     * file whose SHA-256 is the recorded one.
     */
    private Path legacyPath() {
        if (source == null || sha256 == null) {
            return null;
        }
        try {
            Path p = Path.of(source);
            return Files.isRegularFile(p) && fileHash(p).equalsIgnoreCase(sha256) ? p : null;
        } catch (java.nio.file.InvalidPathException | IOException e) {
            return null;
        }
    }

    /**
     * Compares the fingerprint of data prepared with the project's default to the recorded one.
     *
     * @param now the new fingerprint
     * @return a warning when they differ, or null when they match or nothing was recorded
     */
    String differenceFrom(DataFingerprint now) {
        if (sha256 == null || sha256.equalsIgnoreCase(now.sha256())) {
            return null;
        }
        return "the model was trained on " + source + " (" + rows + " rows, sha256 " + shortHash(sha256)
                + "), but the project's default data is now " + now.source() + " (" + now.rows() + " rows, sha256 "
                + shortHash(now.sha256()) + "); evaluate on the training data with --data PATH";
    }

    /**
     * Describes the recorded data for the report.
     *
     * @return for example {@code "/data/MSFT.csv (2,515 rows, sha256 0123456789ab...)"}
     */
    String describe() {
        if (source == null && path == null) {
            return "not recorded in the model's provenance";
        }
        return (path != null ? path.toString() : source) + " (" + rows + " rows, sha256 " + shortHash(sha256) + ")";
    }

    /**
     * Shortens a hash for messages.
     *
     * @param sha the hex hash, or null
     * @return its first 12 digits and an ellipsis, or {@code "unknown"}
     */
    static String shortHash(String sha) {
        if (sha == null) {
            return "unknown";
        }
        return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }

    /**
     * Hashes a file, or a folder as its sorted relative paths and their files' SHA-256.
     *
     * @param fileOrFolder the data
     * @return the hex SHA-256
     * @throws LstmForgeException if it cannot be read
     */
    static String hash(Path fileOrFolder) {
        try {
            if (!Files.isDirectory(fileOrFolder)) {
                return fileHash(fileOrFolder);
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(fileOrFolder)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                String rel = fileOrFolder.relativize(f).toString().replace('\\', '/');
                md.update((rel + "\0" + fileHash(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new LstmForgeException("cannot read " + fileOrFolder + ": " + Messages.describe(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String fileHash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DataFingerprint.sha256(in);
        }
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
