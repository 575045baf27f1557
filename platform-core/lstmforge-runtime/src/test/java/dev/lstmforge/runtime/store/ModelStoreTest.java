package dev.lstmforge.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    private static final String PROJECT = "stock-forecast";

    @TempDir
    Path tmp;

    private ModelStore store() {
        return new ModelStore(tmp.resolve("models"));
    }

    private Path projectDir() {
        return tmp.resolve("models").resolve(PROJECT);
    }

    /** Saves a version the way the runtime does: files, provenance.json, then commit. */
    private static ModelVersion save(ModelStore store, String project, String content) throws IOException {
        try (ModelStore.Pending p = store.begin(project)) {
            Files.writeString(p.dir().resolve("model.params"), content);
            Files.createDirectories(p.dir().resolve("sub"));
            Files.writeString(p.dir().resolve("sub").resolve("state.json"), "{\"c\":\"" + content + "\"}");
            Files.writeString(p.dir().resolve("provenance.json"), "{}");
            return p.commit();
        }
    }

    /** Relative path to SHA-256 of every file under a directory. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.put(dir.relativize(f).toString(), DataFingerprint.sha256(in));
                }
            }
        }
        return out;
    }

    private List<String> projectChildren() throws IOException {
        try (Stream<Path> s = Files.list(projectDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        return pid;
    }

    private Path abandonedDir(String suffix, String ownerPid) throws IOException {
        // The store names its temp directories .incomplete-<owner pid>-<uuid>.
        Path dir = projectDir().resolve(".incomplete-" + (ownerPid == null ? "" : ownerPid + "-") + suffix);
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested").resolve("model.params"), "partial");
        return dir;
    }

    @Test
    void rootIsAbsoluteAndNormalized() {
        ModelStore s = new ModelStore(tmp.resolve("a/../models"));

        assertThat(s.root()).isEqualTo(tmp.resolve("models").toAbsolutePath().normalize());
        assertThat(s.root()).isAbsolute();
    }

    @Test
    void emptyStoreHasNoVersions() {
        assertThat(store().versions(PROJECT)).isEmpty();
        assertThat(store().latest(PROJECT)).isEmpty();
    }

    @Test
    void commitsAreNumberedFromV1() throws IOException {
        ModelStore store = store();

        ModelVersion v1 = save(store, PROJECT, "one");
        ModelVersion v2 = save(store, PROJECT, "two");
        ModelVersion v3 = save(store, PROJECT, "three");

        assertThat(v1).isEqualTo(new ModelVersion(PROJECT, 1, projectDir().resolve("v1")));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.ref()).isEqualTo("stock-forecast/v3");
        assertThat(Files.readString(v2.dir().resolve("model.params"))).isEqualTo("two");
        assertThat(store.versions(PROJECT)).containsExactly(v1, v2, v3);
        assertThat(store.latest(PROJECT)).contains(v3);
    }

    @Test
    void committedVersionHoldsAllFilesButNoOwnerMarkerAndNoTempDirRemains() throws IOException {
        ModelVersion v = save(store(), PROJECT, "x");

        assertThat(v.dir().resolve("model.params")).hasContent("x");
        assertThat(v.dir().resolve("sub/state.json")).isRegularFile();
        assertThat(projectChildren()).noneMatch(n -> n.startsWith(".incomplete-"));
    }

    @Test
    void commitIsIdempotentAndCloseAfterCommitKeepsTheVersion() throws IOException {
        ModelStore store = store();
        ModelStore.Pending p = store.begin(PROJECT);
        Files.writeString(p.dir().resolve("f"), "x");

        ModelVersion first = p.commit();
        ModelVersion second = p.commit();
        p.close();

        assertThat(second).isEqualTo(first);
        assertThat(store.versions(PROJECT)).containsExactly(first);
        assertThat(first.dir().resolve("f")).hasContent("x");
    }

    @Test
    void pendingDirIsHiddenInsideProjectAndRecordsThisProcess() throws IOException {
        try (ModelStore.Pending p = store().begin(PROJECT)) {
            assertThat(p.dir().getParent()).isEqualTo(projectDir().toAbsolutePath());
            assertThat(p.dir().getFileName().toString()).startsWith(".incomplete-");
            assertThat(p.dir().getFileName().toString())
                    .startsWith(".incomplete-" + ProcessHandle.current().pid() + "-");
        }
    }

    @Test
    void versionsAreSortedNumericallyAndNextCommitFollowsTheHighest() throws IOException {
        for (String v : List.of("v10", "v2", "v9", "v1")) {
            Files.createDirectories(projectDir().resolve(v));
        }
        ModelStore store = store();

        assertThat(store.versions(PROJECT)).extracting(ModelVersion::version).containsExactly(1, 2, 9, 10);
        assertThat(store.latest(PROJECT)).map(ModelVersion::version).contains(10);
        assertThat(save(store, PROJECT, "new").version()).isEqualTo(11);
    }

    @Test
    void hiddenDirsFilesAndOtherNamesAreNeverVersions() throws IOException {
        Files.createDirectories(projectDir().resolve("v1"));
        for (String d : List.of(".v2", ".incomplete-abc", ".hidden", "latest", "v", "vx", "v3a", "V4", "backup-v5")) {
            Files.createDirectories(projectDir().resolve(d));
        }
        Files.writeString(projectDir().resolve("v6"), "a file, not a directory");
        Files.writeString(projectDir().resolve(".lock"), "");

        assertThat(store().versions(PROJECT)).extracting(ModelVersion::ref).containsExactly("stock-forecast/v1");
        assertThat(store().latest(PROJECT)).map(ModelVersion::version).contains(1);
    }

    @Test
    void versionNumberBeyondIntRangeIsIgnored() throws IOException {
        Files.createDirectories(projectDir().resolve("v1"));
        Files.createDirectories(projectDir().resolve("v99999999999"));

        assertThat(store().versions(PROJECT)).extracting(ModelVersion::version).containsExactly(1);
    }

    @Test
    void projectsAreIndependent() throws IOException {
        ModelStore store = store();
        save(store, PROJECT, "a");
        save(store, PROJECT, "b");

        ModelVersion other = save(store, "sentiment", "c");

        assertThat(other.ref()).isEqualTo("sentiment/v1");
        assertThat(store.versions("sentiment")).containsExactly(other);
        assertThat(store.versions(PROJECT)).hasSize(2);
    }

    @Test
    void closingWithoutCommitDeletesTempDirAndLeavesEarlierVersionsByteIdentical() throws IOException {
        ModelStore store = store();
        ModelVersion v1 = save(store, PROJECT, "first");
        ModelVersion v2 = save(store, PROJECT, "second");
        Map<String, String> before1 = snapshot(v1.dir());
        Map<String, String> before2 = snapshot(v2.dir());

        Path temp;
        try (ModelStore.Pending p = store.begin(PROJECT)) {
            temp = p.dir();
            Files.writeString(temp.resolve("model.params"), "discarded");
            Files.createDirectories(temp.resolve("deep/er"));
            Files.writeString(temp.resolve("deep/er/x.bin"), "y");
            Files.writeString(temp.resolve("provenance.json"), "{}");
        }

        assertThat(temp).doesNotExist();
        assertThat(store.versions(PROJECT)).containsExactly(v1, v2);
        assertThat(snapshot(v1.dir())).isEqualTo(before1).isNotEmpty();
        assertThat(snapshot(v2.dir())).isEqualTo(before2).isNotEmpty();
        assertThat(projectChildren()).noneMatch(n -> n.startsWith(".incomplete-"));
        assertThat(save(store, PROJECT, "third").version()).isEqualTo(3);
    }

    @Test
    void closingTwiceOrAfterExternalDeleteIsHarmless() throws IOException {
        ModelStore.Pending p = store().begin(PROJECT);
        p.close();
        p.close();

        assertThat(p.dir()).doesNotExist();
        assertThat(store().versions(PROJECT)).isEmpty();
    }

    @Test
    void crashMidSaveIsInvisibleToReaders() throws IOException {
        ModelStore store = store();
        ModelVersion v1 = save(store, PROJECT, "good");

        // a "crash": begin and write, but never commit nor close
        ModelStore.Pending crashed = store.begin(PROJECT);
        Files.writeString(crashed.dir().resolve("model.params"), "half");
        Files.writeString(crashed.dir().resolve("provenance.json"), "{}");

        assertThat(store.versions(PROJECT)).containsExactly(v1);
        assertThat(store.latest(PROJECT)).contains(v1);
        assertThat(store.resolve(PROJECT)).isEqualTo(v1);
        assertThat(new ModelStore(store.root()).versions(PROJECT)).containsExactly(v1);
        assertThat(crashed.dir()).isDirectory();
    }

    @Test
    void crashBeforeFirstVersionLeavesNoVersions() throws IOException {
        ModelStore store = store();
        ModelStore.Pending crashed = store.begin(PROJECT);
        Files.writeString(crashed.dir().resolve("model.params"), "half");

        assertThat(store.versions(PROJECT)).isEmpty();
        assertThat(store.latest(PROJECT)).isEmpty();
        assertThatThrownBy(() -> store.resolve(PROJECT)).isInstanceOf(LstmForgeException.class);
    }

    @Test
    void beginRemovesIncompleteDirOfDeadProcess() throws Exception {
        ModelStore store = store();
        ModelVersion v1 = save(store, PROJECT, "keep");
        Map<String, String> before = snapshot(v1.dir());
        Path abandoned = abandonedDir("dead", Long.toString(deadPid()));

        try (ModelStore.Pending p = store.begin(PROJECT)) {
            assertThat(abandoned).doesNotExist();
            assertThat(p.dir()).isDirectory();
        }
        assertThat(snapshot(v1.dir())).isEqualTo(before);
    }

    @Test
    void beginKeepsIncompleteDirOwnedByLiveProcess() throws IOException {
        Path live = abandonedDir("live", Long.toString(ProcessHandle.current().pid()));

        try (ModelStore.Pending p = store().begin(PROJECT)) {
            assertThat(live).isDirectory();
            assertThat(live.resolve("nested/model.params")).hasContent("partial");
            assertThat(p.dir()).isNotEqualTo(live);
        }
        assertThat(live).isDirectory();
        assertThat(store().versions(PROJECT)).isEmpty();
    }

    @Test
    void beginKeepsOtherPendingSaveOfThisProcess() throws IOException {
        ModelStore store = store();
        try (ModelStore.Pending first = store.begin(PROJECT);
                ModelStore.Pending second = store.begin(PROJECT)) {
            assertThat(first.dir()).isDirectory();
            assertThat(second.dir()).isDirectory().isNotEqualTo(first.dir());
            assertThat(first.commit().version()).isEqualTo(1);
            assertThat(second.commit().version()).isEqualTo(2);
        }
    }

    @Test
    void beginRemovesIncompleteDirWithoutOrWithGarbageOwner() throws IOException {
        Path noOwner = abandonedDir("no-owner", null);
        Path garbage = abandonedDir("garbage", "not-a-pid");
        Path zero = abandonedDir("zero", "0");

        store().begin(PROJECT).close();

        assertThat(noOwner).doesNotExist();
        assertThat(garbage).doesNotExist();
        assertThat(zero).doesNotExist();
    }

    @Test
    void beginLeavesUnrelatedHiddenEntriesAlone() throws IOException {
        Files.createDirectories(projectDir().resolve(".cache"));
        Files.writeString(projectDir().resolve(".cache/x"), "x");

        store().begin(PROJECT).close();

        assertThat(projectDir().resolve(".cache/x")).hasContent("x");
    }

    @Test
    void resolveFindsLatestAndNamedVersions() throws IOException {
        ModelStore store = store();
        ModelVersion v1 = save(store, PROJECT, "a");
        ModelVersion v2 = save(store, PROJECT, "b");

        assertThat(store.resolve(PROJECT)).isEqualTo(v2);
        assertThat(store.resolve(PROJECT + "/latest")).isEqualTo(v2);
        assertThat(store.resolve(PROJECT + "/v1")).isEqualTo(v1);
        assertThat(store.resolve(PROJECT + "/v2")).isEqualTo(v2);
    }

    @Test
    void resolveAcceptsVersionDirectoryPathWithProvenance() throws IOException {
        ModelVersion v2;
        ModelStore store = store();
        save(store, PROJECT, "a");
        v2 = save(store, PROJECT, "b");

        ModelVersion byPath = store.resolve(v2.dir().toString());

        assertThat(byPath.projectId()).isEqualTo(PROJECT);
        assertThat(byPath.version()).isEqualTo(2);
        assertThat(byPath.dir()).isEqualTo(v2.dir());
        assertThat(store.resolve(v2.dir().resolve("../v2").toString())).isEqualTo(byPath);
    }

    @Test
    void resolveTakesTheProjectOfAFolderOutsideTheStoreFromItsProvenance() throws IOException {
        // an export in a folder named "tmp": the parent's name must not be taken for the project
        Path exported = tmp.resolve("tmp/my-export");
        Files.createDirectories(exported);
        Files.writeString(exported.resolve("provenance.json"), "{\"project\": \"stock-forecast\"}");

        ModelVersion v = store().resolve(exported.toString());

        assertThat(v.projectId()).isEqualTo(PROJECT);
        assertThat(v.dir()).isEqualTo(exported.toAbsolutePath().normalize());
        assertThat(v.version()).isZero();
        assertThat(v.origin()).isEqualTo(v.dir());
        assertThat(v.ref()).isEqualTo(exported.toString());
    }

    @Test
    void aFolderNamedLikeAVersionButNotUnderItsProjectIsNotAStoreVersion() throws IOException {
        Path dir = tmp.resolve("backup/v3");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("provenance.json"), "{\"project\": \"stock-forecast\"}");

        ModelVersion v = store().resolve(dir.toString());

        assertThat(v.projectId()).isEqualTo(PROJECT);
        assertThat(v.version()).isZero();
        assertThat(v.ref()).isEqualTo(dir.toString());
    }

    @Test
    void aFolderWhoseProvenanceNamesNoProjectFallsBackToItsParentsName() throws IOException {
        Path exported = tmp.resolve("somewhere/my-export");
        Files.createDirectories(exported);
        Files.writeString(exported.resolve("provenance.json"), "{}");

        ModelVersion v = store().resolve(exported.toString());

        assertThat(v.dir()).isEqualTo(exported.toAbsolutePath().normalize());
        assertThat(v.version()).isZero();
        assertThat(v.projectId()).isEqualTo("somewhere");
    }

    @Test
    void openUnpacksAZipUntilClosed() throws IOException {
        Path zip = tmp.resolve("model.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            // a zip made by hand around a top-level folder
            z.putNextEntry(new ZipEntry("stock-export/provenance.json"));
            z.write("{\"project\": \"stock-forecast\"}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("stock-export/state.json"));
            z.write("{}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }

        Path unpacked;
        try (ModelHandle h = store().open(zip.toString())) {
            unpacked = h.version().dir();
            assertThat(h.version().projectId()).isEqualTo(PROJECT);
            assertThat(h.version().origin()).isEqualTo(zip.toAbsolutePath());
            assertThat(h.version().ref()).isEqualTo(zip.toString());
            assertThat(unpacked.resolve("state.json")).hasContent("{}");
            assertThat(h.layout().describe("state.json")).isEqualTo("state.json in " + zip);
        }
        assertThat(unpacked).doesNotExist();
    }

    @Test
    void openOfAStoreReferenceNeedsNoCleanUp() throws IOException {
        ModelVersion v1 = save(store(), PROJECT, "a");
        try (ModelHandle h = store().open(PROJECT)) {
            assertThat(h.version()).isEqualTo(v1);
        }
        assertThat(v1.dir()).isDirectory();
    }

    @Test
    void directoryWithoutProvenanceIsNotAModel() throws IOException {
        Path dir = tmp.resolve("not-a-model");
        Files.createDirectories(dir);

        assertThatThrownBy(() -> store().resolve(dir.toString()))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("PROJECT/vN");
    }

    @Test
    void resolveOfUnknownProjectSaysHowToTrainOne() throws IOException {
        save(store(), PROJECT, "a");

        assertThatThrownBy(() -> store().resolve("ghost"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("no saved model for 'ghost'")
                .hasMessageContaining(store().root().toString())
                .hasMessageContaining("lstmforge train ghost");
        assertThatThrownBy(() -> store().resolve("ghost/v1"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'ghost'");
    }

    @Test
    void resolveOfUnknownVersionListsExistingOnes() throws IOException {
        ModelStore store = store();
        save(store, PROJECT, "a");
        save(store, PROJECT, "b");

        assertThatThrownBy(() -> store.resolve(PROJECT + "/v9"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("model 'stock-forecast/v9' not found; versions of stock-forecast: [v1, v2]");
        assertThatThrownBy(() -> store.resolve(PROJECT + "/newest"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'stock-forecast/newest'")
                .hasMessageContaining("[v1, v2]");
    }

    @Test
    void resolveRejectsMalformedReferences() throws IOException {
        save(store(), PROJECT, "a");

        for (String ref : List.of("a/b/c", "/v1", PROJECT + "/v1/extra")) {
            assertThatThrownBy(() -> store().resolve(ref))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("'" + ref + "'")
                    .hasMessageContaining("PROJECT/latest");
        }
    }

    @Test
    void beginFailureIsReportedAsLstmForgeExceptionNamingTheDirectory() throws IOException {
        Path blocker = tmp.resolve("blocker");
        Files.writeString(blocker, "a file where the root should be");
        ModelStore store = new ModelStore(blocker);

        assertThatThrownBy(() -> store.begin(PROJECT))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("cannot write to the model store")
                .hasMessageContaining(blocker.resolve(PROJECT).toString());
    }

    @Test
    void versionRefFormat() {
        assertThat(new ModelVersion("p-x", 12, Path.of("/m/p-x/v12")).ref()).isEqualTo("p-x/v12");
    }
}
