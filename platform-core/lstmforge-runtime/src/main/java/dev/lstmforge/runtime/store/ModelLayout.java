package dev.lstmforge.runtime.store;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one model version and how each is written and read: the only place that knows
 * their names. A version directory holds
 *
 * <pre>
 * stock-forecast-0016.params  the network's parameters (DJL format; NNNN is the kept epoch)
 * state.json                  the plugin's fitted preprocessing state
 * hyperparameters.json        every hyper-parameter, as text
 * metrics.json                test-part metrics
 * history.json                per-epoch losses, the kept epoch, why training stopped
 * provenance.json             how the model was made; its "project" names the project
 * serving.properties          DJL Serving: engine=, translator=, blockFactory=
 * manifest.json               store format version, and each file's size and SHA-256
 * </pre>
 *
 * <p>{@code manifest.json} is written last, over every other file of the folder (plugin jars
 * of an export excepted). {@link #verify()} refuses a folder written by a newer store format and
 * names any file whose size or SHA-256 no longer matches. Folders written before manifests
 * existed have none; they are store format 1 and are not checked.
 *
 * <pre>{@code
 * ModelLayout out = new ModelLayout(pending.dir());
 * out.writeParameters(model, history.bestEpoch());
 * out.writeState(state);
 * // ... the other files ...
 * out.writeManifest();                            // last
 *
 * ModelLayout in = ModelLayout.of(store.resolve("stock-forecast"));
 * in.verify();                                    // format and integrity
 * StockState s = in.readState(StockState.class);
 * }</pre>
 */
public final class ModelLayout {

    /**
     * The store format this code writes, and the newest it reads. Raise it when a change to the
     * files would make older LSTM Forge versions misread a model.
     */
    public static final int FORMAT = 1;

    /** The plugin's fitted state. */
    public static final String STATE = ModelFiles.STATE;

    /** The hyper-parameters, as a JSON object of strings. */
    public static final String HYPER_PARAMETERS = ModelFiles.HYPER_PARAMETERS;

    /** Test-part metrics, name to value. */
    public static final String METRICS = "metrics.json";

    /** The training history. */
    public static final String HISTORY = "history.json";

    /** How the model was made. */
    public static final String PROVENANCE = ModelFiles.PROVENANCE;

    /** DJL Serving's configuration. */
    public static final String SERVING = "serving.properties";

    /** Store format version and every file's size and SHA-256. */
    public static final String MANIFEST = "manifest.json";

    /** The suffix of DJL's parameter files. */
    public static final String PARAMS_SUFFIX = ".params";

    private final Path dir;
    private final Path shownAs;

    /**
     * Describes the files of a model folder.
     *
     * @param dir the folder
     */
    public ModelLayout(Path dir) {
        this(dir, null);
    }

    private ModelLayout(Path dir, Path shownAs) {
        this.dir = dir;
        this.shownAs = shownAs;
    }

    /**
     * Describes the files of a saved version; messages name the zip it was unpacked from, if any.
     *
     * @param version the version
     * @return the layout
     */
    public static ModelLayout of(ModelVersion version) {
        boolean zip = version.origin() != null && !version.origin().equals(version.dir());
        return new ModelLayout(version.dir(), zip ? version.origin() : null);
    }

    /**
     * Returns the folder.
     *
     * @return the folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns the name DJL gives the parameters of a model at an epoch.
     *
     * @param modelName the model name (the project id)
     * @param epoch the epoch
     * @return for example {@code stock-forecast-0016.params}
     */
    public static String parametersFile(String modelName, int epoch) {
        return String.format(Locale.ROOT, "%s-%04d%s", modelName, epoch, PARAMS_SUFFIX);
    }

    // ---- writing ----

    /**
     * Saves the model's parameters under its name and the epoch they come from.
     *
     * @param model the trained model; its name is the project id
     * @param epoch the kept epoch
     * @return the file name written
     * @throws IOException if writing fails
     */
    public String writeParameters(Model model, int epoch) throws IOException {
        model.setProperty("Epoch", Integer.toString(epoch));
        model.save(dir, model.getName());
        return parametersFile(model.getName(), epoch);
    }

    /**
     * Writes the plugin's fitted state.
     *
     * @param state the state, a plain object Gson can write
     * @throws IOException if writing fails
     */
    public void writeState(Object state) throws IOException {
        ModelFiles.writeJson(dir.resolve(STATE), state);
    }

    /**
     * Writes the hyper-parameters as text, the form {@link ModelFiles#readHyperParameters} reads.
     *
     * @param hp the hyper-parameters
     * @throws IOException if writing fails
     */
    public void writeHyperParameters(HyperParameters hp) throws IOException {
        ModelFiles.writeJson(dir.resolve(HYPER_PARAMETERS), hp.asMap());
    }

    /**
     * Writes the test-part metrics.
     *
     * @param metrics name to value
     * @throws IOException if writing fails
     */
    public void writeMetrics(Map<String, Double> metrics) throws IOException {
        ModelFiles.writeJson(dir.resolve(METRICS), metrics);
    }

    /**
     * Writes the training history.
     *
     * @param history the epochs and the kept one
     * @throws IOException if writing fails
     */
    public void writeHistory(TrainingHistory history) throws IOException {
        ModelFiles.writeJson(dir.resolve(HISTORY), history);
    }

    /**
     * Writes the provenance.
     *
     * @param provenance the facts, with at least {@code "project"}
     * @throws IOException if writing fails
     */
    public void writeProvenance(Map<String, Object> provenance) throws IOException {
        ModelFiles.writeJson(dir.resolve(PROVENANCE), provenance);
    }

    /**
     * Writes the DJL Serving configuration: the engine, the model name, the project's serving
     * translator and {@link dev.lstmforge.spi.ProjectBlockFactory}, which rebuilds the block from
     * the plugin jar.
     *
     * @param engineName {@code PyTorch} or {@code MXNet}
     * @param modelName the model name (the project id)
     * @param translatorClass the serving translator's class name
     * @throws IOException if writing fails
     */
    public void writeServingProperties(String engineName, String modelName, String translatorClass) throws IOException {
        Properties p = new Properties();
        p.setProperty("engine", engineName);
        p.setProperty("option.modelName", modelName);
        p.setProperty("translator", translatorClass);
        p.setProperty("blockFactory", dev.lstmforge.spi.ProjectBlockFactory.class.getName());
        try (Writer w = Files.newBufferedWriter(dir.resolve(SERVING), StandardCharsets.UTF_8)) {
            p.store(w, "DJL Serving configuration written by LSTM Forge");
        }
    }

    /**
     * Writes {@code manifest.json}: the store format and the size and SHA-256 of every file now
     * in the folder ({@link #modelFiles()}). Call it after every other file is written.
     *
     * @return what was recorded
     * @throws IOException if a file cannot be read or the manifest written
     */
    public Manifest writeManifest() throws IOException {
        Map<String, FileEntry> files = new TreeMap<>();
        for (String name : listFiles()) {
            Path f = dir.resolve(name);
            files.put(name, new FileEntry(Files.size(f), sha256(f)));
        }
        Manifest m = new Manifest(FORMAT, files);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", m.format());
        json.put("files", m.files());
        ModelFiles.writeJson(dir.resolve(MANIFEST), json);
        return m;
    }

    // ---- reading ----

    /**
     * Loads the saved parameters into a model whose block is set; the model's name selects the
     * file, the newest epoch wins.
     *
     * @param model the model
     * @throws IOException if the file cannot be read
     * @throws MalformedModelException if its content does not fit the block
     */
    public void readParameters(Model model) throws IOException, MalformedModelException {
        model.load(dir, model.getName());
    }

    /**
     * Reads the plugin's fitted state.
     *
     * @param type the state class
     * @param <S> the state type
     * @return the state
     * @throws IOException if missing or not valid JSON
     */
    public <S> S readState(Class<S> type) throws IOException {
        return ModelFiles.readState(dir, type);
    }

    /**
     * Reads the hyper-parameters.
     *
     * @return the hyper-parameters, as text
     * @throws IOException if missing or not valid JSON
     */
    public HyperParameters readHyperParameters() throws IOException {
        return ModelFiles.readHyperParameters(dir);
    }

    /**
     * Tells whether the folder has a provenance, which makes it a model folder.
     *
     * @return true if {@code provenance.json} exists
     */
    public boolean hasProvenance() {
        return Files.isRegularFile(dir.resolve(PROVENANCE));
    }

    /**
     * Reads the provenance.
     *
     * @return the provenance object
     * @throws LstmForgeException if it is missing or not a JSON object
     */
    public JsonObject readProvenance() {
        return readObject(PROVENANCE);
    }

    /**
     * Reads the project id from the provenance.
     *
     * @return the project id, or empty if the provenance is unreadable or names none
     */
    public Optional<String> projectId() {
        try {
            JsonElement p = readProvenance().get("project");
            return p != null && p.isJsonPrimitive() && !p.getAsString().isBlank()
                    ? Optional.of(p.getAsString())
                    : Optional.empty();
        } catch (LstmForgeException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the DJL Serving configuration.
     *
     * @return the properties
     * @throws IOException if it is missing or unreadable
     */
    public Properties readServingProperties() throws IOException {
        Properties p = new Properties();
        Path file = dir.resolve(SERVING);
        if (!Files.isRegularFile(file)) {
            throw new IOException(describe(SERVING) + " is missing");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /**
     * Reads {@code manifest.json}.
     *
     * @return the manifest, or empty for a folder written before manifests existed
     * @throws LstmForgeException if the manifest is damaged
     */
    public Optional<Manifest> readManifest() {
        if (!Files.exists(dir.resolve(MANIFEST))) {
            return Optional.empty();
        }
        JsonObject o = readObject(MANIFEST);
        try {
            int format = o.get("format").getAsInt();
            Map<String, FileEntry> files = new TreeMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("files").entrySet()) {
                JsonObject f = e.getValue().getAsJsonObject();
                if (!isPlainName(e.getKey())) {
                    throw new IllegalStateException("bad file name");
                }
                files.put(
                        e.getKey(),
                        new FileEntry(f.get("size").getAsLong(), f.get("sha256").getAsString()));
            }
            return Optional.of(new Manifest(format, files));
        } catch (RuntimeException e) {
            throw new LstmForgeException(
                    describe(MANIFEST) + " is damaged: it does not list 'format' and each file's "
                            + "'size' and 'sha256'; retrain or restore it",
                    e);
        }
    }

    /**
     * Returns the store format of the folder: the manifest's, or 1 for a folder without one.
     *
     * @return the format
     */
    public int format() {
        return readManifest().map(Manifest::format).orElse(1);
    }

    /**
     * Checks that this code can read the folder and that no file changed since it was saved.
     *
     * @throws LstmForgeException naming the folder when its format is newer than {@link #FORMAT},
     *     or the first file that is missing or whose size or SHA-256 differs
     */
    public void verify() {
        Optional<Manifest> manifest = readManifest();
        int format = manifest.map(Manifest::format).orElse(1);
        if (format > FORMAT) {
            throw new LstmForgeException(describe() + " was written by store format " + format
                    + "; this LSTM Forge reads format " + FORMAT + " or older; upgrade LSTM Forge");
        }
        if (manifest.isEmpty()) {
            return;
        }
        for (Map.Entry<String, FileEntry> e : manifest.get().files().entrySet()) {
            checkFile(e.getKey(), e.getValue());
        }
    }

    private void checkFile(String name, FileEntry expected) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new LstmForgeException(describe(name) + " is missing; retrain or restore it");
        }
        long size;
        String sha;
        try {
            size = Files.size(f);
            sha = sha256(f);
        } catch (IOException e) {
            throw new LstmForgeException(describe(name) + " cannot be read: " + Messages.describe(e), e);
        }
        boolean shaDiffers = !sha.equalsIgnoreCase(expected.sha256());
        if (size != expected.size()) {
            throw new LstmForgeException(String.format(
                    Locale.ROOT,
                    "%s is damaged: %,d bytes, expected %,d%s; " + "retrain or restore it",
                    describe(name),
                    size,
                    expected.size(),
                    shaDiffers ? " (sha256 differs)" : ""));
        }
        if (shaDiffers) {
            throw new LstmForgeException(describe(name) + " is damaged: its sha256 differs from the one recorded when "
                    + "it was saved (the size, " + Messages.bytes(size) + ", is as recorded); retrain or restore it");
        }
    }

    /**
     * Lists the model's files: the manifest's list, or for an older folder every plain file
     * except plugin jars and hidden files.
     *
     * @return file names
     * @throws IOException if the folder cannot be listed
     */
    public List<String> modelFiles() throws IOException {
        Optional<Manifest> m = readManifest();
        if (m.isPresent()) {
            return List.copyOf(m.get().files().keySet());
        }
        return listFiles();
    }

    /** Every plain, non-hidden file of the folder except the manifest and jars, sorted. */
    private List<String> listFiles() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.equals(MANIFEST) && !n.startsWith(".") && !n.endsWith(".jar")) {
                    names.add(n);
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    /**
     * Names the folder as users know it.
     *
     * @return for example {@code models/stock-forecast/v1}, or the zip it came from
     */
    public String describe() {
        return Messages.path(shownAs != null ? shownAs : dir);
    }

    /**
     * Names one of the folder's files as users know it.
     *
     * @param file the file name
     * @return for example {@code models/stock-forecast/v1/state.json}, or
     *     {@code state.json in export.zip}
     */
    public String describe(String file) {
        return shownAs != null ? file + " in " + Messages.path(shownAs) : Messages.path(dir.resolve(file));
    }

    private JsonObject readObject(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new LstmForgeException(describe(name) + " is missing; retrain or restore it");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement e = JsonParser.parseReader(r);
            if (!e.isJsonObject()) {
                throw new LstmForgeException(describe(name) + " is damaged: not a JSON object; retrain or restore it");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new LstmForgeException(
                    describe(name) + " is damaged: " + ModelFiles.jsonProblem(e) + "; retrain or restore it", e);
        } catch (IOException e) {
            throw new LstmForgeException(describe(name) + " cannot be read: " + Messages.describe(e), e);
        }
    }

    private static boolean isPlainName(String name) {
        return !name.isEmpty()
                && !name.contains("/")
                && !name.contains("\\")
                && !name.equals(".")
                && !name.equals("..");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DataFingerprint.sha256(in);
        }
    }

    /**
     * The content of {@code manifest.json}.
     *
     * @param format the store format the folder was written by
     * @param files file name to size and SHA-256
     */
    public record Manifest(int format, Map<String, FileEntry> files) {

        /** Copies the map. */
        public Manifest {
            files = Collections.unmodifiableMap(new TreeMap<>(files));
        }
    }

    /**
     * One file as recorded at save time.
     *
     * @param size the size in bytes
     * @param sha256 the hex SHA-256 of the content
     */
    public record FileEntry(long size, String sha256) {}
}
