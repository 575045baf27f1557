package dev.lstmforge.plugins.video.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    private static final String SETTINGS = FeatureCache.settings(
            Map.of("sampler", "uniform n=16", "size", "112x112", "backbone", "resnet18", "weights", "ab12"));

    private static FeatureCache.Features features(int frames, int dim, long seed) {
        Random r = new Random(seed);
        float[] v = new float[frames * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FeatureCache.Features(frames, dim, v);
    }

    private static Path clip(Path dir, String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void anEntryRoundTripsAndIsFoundByALaterInstance(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("cache/features");
        FeatureCache cache = new FeatureCache(dir);
        assertThat(dir).isDirectory();
        FeatureCache.Key key = cache.key(clip(tmp, "a.mp4", "clip a"), SETTINGS);
        FeatureCache.Features f = features(16, 512, 1);

        assertThat(cache.get(key)).isEmpty();
        cache.put(key, f);
        Optional<FeatureCache.Features> back = cache.get(key);

        assertThat(back).isPresent();
        assertThat(back.get().frames()).isEqualTo(16);
        assertThat(back.get().dim()).isEqualTo(512);
        assertThat(back.get().values()).containsExactly(f.values());
        assertThat(cache.entryPath(key)).isRegularFile().hasFileName(key.id() + FeatureCache.ENTRY_SUFFIX);
        assertThat(filesIn(dir)).containsExactly(cache.entryPath(key)); // no temporary file left
        assertThat(cache.stats()).isEqualTo(new FeatureCache.Stats(dir, 1, 1, 1, 0));

        // a later run: a new instance on the same folder
        FeatureCache later = new FeatureCache(dir);
        assertThat(later.get(later.key(tmp.resolve("a.mp4"), SETTINGS))
                        .orElseThrow()
                        .values())
                .containsExactly(f.values());
        assertThat(later.stats().describe())
                .isEqualTo("feature cache " + dir + ": 1 hit, 0 misses (100% hits), 0 entries written, 0 bad entries"
                        + " discarded");
    }

    @Test
    void specialValuesAndASingleFrameSurvive(@TempDir Path dir) {
        FeatureCache cache = new FeatureCache(dir);
        FeatureCache.Key key = new FeatureCache.Key(FeatureCache.sha256(new byte[] {1}), "");
        float[] v = {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE, -3.3e38f};
        cache.put(key, new FeatureCache.Features(1, 5, v));
        float[] back = cache.get(key).orElseThrow().values();
        for (int i = 0; i < v.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(v[i]));
        }
    }

    @Test
    void changingAnyPartOfTheKeyMisses(@TempDir Path tmp) throws Exception {
        FeatureCache cache = new FeatureCache(tmp.resolve("c"));
        Path a = clip(tmp, "a.mp4", "clip a");
        Path b = clip(tmp, "b.mp4", "clip b");
        Map<String, Object> parts = new LinkedHashMap<>(
                Map.of("sampler", "uniform n=16", "size", "112x112", "backbone", "resnet18", "weights", "ab12"));
        FeatureCache.Key key = cache.key(a, FeatureCache.settings(parts));
        cache.put(key, features(4, 8, 1));
        assertThat(cache.get(key)).isPresent();

        List<FeatureCache.Key> changed = new ArrayList<>();
        changed.add(cache.key(b, FeatureCache.settings(parts))); // another clip
        for (String name : List.of("sampler", "size", "backbone", "weights")) {
            Map<String, Object> p = new LinkedHashMap<>(parts);
            p.put(name, p.get(name) + "'");
            changed.add(cache.key(a, FeatureCache.settings(p)));
        }
        for (FeatureCache.Key k : changed) {
            assertThat(k.id()).isNotEqualTo(key.id());
            assertThat(cache.get(k)).as("key %s", k).isEmpty();
        }
        // the same clip bytes under another name hit: the key is the content, not the path
        assertThat(cache.get(cache.key(clip(tmp, "copy.mp4", "clip a"), FeatureCache.settings(parts))))
                .isPresent();
        // a clip edited in place misses
        Files.writeString(a, "clip a, re-encoded");
        assertThat(cache.get(cache.key(a, FeatureCache.settings(parts)))).isEmpty();
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(6);
        assertThat(cache.stats().discarded()).isZero();
    }

    @Test
    void settingsAreOrderedByNameAndEscaped() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("size", "224x224");
        one.put("backbone", "resnet50");
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("backbone", "resnet50");
        two.put("size", "224x224");
        assertThat(FeatureCache.settings(one))
                .isEqualTo(FeatureCache.settings(two))
                .isEqualTo("backbone=resnet50\nsize=224x224");
        // a value cannot forge another line
        assertThat(FeatureCache.settings(Map.of("a", "1\nb=2")))
                .isEqualTo("a=1\\nb=2")
                .isNotEqualTo(FeatureCache.settings(Map.of("a", "1", "b", "2")));
        assertThatThrownBy(() -> FeatureCache.settings(Map.of("a=b", 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFileHashIsStreamedSha256(@TempDir Path dir) throws Exception {
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        assertThat(FeatureCache.sha256(abc))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        byte[] big = new byte[200_003]; // more than three read buffers, not a multiple of one
        new Random(4).nextBytes(big);
        Path file = Files.write(dir.resolve("big.bin"), big);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        assertThat(FeatureCache.sha256(file)).isEqualTo(expected).isEqualTo(FeatureCache.sha256(big));
        Path missing = dir.resolve("gone.mp4");
        assertThatThrownBy(() -> FeatureCache.sha256(missing))
                .isInstanceOf(DataException.class)
                .hasMessage(missing + ": file not found (hashing it for the feature cache)");
        assertThatThrownBy(() -> FeatureCache.sha256(dir))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(dir + ": cannot be read to compute its SHA-256");
    }

    @Test
    void aTruncatedEntryIsAMissIsDeletedAndIsReplaced(@TempDir Path tmp) throws Exception {
        FeatureCache cache = new FeatureCache(tmp.resolve("c"));
        FeatureCache.Key key = cache.key(clip(tmp, "a.mp4", "a"), SETTINGS);
        FeatureCache.Features f = features(8, 64, 2);
        cache.put(key, f);
        Path entry = cache.entryPath(key);
        byte[] whole = Files.readAllBytes(entry);
        // every possible cut, including the empty file left by a crash before any byte
        for (int cut : new int[] {0, 3, 20, whole.length / 2, whole.length - 8, whole.length - 1}) {
            Files.write(entry, java.util.Arrays.copyOf(whole, cut));
            assertThat(cache.get(key))
                    .as("cut at %d of %d bytes", cut, whole.length)
                    .isEmpty();
            assertThat(entry).doesNotExist();
            cache.put(key, f);
            assertThat(cache.get(key).orElseThrow().values()).containsExactly(f.values());
        }
        assertThat(cache.stats().discarded()).isEqualTo(6);
    }

    @Test
    void aDamagedEntryIsAMissNotAnError(@TempDir Path tmp) throws Exception {
        FeatureCache cache = new FeatureCache(tmp.resolve("c"));
        FeatureCache.Key key = cache.key(clip(tmp, "a.mp4", "a"), SETTINGS);
        FeatureCache.Features f = features(8, 64, 3);
        cache.put(key, f);
        Path entry = cache.entryPath(key);
        byte[] whole = Files.readAllBytes(entry);
        // a flipped bit in the magic, the version, the key, the shape, a value and the checksum
        int keyStart = 12;
        int shapeStart = keyStart + 64 + 1 + SETTINGS.getBytes(StandardCharsets.UTF_8).length;
        for (int at : new int[] {0, 5, keyStart + 3, shapeStart + 3, shapeStart + 8 + 100, whole.length - 2}) {
            byte[] bad = whole.clone();
            bad[at] ^= 0x10;
            Files.write(entry, bad);
            assertThat(cache.get(key)).as("byte %d flipped", at).isEmpty();
            assertThat(entry).doesNotExist();
        }
        // an entry one byte too long is not valid either
        byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 1);
        Files.write(entry, longer);
        assertThat(cache.get(key)).isEmpty();
        // garbage of the right length
        byte[] garbage = new byte[whole.length];
        new Random(1).nextBytes(garbage);
        Files.write(entry, garbage);
        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.stats().discarded()).isEqualTo(8);
        cache.put(key, f);
        assertThat(cache.get(key)).isPresent();
    }

    @Test
    void anEntryOfAnotherKeyUnderThisNameIsAMiss(@TempDir Path tmp) throws Exception {
        FeatureCache cache = new FeatureCache(tmp.resolve("c"));
        FeatureCache.Key a = cache.key(clip(tmp, "a.mp4", "a"), SETTINGS);
        FeatureCache.Key b = cache.key(clip(tmp, "b.mp4", "b"), SETTINGS);
        cache.put(a, features(2, 3, 1));
        Files.copy(cache.entryPath(a), cache.entryPath(b));
        assertThat(cache.get(b)).isEmpty();
        assertThat(cache.get(a)).isPresent();
    }

    @Test
    void aTemporaryFileLeftByACrashDoesNotBreakLaterReadsAndIsCleanedUp(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("c");
        FeatureCache cache = new FeatureCache(dir);
        FeatureCache.Key key = cache.key(clip(tmp, "a.mp4", "a"), SETTINGS);
        FeatureCache.Features f = features(16, 32, 5);
        // a writer died half-way: its temporary file holds the first half of a valid entry
        FeatureCache other = new FeatureCache(tmp.resolve("other"));
        other.put(key, f);
        byte[] whole = Files.readAllBytes(other.entryPath(key));
        Path leftover = dir.resolve(key.id() + ".8842177." + "tmp");
        Files.write(leftover, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThat(cache.get(key)).isEmpty();
        cache.put(key, f);
        assertThat(cache.get(key).orElseThrow().values()).containsExactly(f.values());
        assertThat(leftover).exists(); // young: it might be a write in progress

        // a later run finds it old and removes it; the entry stays
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        FeatureCache later = new FeatureCache(dir);
        assertThat(leftover).doesNotExist();
        assertThat(later.get(key)).isPresent();

        Files.write(leftover, new byte[] {1, 2, 3});
        assertThat(later.removeTemporaryFiles(Duration.ofHours(1))).isZero();
        assertThat(later.removeTemporaryFiles(Duration.ZERO)).isEqualTo(1);
        assertThat(filesIn(dir)).containsExactly(later.entryPath(key));
    }

    @Test
    void computeIfAbsentComputesOnlyOnAMiss(@TempDir Path tmp) throws Exception {
        FeatureCache cache = new FeatureCache(tmp.resolve("c"));
        FeatureCache.Key key = cache.key(clip(tmp, "a.mp4", "a"), SETTINGS);
        AtomicInteger calls = new AtomicInteger();
        FeatureCache.Features f = features(3, 4, 9);
        for (int i = 0; i < 3; i++) {
            FeatureCache.Features got = cache.computeIfAbsent(key, () -> {
                calls.incrementAndGet();
                return f;
            });
            assertThat(got.values()).containsExactly(f.values());
        }
        assertThat(calls).hasValue(1);
        assertThat(cache.stats()).isEqualTo(new FeatureCache.Stats(tmp.resolve("c"), 2, 1, 1, 0));
    }

    @Test
    void concurrentReadersAndWritersNeverSeeAPartialEntry(@TempDir Path tmp) throws Exception {
        FeatureCache cache = new FeatureCache(tmp.resolve("c"));
        FeatureCache.Key key = cache.key(clip(tmp, "a.mp4", "a"), SETTINGS);
        FeatureCache.Features f = features(16, 256, 6);
        cache.put(key, f);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean writer = t == 0;
                jobs.add(() -> {
                    int hits = 0;
                    for (int i = 0; i < 40; i++) {
                        if (writer) {
                            cache.put(key, f); // rewrites the same entry while others read it
                        } else {
                            float[] v = cache.get(key).orElseThrow().values();
                            assertThat(v).containsExactly(f.values());
                            hits++;
                        }
                    }
                    return hits;
                });
            }
            int total = 0;
            for (Future<Integer> done : pool.invokeAll(jobs)) {
                total += done.get();
            }
            assertThat(total).isEqualTo(120);
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.stats().misses()).isZero();
        assertThat(cache.stats().discarded()).isZero();
        assertThat(filesIn(tmp.resolve("c"))).containsExactly(cache.entryPath(key));
    }

    @Test
    void badArgumentsAndABadFolderAreRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> new FeatureCache(file))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": the feature cache must be a folder, but this is a file");
        assertThatThrownBy(() -> new FeatureCache(file.resolve("sub")))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file.resolve("sub") + ": cannot create the feature cache folder");
        assertThatThrownBy(() -> new FeatureCache.Key("ABC", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeatureCache.Features(2, 3, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 x 3 features need 6 values, not 5");
        assertThatThrownBy(() -> FeatureCache.Features.of(new float[][] {{1, 2}, {3}}))
                .hasMessage("frame 1 has 1 values, frame 0 has 2");
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        FeatureCache.Features f = FeatureCache.Features.of(rows);
        assertThat(f.values()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(f.toRows()).isDeepEqualTo(rows);
    }
}
