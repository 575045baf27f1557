package dev.lstmforge.plugins.video.cache;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An on-disk cache of per-clip frame features computed by a frozen backbone, so that later epochs
 * and later runs skip decoding and the CNN.
 *
 * <p><b>Keys.</b> An entry is found by a {@link Key}: the SHA-256 of the clip file's bytes and a
 * settings string that must name everything else the features depend on (sampler and its
 * settings, frame size, backbone and a hash of its weights; {@link #settings(Map)} builds one in a
 * fixed order). Any change to any part gives a different entry, so a stale entry is never read;
 * it merely stays on disk until the folder is cleared.
 *
 * <p><b>Crash safety.</b> An entry is written to a temporary file in the cache folder, flushed to
 * disk, then renamed over the entry's name in one atomic step; readers see the old entry, no entry
 * or the whole new one. Each entry also carries a header (magic, format version, the key itself,
 * the shape) and a CRC-32C of everything before it, and its length must match the shape exactly.
 * An entry that fails any check (a torn write, a truncated or damaged file, an older format) is
 * counted, deleted and reported as a miss, never as an error; the caller computes the features
 * again and the next {@link #put} replaces it. Temporary files left by a crash are never read,
 * and those older than an hour are removed when a cache is opened.
 *
 * <p><b>Concurrency.</b> Entries are immutable once renamed into place, so any number of threads
 * or processes may read at once. Two writers of one key both write whole entries; the last rename
 * wins. Instances are thread-safe; the counters are this instance's own.
 *
 * <pre>{@code
 * FeatureCache cache = new FeatureCache(Path.of("work/feature-cache"));
 * String settings = FeatureCache.settings(Map.of(
 *         "sampler", "uniform n=16", "size", "224x224", "backbone", "resnet18", "weights", weightsSha));
 * FeatureCache.Key key = cache.key(clipFile, settings);
 * FeatureCache.Features f = cache.computeIfAbsent(key, () -> backbone.features(decode(clipFile)));
 * cache.stats().describe();   // "feature cache work/feature-cache: 90 hits, 10 misses (90% hits), ..."
 * }</pre>
 */
public final class FeatureCache {

    /** The file-name ending of entries. */
    public static final String ENTRY_SUFFIX = ".feat";

    /** The file-name ending of entries being written. */
    public static final String TEMP_SUFFIX = ".tmp";

    /** Temporary files older than this are removed when a cache is opened. */
    public static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    /** The first four bytes of an entry: {@code "LFFC"}. */
    static final int MAGIC = 0x4C464643;

    /** The entry format version; entries of another version are misses. */
    static final int VERSION = 1;

    /** Bytes before the key: magic, version, key length. */
    private static final int PREFIX = 12;

    /** Bytes after the key and before the values: frames, dim. */
    private static final int SHAPE = 8;

    /** Bytes after the values: the CRC-32C. */
    private static final int TRAILER = 8;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();

    /**
     * Opens (and creates when needed) a cache in a folder, removing temporary files older than
     * {@link #STALE_TEMP_AGE}.
     *
     * @param directory the cache folder, given by the caller; created with its parents if absent
     * @throws DataException if the path is a file or the folder cannot be created
     */
    public FeatureCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new DataException(directory + ": the feature cache must be a folder, but this is a file");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DataException(directory + ": cannot create the feature cache folder: " + reason(e), e);
        }
        removeTemporaryFiles(STALE_TEMP_AGE);
    }

    /**
     * What an entry is found by.
     *
     * @param clipSha256 the SHA-256 of the clip file, 64 lower-case hex digits (see
     *     {@link FeatureCache#sha256(Path)})
     * @param settings everything else the features depend on, for example from
     *     {@link FeatureCache#settings(Map)}
     */
    public record Key(String clipSha256, String settings) {

        /** Checks the parts. */
        public Key {
            Objects.requireNonNull(clipSha256, "clipSha256");
            Objects.requireNonNull(settings, "settings");
            if (!SHA256_HEX.matcher(clipSha256).matches()) {
                throw new IllegalArgumentException("not a SHA-256 in lower-case hex: '" + clipSha256 + "'");
            }
        }

        /**
         * Returns the entry's id: the SHA-256 of both parts, used as its file name.
         *
         * @return 64 hex digits
         */
        public String id() {
            return sha256(text().getBytes(StandardCharsets.UTF_8));
        }

        /** The key as stored in an entry's header: the clip hash, a line end, the settings. */
        String text() {
            return clipSha256 + "\n" + settings;
        }
    }

    /**
     * The features of one clip: one vector per sampled frame, stored row-major.
     *
     * <p>The array is shared, not copied; do not change it after handing it to the cache.
     *
     * @param frames the number of frames
     * @param dim the feature values per frame
     * @param values {@code frames * dim} values, frame by frame
     */
    public record Features(int frames, int dim, float[] values) {

        /** Checks the shape. */
        public Features {
            Objects.requireNonNull(values, "values");
            if (frames < 1 || dim < 1) {
                throw new IllegalArgumentException(
                        "features need at least 1 frame and 1 value per frame, not " + frames + " x " + dim);
            }
            if ((long) frames * dim != values.length) {
                throw new IllegalArgumentException(frames + " x " + dim + " features need " + ((long) frames * dim)
                        + " values, not " + values.length);
            }
        }

        /**
         * Builds features from one array per frame.
         *
         * @param rows {@code [frames][dim]}, all rows of the same length
         * @return the features (the values copied)
         */
        public static Features of(float[][] rows) {
            if (rows.length == 0) {
                throw new IllegalArgumentException("features need at least 1 frame");
            }
            int dim = rows[0].length;
            float[] values = new float[rows.length * dim];
            for (int t = 0; t < rows.length; t++) {
                if (rows[t].length != dim) {
                    throw new IllegalArgumentException(
                            "frame " + t + " has " + rows[t].length + " values, frame 0 has " + dim);
                }
                System.arraycopy(rows[t], 0, values, t * dim, dim);
            }
            return new Features(rows.length, dim, values);
        }

        /**
         * Returns one array per frame.
         *
         * @return {@code [frames][dim]}, a copy
         */
        public float[][] toRows() {
            float[][] out = new float[frames][dim];
            for (int t = 0; t < frames; t++) {
                System.arraycopy(values, t * dim, out[t], 0, dim);
            }
            return out;
        }
    }

    /**
     * The counters of one cache instance.
     *
     * @param directory the cache folder
     * @param hits lookups answered from disk
     * @param misses lookups not answered (no entry, or a bad one)
     * @param writes entries written
     * @param discarded bad entries found and deleted (each also counted as a miss)
     */
    public record Stats(Path directory, long hits, long misses, long writes, long discarded) {

        /**
         * Returns the counters in words, for reports.
         *
         * @return for example {@code "feature cache /tmp/fc: 90 hits, 10 misses (90% hits), 10
         *     entries written, 0 bad entries discarded"}
         */
        public String describe() {
            long lookups = hits + misses;
            String rate = lookups == 0 ? "no lookups" : Math.round(100.0 * hits / lookups) + "% hits";
            return String.format(
                    Locale.ROOT,
                    "feature cache %s: %d %s, %d %s (%s), %d %s written, %d bad %s discarded",
                    directory,
                    hits,
                    hits == 1 ? "hit" : "hits",
                    misses,
                    misses == 1 ? "miss" : "misses",
                    rate,
                    writes,
                    writes == 1 ? "entry" : "entries",
                    discarded,
                    discarded == 1 ? "entry" : "entries");
        }
    }

    /**
     * Returns the cache folder.
     *
     * @return the folder given when the cache was opened
     */
    public Path directory() {
        return directory;
    }

    /**
     * Builds the key of a clip file, hashing its bytes.
     *
     * @param clip the video file
     * @param settings everything else the features depend on
     * @return the key
     * @throws DataException if the file cannot be read
     */
    public Key key(Path clip, String settings) {
        return new Key(sha256(clip), settings);
    }

    /**
     * Returns where an entry lives (whether or not it exists).
     *
     * @param key the key
     * @return {@code directory/<key id>.feat}
     */
    public Path entryPath(Key key) {
        return directory.resolve(key.id() + ENTRY_SUFFIX);
    }

    /**
     * Looks an entry up. A missing entry is a miss; so is an entry that is truncated, damaged, of
     * another format version or written for another key, which is then deleted.
     *
     * @param key the key
     * @return the features, or empty on a miss
     */
    public Optional<Features> get(Key key) {
        Path path = entryPath(key);
        BasicFileAttributes before;
        byte[] bytes;
        try {
            before = Files.readAttributes(path, BasicFileAttributes.class);
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            // unreadable (permissions, I/O error): a miss, but not ours to delete
            misses.incrementAndGet();
            return Optional.empty();
        }
        Features f = decode(bytes, key);
        if (f == null) {
            misses.incrementAndGet();
            discard(path, before);
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(f);
    }

    /**
     * Stores an entry: written to a temporary file in the cache folder, flushed, then renamed into
     * place atomically, replacing any entry of the same key.
     *
     * @param key the key
     * @param features the features
     * @throws DataException if the entry cannot be written (the folder is not writable, the disk is
     *     full); no partial entry is left under the entry's name
     */
    public void put(Key key, Features features) {
        Objects.requireNonNull(features, "features");
        ByteBuffer buffer = encode(key, features);
        Path target = entryPath(key);
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, key.id() + ".", TEMP_SUFFIX);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same folder, so this is still a rename; the checksum guards against the rest
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            writes.incrementAndGet();
        } catch (IOException e) {
            throw new DataException(directory + ": cannot write a feature cache entry: " + reason(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // removed later as a stale temporary file
                }
            }
        }
    }

    /**
     * Returns the cached features, or computes, stores and returns them on a miss.
     *
     * @param key the key
     * @param compute computes the features (decoding and the backbone)
     * @return the features
     * @throws DataException if the entry cannot be written, or as thrown by {@code compute}
     */
    public Features computeIfAbsent(Key key, Supplier<Features> compute) {
        Optional<Features> cached = get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Features f = Objects.requireNonNull(compute.get(), "computed features");
        put(key, f);
        return f;
    }

    /**
     * Deletes temporary files (of interrupted writes) last modified longer ago than a given age.
     * A write in progress is younger than any sensible age; {@link Duration#ZERO} removes all.
     *
     * @param olderThan the least age of a file removed
     * @return how many files were removed
     */
    public int removeTemporaryFiles(Duration olderThan) {
        FileTime limit = FileTime.from(Instant.now().minus(olderThan));
        int removed = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(p).compareTo(limit) <= 0 && Files.deleteIfExists(p)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // gone already, or not ours: leave it
                }
            }
        } catch (IOException e) {
            throw new DataException(directory + ": cannot list the feature cache folder: " + reason(e), e);
        }
        return removed;
    }

    /**
     * Returns the counters so far.
     *
     * @return the counters
     */
    public Stats stats() {
        return new Stats(directory, hits.get(), misses.get(), writes.get(), discarded.get());
    }

    // ---- entry format ----

    private static ByteBuffer encode(Key key, Features f) {
        byte[] keyBytes = key.text().getBytes(StandardCharsets.UTF_8);
        long size = (long) PREFIX + keyBytes.length + SHAPE + 4L * f.values().length + TRAILER;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a feature cache entry of " + size + " bytes is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.putInt(MAGIC).putInt(VERSION).putInt(keyBytes.length).put(keyBytes);
        b.putInt(f.frames()).putInt(f.dim());
        b.asFloatBuffer().put(f.values());
        b.position(b.position() + 4 * f.values().length);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putLong(crc.getValue());
        b.flip();
        return b;
    }

    /** Decodes an entry, or returns null when it is not a whole, valid entry of this key. */
    static Features decode(byte[] bytes, Key key) {
        if (bytes.length < PREFIX + SHAPE + TRAILER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != MAGIC || b.getInt() != VERSION) {
            return null;
        }
        int keyLength = b.getInt();
        if (keyLength < 0 || keyLength > bytes.length - PREFIX - SHAPE - TRAILER) {
            return null;
        }
        byte[] expected = key.text().getBytes(StandardCharsets.UTF_8);
        if (keyLength != expected.length) {
            return null;
        }
        byte[] stored = new byte[keyLength];
        b.get(stored);
        if (!MessageDigest.isEqual(stored, expected)) {
            return null;
        }
        int frames = b.getInt();
        int dim = b.getInt();
        if (frames < 1 || dim < 1) {
            return null;
        }
        long count = (long) frames * dim;
        long size = (long) PREFIX + keyLength + SHAPE + 4 * count + TRAILER;
        if (size != bytes.length) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - TRAILER);
        if (ByteBuffer.wrap(bytes, bytes.length - TRAILER, TRAILER).getLong() != crc.getValue()) {
            return null;
        }
        float[] values = new float[(int) count];
        b.asFloatBuffer().get(values);
        return new Features(frames, dim, values);
    }

    /** Deletes a bad entry, unless another writer has replaced it since it was read. */
    private void discard(Path path, BasicFileAttributes before) {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
            Object keyBefore = before.fileKey();
            boolean same = keyBefore == null
                    ? now.lastModifiedTime().equals(before.lastModifiedTime()) && now.size() == before.size()
                    : keyBefore.equals(now.fileKey());
            if (same && Files.deleteIfExists(path)) {
                discarded.incrementAndGet();
            }
        } catch (IOException e) {
            // already gone or replaced: nothing to do
        }
    }

    // ---- hashing and keys ----

    /**
     * Computes a file's SHA-256, reading it in chunks (the file is never held in memory whole).
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws DataException if the file is missing or cannot be read
     */
    public static String sha256(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found (hashing it for the feature cache)", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read to compute its SHA-256: " + reason(e), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Computes the SHA-256 of some bytes.
     *
     * @param bytes the bytes
     * @return 64 lower-case hex digits
     */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /**
     * Builds a settings string from named parts, in name order whatever the map's order, so that
     * equal settings always give equal strings: {@code "backbone=resnet18\nsize=224x224"}.
     *
     * @param parts setting name to value (names without {@code =} or line ends)
     * @return one {@code name=value} line per part, sorted by name
     */
    public static String settings(Map<String, ?> parts) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, ?> e : new TreeMap<>(parts).entrySet()) {
            String name = e.getKey();
            if (name.indexOf('=') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a setting name cannot hold '=' or a line end: '" + name + "'");
            }
            String value = String.valueOf(e.getValue())
                    .replace("\\", "\\\\")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r");
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(name).append('=').append(value);
        }
        return b.toString();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "I/O error" : m;
    }

    @Override
    public String toString() {
        return "FeatureCache[" + directory + "]";
    }
}
