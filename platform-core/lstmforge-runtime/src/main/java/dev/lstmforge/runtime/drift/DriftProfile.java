package dev.lstmforge.runtime.drift;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.ModelFiles;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The drift reference of a model: one {@link FeatureProfile} per input feature, in input order
 * with unique names, and free-form facts (for example the data file and the date range the
 * profile was taken from). It lives in the model folder as {@value #FILE_NAME}.
 *
 * <p>The file is JSON: {@code {"format": "lstmforge-drift-profile", "version": 1, "facts": {...},
 * "features": [{"name", "count", "mean", "std", "min", "max", "edges", "binFractions",
 * "sample"}, ...]}}. Numbers are written in Java's shortest round-trip form, so reading a written
 * profile gives an equal one. Writing goes to a temporary file in the same folder that is then
 * moved over the target atomically (where the file system allows), so readers never see half a
 * file. Reading checks every field and fails with an {@link LstmForgeException} that names the
 * file and the field.
 *
 * <pre>{@code
 * DriftProfile profile = DriftProfile.builder()
 *         .add("close", closes)
 *         .add("volume", volumes)
 *         .fact("data", "AAPL.csv")
 *         .build();
 * profile.write(modelDir);                       // modelDir/drift-profile.json
 * DriftProfile again = DriftProfile.read(modelDir);
 * assert again.equals(profile);
 * }</pre>
 */
public final class DriftProfile {

    /** The name of the profile file in a model folder. */
    public static final String FILE_NAME = "drift-profile.json";

    /**
     * The fact that lists, comma-separated, the features that describe the model's answers rather
     * than its inputs; a data file checked with {@code lstmforge drift} has only inputs.
     */
    public static final String OUTPUTS_FACT = "outputs";

    /** The value of the {@code format} field. */
    public static final String FORMAT = "lstmforge-drift-profile";

    /** The file format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final List<FeatureProfile> features;
    private final Map<String, String> facts;

    private DriftProfile(List<FeatureProfile> features, Map<String, String> facts) {
        this.features = List.copyOf(features);
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * Starts a profile.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes a profile from finished feature profiles.
     *
     * @param features the features, at least one, unique names
     * @param facts free-form facts, neither keys nor values null
     * @return the profile
     * @throws IllegalArgumentException when there is no feature, a name repeats, or a fact is null
     */
    public static DriftProfile of(List<FeatureProfile> features, Map<String, String> facts) {
        Builder b = builder();
        features.forEach(b::add);
        facts.forEach(b::fact);
        return b.build();
    }

    /**
     * Returns the feature profiles in input order.
     *
     * @return an unmodifiable list
     */
    public List<FeatureProfile> features() {
        return features;
    }

    /**
     * Returns the feature names in input order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return features.stream().map(FeatureProfile::name).toList();
    }

    /**
     * Looks a feature up by name.
     *
     * @param name the feature name
     * @return the profile, or empty when there is no such feature
     */
    public Optional<FeatureProfile> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Returns the free-form facts, in insertion order.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> facts() {
        return facts;
    }

    /**
     * Returns the names of the features that describe the model's answers (see
     * {@link #OUTPUTS_FACT}).
     *
     * @return the output feature names, possibly none
     */
    public List<String> outputNames() {
        String list = facts().get(OUTPUTS_FACT);
        return list == null || list.isBlank() ? List.of() : List.of(list.split(","));
    }

    /**
     * Returns this profile without its output features, for checking data that holds inputs only.
     *
     * @return the input part; this profile when it has no outputs
     * @throws LstmForgeException when the profile describes outputs only
     */
    public DriftProfile inputsOnly() {
        List<String> outputs = outputNames();
        if (outputs.isEmpty()) {
            return this;
        }
        if (features().stream().allMatch(f -> outputs.contains(f.name()))) {
            throw new LstmForgeException("the drift profile describes only the model's answers " + outputs
                    + ", not its inputs; watch them in the server (GET /models/{model}/drift)");
        }
        List<FeatureProfile> inputs = new ArrayList<>();
        for (FeatureProfile f : features()) {
            if (!outputs.contains(f.name())) {
                inputs.add(f);
            }
        }
        return of(inputs, facts());
    }

    /**
     * Writes the profile as {@value #FILE_NAME} into a folder, creating the folder if needed,
     * through a temporary file and an atomic move.
     *
     * @param modelDir the model folder
     * @return the file written
     * @throws IOException when the folder or the file cannot be written
     */
    public Path write(Path modelDir) throws IOException {
        Files.createDirectories(modelDir);
        Path target = modelDir.resolve(FILE_NAME);
        Path tmp = modelDir.resolve("." + FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, toJson() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Reads a profile.
     *
     * @param path a model folder holding {@value #FILE_NAME}, or the file itself
     * @return the profile
     * @throws LstmForgeException when the file is missing, unreadable, not JSON, or a field is
     *     missing or wrong; the message names the file and the field
     */
    public static DriftProfile read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        String shown = Messages.path(file);
        if (!Files.isRegularFile(file)) {
            throw new LstmForgeException(shown + " is missing; build the drift profile again");
        }
        JsonElement root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (JsonParseException e) {
            throw new LstmForgeException(shown + " is damaged: " + ModelFiles.jsonProblem(e), e);
        } catch (IOException e) {
            throw new LstmForgeException(shown + " cannot be read: " + Messages.describe(e), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new LstmForgeException(shown + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the JSON text of the profile, as {@link #write(Path)} writes it.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        JsonObject f = new JsonObject();
        facts.forEach(f::addProperty);
        root.add("facts", f);
        JsonArray list = new JsonArray();
        for (FeatureProfile p : features) {
            JsonObject o = new JsonObject();
            o.addProperty("name", p.name());
            o.addProperty("count", p.count());
            o.addProperty("mean", p.mean());
            o.addProperty("std", p.std());
            o.addProperty("min", p.min());
            o.addProperty("max", p.max());
            o.add("edges", array(p.edgesView()));
            o.add("binFractions", array(p.binFractionsView()));
            o.add("sample", array(p.sampleView()));
            list.add(o);
        }
        root.add("features", list);
        return GSON.toJson(root);
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray(values.length);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** Parses and checks the JSON tree; problems are IllegalArgumentExceptions naming the field. */
    static DriftProfile fromJson(JsonElement root) {
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        String format = string(o, "format", "format");
        if (!format.equals(FORMAT)) {
            throw new IllegalArgumentException("format: expected \"" + FORMAT + "\", found \"" + format + "\"");
        }
        long version = integer(o, "version", "version");
        if (version != VERSION) {
            throw new IllegalArgumentException(
                    "version: " + version + " is not supported; this version of LSTM Forge reads version " + VERSION);
        }
        Builder b = builder();
        JsonElement factsElement = o.get("facts");
        if (factsElement != null && !factsElement.isJsonNull()) {
            if (!factsElement.isJsonObject()) {
                throw new IllegalArgumentException("facts: expected an object of strings");
            }
            for (Map.Entry<String, JsonElement> e :
                    factsElement.getAsJsonObject().entrySet()) {
                b.fact(e.getKey(), string(factsElement.getAsJsonObject(), e.getKey(), "facts." + e.getKey()));
            }
        }
        JsonElement list = o.get("features");
        if (list == null || list.isJsonNull()) {
            throw new IllegalArgumentException("features: missing");
        }
        if (!list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException("features: expected a non-empty array");
        }
        JsonArray features = list.getAsJsonArray();
        for (int i = 0; i < features.size(); i++) {
            String at = "features[" + i + "]";
            if (!features.get(i).isJsonObject()) {
                throw new IllegalArgumentException(at + ": expected an object");
            }
            JsonObject f = features.get(i).getAsJsonObject();
            String name = string(f, "name", at + ".name");
            if (name.isBlank()) {
                throw new IllegalArgumentException(at + ".name: must not be blank");
            }
            if (b.names.containsKey(name)) {
                throw new IllegalArgumentException(at + ".name: '" + name + "' appears twice");
            }
            at = at + " ('" + name + "')";
            b.add(feature(f, name, at));
        }
        return b.build();
    }

    private static FeatureProfile feature(JsonObject f, String name, String at) {
        long count = integer(f, "count", at + ".count");
        if (count < 1) {
            throw new IllegalArgumentException(at + ".count: must be at least 1, found " + count);
        }
        double mean = number(f, "mean", at + ".mean");
        double std = number(f, "std", at + ".std");
        double min = number(f, "min", at + ".min");
        double max = number(f, "max", at + ".max");
        if (std < 0) {
            throw new IllegalArgumentException(at + ".std: must not be negative, found " + std);
        }
        if (min > max) {
            throw new IllegalArgumentException(at + ".min: " + min + " is above max " + max);
        }
        if (mean < min || mean > max) {
            throw new IllegalArgumentException(at + ".mean: " + mean + " lies outside [min, max]");
        }
        double[] edges = numbers(f, "edges", at + ".edges");
        try {
            Psi.requireEdges(edges);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ".edges: " + e.getMessage(), e);
        }
        double[] fractions = numbers(f, "binFractions", at + ".binFractions");
        if (fractions.length != edges.length + 1) {
            throw new IllegalArgumentException(at + ".binFractions: expected " + (edges.length + 1)
                    + " values (one more than edges), found " + fractions.length);
        }
        double total = 0;
        for (double v : fractions) {
            if (v < 0 || v > 1) {
                throw new IllegalArgumentException(at + ".binFractions: " + v + " lies outside [0, 1]");
            }
            total += v;
        }
        if (Math.abs(total - 1.0) > 1e-9) {
            throw new IllegalArgumentException(at + ".binFractions: sum to " + total + ", not 1");
        }
        double[] sample = numbers(f, "sample", at + ".sample");
        if (sample.length > count) {
            throw new IllegalArgumentException(at + ".sample: " + sample.length + " values, more than count " + count);
        }
        if (!Samples.isSorted(sample)) {
            throw new IllegalArgumentException(at + ".sample: not in ascending order");
        }
        if (sample[0] < min || sample[sample.length - 1] > max) {
            throw new IllegalArgumentException(at + ".sample: values lie outside [min, max]");
        }
        return new FeatureProfile(name, count, mean, std, min, max, edges, fractions, sample);
    }

    private static JsonElement required(JsonObject o, String key, String field) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return e;
    }

    private static String string(JsonObject o, String key, String field) {
        JsonElement e = required(o, key, field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(field + ": expected a string, found " + e);
        }
        return e.getAsString();
    }

    private static double number(JsonObject o, String key, String field) {
        return finite(required(o, key, field), field);
    }

    private static double finite(JsonElement e, String field) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(field + ": expected a number, found " + e);
        }
        double v;
        try {
            v = e.getAsDouble();
        } catch (NumberFormatException x) {
            throw new IllegalArgumentException(field + ": expected a number, found " + e, x);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(field + ": expected a finite number, found " + e);
        }
        return v;
    }

    private static long integer(JsonObject o, String key, String field) {
        JsonElement e = required(o, key, field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(field + ": expected a whole number, found " + e);
        }
        try {
            return new BigDecimal(e.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException x) {
            throw new IllegalArgumentException(field + ": expected a whole number, found " + e, x);
        }
    }

    private static double[] numbers(JsonObject o, String key, String field) {
        JsonElement e = required(o, key, field);
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a non-empty array of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = finite(a.get(i), field + "[" + i + "]");
        }
        return v;
    }

    /**
     * Compares features (in order) and facts.
     *
     * @param o the other object
     * @return whether {@code o} is an equal profile
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof DriftProfile p && features.equals(p.features) && facts.equals(p.facts));
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(features, facts);
    }

    /**
     * Lists the features in one line each.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DriftProfile of " + features.size() + " features");
        features.forEach(f -> s.append("\n  ").append(f));
        return s.toString();
    }

    /**
     * Collects feature profiles and facts for a {@link DriftProfile}. The bins, sample size and
     * seed apply to the features added after they are set.
     *
     * <pre>{@code
     * DriftProfile p = DriftProfile.builder().sampleSize(1000).seed(7).add("close", closes).build();
     * }</pre>
     */
    public static final class Builder {

        private final Map<String, FeatureProfile> names = new LinkedHashMap<>();
        private final Map<String, String> facts = new LinkedHashMap<>();
        private int bins = Psi.DEFAULT_BINS;
        private int sampleSize = FeatureProfile.DEFAULT_SAMPLE_SIZE;
        private long seed = FeatureProfile.DEFAULT_SEED;

        private Builder() {}

        /**
         * Sets the number of PSI bins asked for.
         *
         * @param bins at least 2; default {@value Psi#DEFAULT_BINS}
         * @return this builder
         * @throws IllegalArgumentException when {@code bins < 2}
         */
        public Builder bins(int bins) {
            if (bins < 2) {
                throw new IllegalArgumentException("PSI needs at least 2 bins, got " + bins);
            }
            this.bins = bins;
            return this;
        }

        /**
         * Sets the most values kept in each reference sample.
         *
         * @param sampleSize at least 1; default {@value FeatureProfile#DEFAULT_SAMPLE_SIZE}
         * @return this builder
         * @throws IllegalArgumentException when {@code sampleSize < 1}
         */
        public Builder sampleSize(int sampleSize) {
            if (sampleSize < 1) {
                throw new IllegalArgumentException("sample size must be at least 1, got " + sampleSize);
            }
            this.sampleSize = sampleSize;
            return this;
        }

        /**
         * Sets the seed of the reference subsample.
         *
         * @param seed any value; default {@value FeatureProfile#DEFAULT_SEED}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Profiles a feature and adds it after the ones already added.
         *
         * @param name the feature name, not blank, not added before
         * @param values the reference values, non-empty and finite
         * @return this builder
         * @throws IllegalArgumentException when the name is blank or repeated, or the values are
         *     empty or hold a non-finite value
         */
        public Builder add(String name, double[] values) {
            FeatureProfile.requireName(name);
            requireNew(name);
            return add(FeatureProfile.of(name, values, bins, sampleSize, seed));
        }

        /**
         * Adds a finished feature profile after the ones already added.
         *
         * @param feature the profile; its name not added before
         * @return this builder
         * @throws IllegalArgumentException when the name is repeated
         */
        public Builder add(FeatureProfile feature) {
            Objects.requireNonNull(feature, "feature");
            requireNew(feature.name());
            names.put(feature.name(), feature);
            return this;
        }

        /**
         * Adds or replaces a fact.
         *
         * @param key the key, not null
         * @param value the value, not null
         * @return this builder
         * @throws IllegalArgumentException when the key or the value is null
         */
        public Builder fact(String key, String value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("a fact needs a key and a value, got " + key + " = " + value);
            }
            facts.put(key, value);
            return this;
        }

        /**
         * Builds the profile.
         *
         * @return the profile
         * @throws IllegalArgumentException when no feature was added
         */
        public DriftProfile build() {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a drift profile needs at least one feature");
            }
            return new DriftProfile(new ArrayList<>(names.values()), facts);
        }

        private void requireNew(String name) {
            if (names.containsKey(name)) {
                throw new IllegalArgumentException("feature '" + name + "' was added twice; names must be unique");
            }
        }
    }
}
