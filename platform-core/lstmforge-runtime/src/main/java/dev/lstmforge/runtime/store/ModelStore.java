package dev.lstmforge.runtime.store;

import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Saves and finds model versions under a root directory.
 *
 * <p>A save happens in a hidden directory {@code <root>/<project>/.incomplete-<pid>-<uuid>/}
 * named after the writing process. Only {@link Pending#commit()} renames it to the next
 * {@code v<N>}, atomically and under a file lock; a version directory therefore always holds a
 * complete model. Incomplete directories left by a killed process are removed the next time a
 * version of that project is started.
 *
 * <pre>{@code
 * ModelStore store = new ModelStore(Path.of("models"));
 * try (ModelStore.Pending p = store.begin("stock-forecast")) {
 *     model.save(p.dir(), "stock-forecast");
 *     ModelVersion v = p.commit();        // models/stock-forecast/v4
 * }                                        // not committed: the temp dir is deleted
 * ModelVersion latest = store.resolve("stock-forecast");
 * }</pre>
 */
public final class ModelStore {

    private static final Pattern VERSION = Pattern.compile("v(\\d{1,9})");
    private static final String INCOMPLETE = ".incomplete-";
    private static final java.util.concurrent.ConcurrentMap<Path, Object> PROCESS_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path root;

    /**
     * Creates a store over a root directory (created on first save).
     *
     * @param root the store root, e.g. {@code models/}
     */
    public ModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Returns the root directory.
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * Starts writing a new version.
     *
     * @param projectId the project id
     * @return the pending version; close it to discard, commit it to publish
     */
    public Pending begin(String projectId) {
        Path projectDir = root.resolve(projectId);
        try {
            Files.createDirectories(projectDir);
            removeAbandoned(projectDir);
            // The owner's pid is part of the name, so no other process can see the directory
            // before its owner is known.
            Path tmp = projectDir.resolve(INCOMPLETE + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
            Files.createDirectory(tmp);
            return new Pending(projectId, projectDir, tmp);
        } catch (IOException e) {
            throw new LstmForgeException(
                    "cannot write to the model store " + projectDir + ": " + Messages.describe(e), e);
        }
    }

    /**
     * Lists the complete versions of a project, oldest first.
     *
     * @param projectId the project id
     * @return the versions
     */
    public List<ModelVersion> versions(String projectId) {
        Path projectDir = root.resolve(projectId);
        List<ModelVersion> out = new ArrayList<>();
        if (!Files.isDirectory(projectDir)) {
            return out;
        }
        try (Stream<Path> children = Files.list(projectDir)) {
            children.forEach(p -> {
                Matcher m = VERSION.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    out.add(new ModelVersion(projectId, Integer.parseInt(m.group(1)), p));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingInt(ModelVersion::version));
        return out;
    }

    /**
     * Returns the newest complete version of a project.
     *
     * @param projectId the project id
     * @return the latest version, if any
     */
    public Optional<ModelVersion> latest(String projectId) {
        List<ModelVersion> all = versions(projectId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Resolves a user's model reference: {@code PROJECT} or {@code PROJECT/latest} (newest),
     * {@code PROJECT/vN} (that version), or a path to a model folder (one with a
     * {@code provenance.json}, such as an export). A folder's project is the one its provenance
     * names; only a folder whose provenance names none falls back to its parent folder's name.
     *
     * @param ref the reference
     * @return the version
     * @throws LstmForgeException if nothing matches, listing what exists
     */
    public ModelVersion resolve(String ref) {
        Path asPath = Path.of(ref);
        if (Files.isDirectory(asPath) && new ModelLayout(asPath).hasProvenance()) {
            return folder(asPath.toAbsolutePath().normalize(), null);
        }
        String[] parts = ref.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
            throw new LstmForgeException("model reference '" + ref
                    + "' is neither PROJECT, PROJECT/latest, PROJECT/vN, a model directory nor a model zip");
        }
        String project = parts[0];
        String which = parts.length == 2 ? parts[1] : "latest";
        List<ModelVersion> all = versions(project);
        if (all.isEmpty()) {
            throw new LstmForgeException("no saved model for '" + project + "' in " + root
                    + "; train one first with: lstmforge train " + project);
        }
        if (which.equals("latest")) {
            return all.get(all.size() - 1);
        }
        return all.stream()
                .filter(v -> ("v" + v.version()).equals(which))
                .findFirst()
                .orElseThrow(() -> new LstmForgeException("model '" + ref + "' not found; versions of " + project + ": "
                        + all.stream().map(v -> "v" + v.version()).toList()));
    }

    /**
     * Opens a model reference like {@link #resolve(String)}, and also a zip of a model folder (as
     * {@code lstmforge export} writes), which is unpacked into a temporary directory until the
     * handle is closed.
     *
     * @param ref the reference, folder or zip
     * @return the opened model; close it when done
     * @throws LstmForgeException if nothing matches or the zip holds no model
     */
    public ModelHandle open(String ref) {
        Path asPath = Path.of(ref);
        if (Files.isRegularFile(asPath)
                && asPath.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return unzip(asPath.toAbsolutePath().normalize());
        }
        return new ModelHandle(resolve(ref), null);
    }

    /** A model folder: a store version when it sits at PROJECT/vN, otherwise known by its path. */
    private static ModelVersion folder(Path dir, Path zip) {
        ModelLayout layout = new ModelLayout(dir);
        Path parent = dir.getParent();
        String fallback = parent == null || parent.getFileName() == null
                ? dir.getFileName().toString()
                : parent.getFileName().toString();
        String project = layout.projectId().orElse(fallback);
        if (zip != null) {
            return new ModelVersion(project, 0, dir, zip);
        }
        Matcher m = VERSION.matcher(dir.getFileName().toString());
        if (m.matches()
                && parent != null
                && parent.getFileName() != null
                && parent.getFileName().toString().equals(project)) {
            return new ModelVersion(project, Integer.parseInt(m.group(1)), dir);
        }
        return new ModelVersion(project, 0, dir, dir);
    }

    private static ModelHandle unzip(Path zip) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("lstmforge-model-");
        } catch (IOException e) {
            throw new LstmForgeException("cannot unpack " + Messages.path(zip) + ": " + Messages.describe(e), e);
        }
        try {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                for (ZipEntry e : Collections.list(z.entries())) {
                    Path target = tmp.resolve(e.getName()).normalize();
                    if (!target.startsWith(tmp) || target.equals(tmp)) {
                        throw new LstmForgeException(Messages.path(zip) + " holds an entry outside its folder ('"
                                + e.getName() + "'); it is not a model export");
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = z.getInputStream(e)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            Path dir = modelRoot(tmp);
            if (dir == null) {
                throw new LstmForgeException(Messages.path(zip) + " holds no model: no " + ModelLayout.PROVENANCE
                        + " at its top level; export one with: lstmforge export MODEL -o FILE.zip");
            }
            return new ModelHandle(folder(dir, zip), tmp);
        } catch (LstmForgeException e) {
            deleteQuietly(tmp);
            throw e;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new LstmForgeException(
                    Messages.path(zip) + " is not a readable zip archive: " + Messages.describe(e), e);
        }
    }

    /** The unpacked folder itself, or its only sub-folder, whichever holds a provenance. */
    private static Path modelRoot(Path unpacked) throws IOException {
        if (new ModelLayout(unpacked).hasProvenance()) {
            return unpacked;
        }
        try (Stream<Path> children = Files.list(unpacked)) {
            List<Path> dirs = children.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && new ModelLayout(dirs.get(0)).hasProvenance()) {
                return dirs.get(0);
            }
        }
        return null;
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // left in the temp area
        }
    }

    private void removeAbandoned(Path projectDir) throws IOException {
        try (Stream<Path> children = Files.list(projectDir)) {
            for (Path p : children.filter(c -> c.getFileName().toString().startsWith(INCOMPLETE))
                    .toList()) {
                long pid = ownerPid(p.getFileName().toString());
                boolean alive = pid > 0
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteTree(p);
                }
            }
        }
    }

    /** The pid in {@code .incomplete-<pid>-<uuid>}, or -1 if the name has none. */
    private static long ownerPid(String name) {
        String rest = name.substring(INCOMPLETE.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A version being written; invisible to readers until committed. */
    public final class Pending implements AutoCloseable {

        private final String projectId;
        private final Path projectDir;
        private final Path dir;
        private ModelVersion committed;

        private Pending(String projectId, Path projectDir, Path dir) {
            this.projectId = projectId;
            this.projectDir = projectDir;
            this.dir = dir;
        }

        /**
         * Returns the temporary directory to write files into.
         *
         * @return the directory
         */
        public Path dir() {
            return dir;
        }

        /**
         * Publishes the version under the next free number.
         *
         * @return the new version
         * @throws LstmForgeException if the rename fails; the store is unchanged then
         */
        public ModelVersion commit() {
            if (committed != null) {
                return committed;
            }
            Path lockFile = projectDir.resolve(".lock");
            // A file lock excludes other processes only; threads of this one (tasks of a Spark
            // executor saving versions of one project) queue on the JVM-wide lock first.
            Object inProcess = PROCESS_LOCKS.computeIfAbsent(lockFile, k -> new Object());
            synchronized (inProcess) {
                return commitLocked(lockFile);
            }
        }

        private ModelVersion commitLocked(Path lockFile) {
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                int next = latest(projectId).map(v -> v.version() + 1).orElse(1);
                Path target = projectDir.resolve("v" + next);
                try {
                    Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new LstmForgeException(
                            "the model store " + root
                                    + " is on a file system without atomic rename; choose another --models directory",
                            e);
                }
                committed = new ModelVersion(projectId, next, target);
                return committed;
            } catch (IOException e) {
                throw new LstmForgeException(
                        "cannot publish the model in " + projectDir + ": " + Messages.describe(e), e);
            }
        }

        /** Deletes the temporary directory unless the version was committed. */
        @Override
        public void close() {
            if (committed == null) {
                try {
                    deleteTree(dir);
                } catch (IOException e) {
                    // the next begin() removes it
                }
            }
        }
    }
}
