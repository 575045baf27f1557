package dev.lstmforge.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;

import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.engine.EngineProfile;
import dev.lstmforge.runtime.engine.EngineProfiles;
import dev.lstmforge.runtime.engine.ResolvedEngine;
import dev.lstmforge.runtime.export.Exporter;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.runtime.plugin.PluginStatus;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.report.ReportWriter;
import dev.lstmforge.runtime.store.ModelStore;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.runtime.train.TrainingBudget;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.runtime.train.TrainingListener;
import dev.lstmforge.runtime.train.TrainingRunner;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.DemoVariant;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.ModelFiles;
import dev.lstmforge.spi.PreparedData;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The embedded Java API: list plugins, train, evaluate, load and predict, export, and run the
 * demo, all in a few lines. The CLI is a thin layer over this class.
 *
 * <pre>{@code
 * try (LstmForge forge = LstmForge.builder()
 *         .pluginsDir(Path.of("plugins"))
 *         .modelsDir(Path.of("models"))
 *         .engine("pytorch-cpu")
 *         .build()) {
 *     TrainResult r = forge.train("stock-forecast", null, Map.of("epochs", "10"));
 *     try (LoadedModel m = forge.load(r.version().ref())) {
 *         System.out.println(m.predict("{\"horizon\": 5}"));
 *     }
 * }
 * }</pre>
 */
public final class LstmForge implements AutoCloseable {

    /** Training keys every project gets, with the host's defaults. */
    public static final HyperParameters TRAINING_DEFAULTS = HyperParameters.builder()
            .put("epochs", 30)
            .put("batchSize", 64)
            .put("learningRate", 0.001)
            .put("patience", 5)
            .put("timeBudgetSeconds", 0)
            .build();

    private final PluginHost host;
    private final ModelStore store;
    private final ResolvedEngine engine;
    private final long seed;
    private final Path dataRoot;
    private final TrainingListener listener;
    private final Consumer<String> log;

    private LstmForge(Builder b, PluginHost host, ResolvedEngine engine, Path models, Path dataRoot, long seed) {
        this.host = host;
        this.store = new ModelStore(models);
        this.engine = engine;
        this.seed = seed;
        this.dataRoot = dataRoot;
        this.listener = b.listener;
        this.log = b.log;
    }

    /**
     * Returns a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Lists the plugins with their state.
     *
     * @return the statuses
     */
    public List<PluginStatus> plugins() {
        return host.statuses();
    }

    /**
     * Returns the usable projects by id.
     *
     * @return id to project
     */
    public Map<String, LstmProject<?, ?>> projects() {
        return host.projects();
    }

    /**
     * Returns the model store.
     *
     * @return the store
     */
    public ModelStore store() {
        return store;
    }

    /**
     * Returns the engine and device this instance runs on.
     *
     * @return the resolved engine
     */
    public ResolvedEngine engine() {
        return engine;
    }

    /**
     * Trains a project, evaluates it on its test part and saves a new model version.
     *
     * @param projectId the project id
     * @param data a data file or folder, or null for the project's default data
     * @param overrides hyper-parameter overrides
     * @return the saved version, history and evaluation
     * @throws InterruptedException if interrupted; nothing is saved then
     */
    public TrainResult train(String projectId, Path data, Map<String, String> overrides)
            throws InterruptedException {
        return train(projectId, data, overrides, "default");
    }

    private TrainResult train(String projectId, Path data, Map<String, String> overrides, String variant)
            throws InterruptedException {
        LstmProject<?, ?> project = host.project(projectId);
        return trainTyped(project, data, overrides, variant);
    }

    private <S, D extends PreparedData<S>> TrainResult trainTyped(
            LstmProject<S, D> project, Path data, Map<String, String> overrides, String variant)
            throws InterruptedException {
        String id = project.info().id();
        HyperParameters hp = hyperParameters(project, overrides);
        checkData(data);
        Instant started = Instant.now();
        Engine.getEngine(engine.engineName()).setRandomSeed((int) seed);
        try (RunContext ctx = context(hp, data)) {
            D prepared = inPlugin(project, () -> project.prepare(ctx, null));
            Block block = inPlugin(project, () -> project.newBlock(hp, prepared.state()));
            try (Model model = Model.newInstance(id, engine.device(), engine.engineName())) {
                model.setBlock(block);
                log.accept("training " + id + " (" + variant + ") on " + engine.engineName() + " "
                        + engine.device() + ", seed " + seed);
                TrainingHistory history = new TrainingRunner(TrainingBudget.from(hp), listener)
                        .train(model, prepared, inPlugin(project, () -> project.trainingRecipe(hp)));
                log.accept("kept epoch " + history.bestEpoch() + " of " + history.epochs().size() + "; "
                        + history.stopReason());
                Evaluation evaluation = withTrainingMetrics(
                        inPlugin(project, () -> project.evaluate(ctx, prepared, model)), history, prepared, model);
                Instant finished = Instant.now();
                ModelVersion version;
                try (ModelStore.Pending pending = store.begin(id)) {
                    Path dir = pending.dir();
                    model.setProperty("Epoch", Integer.toString(history.bestEpoch()));
                    model.save(dir, id);
                    ModelFiles.writeJson(dir.resolve(ModelFiles.STATE), prepared.state());
                    ModelFiles.writeJson(dir.resolve(ModelFiles.HYPER_PARAMETERS), hp.asMap());
                    ModelFiles.writeJson(dir.resolve("history.json"), history);
                    ModelFiles.writeJson(dir.resolve("metrics.json"), evaluation.metrics());
                    writeServingProperties(dir, project);
                    Map<String, Object> provenance = provenance(project, hp, prepared.fingerprint(), started,
                            finished, history, ctx.warnings(), variant);
                    // Written last: a directory with provenance.json is a complete model.
                    ModelFiles.writeJson(dir.resolve("provenance.json"), provenance);
                    version = pending.commit();
                }
                log.accept("saved " + version.ref() + " in " + version.dir());
                ReportEntry entry = new ReportEntry(id, project.info().title(), variant, version.ref(), history,
                        evaluation, facts(prepared.fingerprint(), hp, started, finished, prepared.notes()));
                return new TrainResult(version, history, evaluation, entry);
            }
        } catch (IOException e) {
            throw new LstmForgeException("training " + id + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Appends what the host measured: training time and speed, epochs, and model size.
     */
    private static Evaluation withTrainingMetrics(Evaluation ev, TrainingHistory history, PreparedData<?> data,
            Model model) {
        double seconds = history.epochs().stream().mapToDouble(e -> e.seconds()).sum();
        double speed = history.epochs().stream().mapToDouble(e -> e.samplesPerSecond()).average().orElse(0);
        long parameters = 0;
        for (var p : model.getBlock().getParameters()) {
            if (p.getValue().isInitialized()) {
                parameters += p.getValue().getArray().size();
            }
        }
        return ev.toBuilder()
                .metric("train_seconds", seconds)
                .metric("train_" + data.sampleUnit() + "_per_second", speed * data.unitsPerSample())
                .metric("epochs_run", history.epochs().size())
                .metric("best_epoch", history.bestEpoch())
                .metric("parameters", parameters)
                .metric("parameter_mb", parameters * 4.0 / (1024 * 1024))
                .build();
    }

    /**
     * Evaluates a saved model on its project's test part (of {@code data} if given), using the
     * model's saved preprocessing state.
     *
     * @param modelRef {@code PROJECT}, {@code PROJECT/vN}, {@code PROJECT/latest} or a directory
     * @param data data to evaluate on, or null for the project's default data
     * @return a report entry with the metrics
     */
    public ReportEntry evaluate(String modelRef, Path data) {
        ModelVersion v = store.resolve(modelRef);
        return evaluateTyped(projectOf(v), v, data);
    }

    private <S, D extends PreparedData<S>> ReportEntry evaluateTyped(
            LstmProject<S, D> project, ModelVersion v, Path data) {
        checkData(data);
        try {
            S state = ModelFiles.readState(v.dir(), project.stateType());
            HyperParameters hp = ModelFiles.readHyperParameters(v.dir());
            Instant started = Instant.now();
            try (RunContext ctx = context(hp, data);
                    Model model = loadModel(project, v, hp, state)) {
                D prepared = inPlugin(project, () -> project.prepare(ctx, state));
                Evaluation ev = inPlugin(project, () -> project.evaluate(ctx, prepared, model));
                return new ReportEntry(project.info().id(), project.info().title(), "evaluate", v.ref(), null, ev,
                        facts(prepared.fingerprint(), hp, started, Instant.now(), prepared.notes()));
            }
        } catch (IOException e) {
            throw new LstmForgeException("cannot evaluate " + v.ref() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a saved model for predictions through its project's serving translator.
     *
     * @param modelRef the model reference
     * @return the loaded model; close it when done
     */
    public LoadedModel load(String modelRef) {
        ModelVersion v = store.resolve(modelRef);
        LstmProject<?, ?> project = projectOf(v);
        return loadTyped(project, v);
    }

    private <S, D extends PreparedData<S>> LoadedModel loadTyped(LstmProject<S, D> project, ModelVersion v) {
        try {
            S state = ModelFiles.readState(v.dir(), project.stateType());
            HyperParameters hp = ModelFiles.readHyperParameters(v.dir());
            Model model = loadModel(project, v, hp, state);
            return new LoadedModel(v, model, inPlugin(project, project::newServingTranslator),
                    project.getClass().getClassLoader());
        } catch (IOException e) {
            throw new LstmForgeException("cannot load " + v.ref() + ": " + e.getMessage(), e);
        }
    }

    private <S> Model loadModel(LstmProject<S, ?> project, ModelVersion v, HyperParameters hp, S state) {
        String id = project.info().id();
        Model model = Model.newInstance(id, engine.device(), engine.engineName());
        try {
            model.setBlock(inPlugin(project, () -> project.newBlock(hp, state)));
            model.load(v.dir(), id);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new LstmForgeException("cannot load the parameters of " + v.ref() + " from " + v.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Exports a saved model as a DJL Serving model directory (or zip).
     *
     * @param modelRef the model reference
     * @param target the directory to create, or a path ending in {@code .zip}
     * @return the written directory or zip
     */
    public Path export(String modelRef, Path target) {
        ModelVersion v = store.resolve(modelRef);
        LstmProject<?, ?> project = projectOf(v);
        PluginStatus plugin = host.statuses().stream()
                .filter(s -> s.projects().contains(project.info().id()))
                .findFirst().orElseThrow();
        return new Exporter().export(v, plugin.source(), engine.engineName(), target);
    }

    /**
     * Trains, evaluates and saves every installed project's demo variants, then writes one
     * report.
     *
     * @param reportDir where to write the report
     * @param budgetOverrides hyper-parameters applied to every run (for example a time budget)
     * @return the report's index.html
     * @throws InterruptedException if interrupted
     */
    public DemoResult demo(Path reportDir, Map<String, String> budgetOverrides) throws InterruptedException {
        List<ReportEntry> entries = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LstmProject<?, ?> project : host.projects().values()) {
            for (DemoVariant variant : project.demoVariants()) {
                Map<String, String> hp = new LinkedHashMap<>(budgetOverrides);
                hp.keySet().retainAll(hyperParameters(project, Map.of()).asMap().keySet());
                hp.putAll(variant.overrides());
                try {
                    entries.add(train(project.info().id(), null, hp, variant.name()).report());
                } catch (LstmForgeException e) {
                    failures.add(project.info().id() + " (" + variant.name() + "): " + e.getMessage());
                    log.accept("demo: " + project.info().id() + " (" + variant.name() + ") failed: " + e.getMessage());
                }
            }
        }
        Path index = writeReport(reportDir, "LSTM Forge demo", entries);
        return new DemoResult(index, entries, failures);
    }

    /**
     * Writes a report of entries.
     *
     * @param reportDir the report directory
     * @param title the page title
     * @param entries the entries
     * @return the index.html path
     */
    public Path writeReport(Path reportDir, String title, List<ReportEntry> entries) {
        try {
            return new ReportWriter().write(reportDir, title, entries);
        } catch (IOException e) {
            throw new LstmForgeException("cannot write the report to " + reportDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the full hyper-parameters a run of a project would use.
     *
     * @param project the project
     * @param overrides user overrides
     * @return defaults, host training keys and overrides merged
     */
    public static HyperParameters hyperParameters(LstmProject<?, ?> project, Map<String, String> overrides) {
        return project.defaultHyperParameters().withDefaults(TRAINING_DEFAULTS).with(overrides);
    }

    private LstmProject<?, ?> projectOf(ModelVersion v) {
        return host.project(v.projectId());
    }

    private RunContext context(HyperParameters hp, Path data) {
        return new RunContext(engine.engineName(), engine.device(), seed, hp, data, dataRoot, log);
    }

    private static void checkData(Path data) {
        if (data != null && !Files.exists(data)) {
            throw new LstmForgeException("data file not found: " + data);
        }
    }

    private void writeServingProperties(Path dir, LstmProject<?, ?> project) throws IOException {
        Properties p = new Properties();
        p.setProperty("engine", engine.engineName());
        p.setProperty("option.modelName", project.info().id());
        p.setProperty("translator", project.newServingTranslator().getClass().getName());
        p.setProperty("blockFactory", project.blockFactoryClass().getName());
        try (Writer w = Files.newBufferedWriter(dir.resolve("serving.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "DJL Serving configuration written by LSTM Forge");
        }
    }

    private Map<String, Object> provenance(LstmProject<?, ?> project, HyperParameters hp, DataFingerprint fp,
            Instant started, Instant finished, TrainingHistory history, List<String> warnings, String variant) {
        PluginStatus plugin = host.statuses().stream()
                .filter(s -> s.projects().contains(project.info().id())).findFirst().orElse(null);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("project", project.info().id());
        p.put("variant", variant);
        p.put("plugin", plugin == null ? null : plugin.id());
        p.put("pluginVersion", plugin == null ? null : plugin.version());
        p.put("platformVersion", RuntimeInfo.platformVersion());
        p.put("djlVersion", Engine.getDjlVersion());
        p.put("engineProfile", engine.profile().name());
        p.put("engine", engine.engineName());
        p.put("engineVersion", engine.engineVersion());
        p.put("device", engine.device().toString());
        p.put("seed", seed);
        p.put("hyperParameters", hp.asMap());
        p.put("data", Map.of("source", fp.source(), "sha256", fp.sha256(), "rows", fp.rows()));
        p.put("startedAt", started.toString());
        p.put("finishedAt", finished.toString());
        p.put("trainingSeconds", Duration.between(started, finished).toMillis() / 1000.0);
        p.put("epochsRun", history.epochs().size());
        p.put("bestEpoch", history.bestEpoch());
        p.put("stopReason", history.stopReason());
        p.put("java", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("warnings", warnings);
        return p;
    }

    private Map<String, String> facts(DataFingerprint fp, HyperParameters hp, Instant started, Instant finished,
            List<String> notes) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("engine", engine.profile().name() + " (" + engine.engineName() + " " + engine.engineVersion() + ", "
                + engine.device() + ")");
        f.put("seed", Long.toString(seed));
        String hash = fp.sha256().length() > 12 ? fp.sha256().substring(0, 12) + "..." : fp.sha256();
        f.put("data", fp.source() + " (" + fp.rows() + " rows, sha256 " + hash + ")");
        f.put("hyper-parameters", hp.asMap().toString());
        f.put("wall time", String.format(java.util.Locale.ROOT, "%.1f s",
                Duration.between(started, finished).toMillis() / 1000.0));
        for (int i = 0; i < notes.size(); i++) {
            f.put("note " + (i + 1), notes.get(i));
        }
        return f;
    }

    /** Runs plugin code with the plugin's class loader as the thread's context loader. */
    static <T> T inPlugin(LstmProject<?, ?> project, Callable<T> call) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(project.getClass().getClassLoader());
        try {
            return call.call();
        } catch (LstmForgeException e) {
            throw e;
        } catch (IOException e) {
            throw new LstmForgeException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LstmForgeException(project.info().id() + ": " + e, e);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** Stops the plugins. */
    @Override
    public void close() {
        host.close();
    }

    /** Collects settings; each unset value falls back to {@link ForgeConfig}, then a default. */
    public static final class Builder {

        private Path pluginsDir;
        private PluginHost.Mode pluginMode;
        private Path modelsDir;
        private Path enginesDir;
        private String engineName;
        private Path engineConfig;
        private Path dataRoot;
        private Long seed;
        private ForgeConfig config;
        private TrainingListener listener = TrainingListener.NONE;
        private Consumer<String> log = s -> {};

        private Builder() {}

        /**
         * Sets the plugins directory (default {@code plugins/}).
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder pluginsDir(Path dir) {
            pluginsDir = dir;
            return this;
        }

        /**
         * Forces the plugin mode (default: detected from the directory).
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder pluginMode(PluginHost.Mode mode) {
            pluginMode = mode;
            return this;
        }

        /**
         * Sets the model store root (default {@code models/}).
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder modelsDir(Path dir) {
            modelsDir = dir;
            return this;
        }

        /**
         * Sets the directory of engine profile files (default {@code engines-config/}).
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder enginesDir(Path dir) {
            enginesDir = dir;
            return this;
        }

        /**
         * Chooses an engine profile by name.
         *
         * @param name e.g. {@code pytorch-cpu}
         * @return this builder
         */
        public Builder engine(String name) {
            engineName = name;
            return this;
        }

        /**
         * Chooses an engine profile file; wins over {@link #engine(String)}.
         *
         * @param file the profile file
         * @return this builder
         */
        public Builder engineConfig(Path file) {
            engineConfig = file;
            return this;
        }

        /**
         * Sets the data root for projects' default datasets.
         *
         * @param dir the data root
         * @return this builder
         */
        public Builder dataRoot(Path dir) {
            dataRoot = dir;
            return this;
        }

        /**
         * Sets the random seed (default 42).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Uses a configuration instead of {@link ForgeConfig#load()}.
         *
         * @param value the configuration
         * @return this builder
         */
        public Builder config(ForgeConfig value) {
            config = value;
            return this;
        }

        /**
         * Receives training progress.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(TrainingListener value) {
            listener = value;
            return this;
        }

        /**
         * Receives log lines (what is trained, saved, warned about).
         *
         * @param value the consumer
         * @return this builder
         */
        public Builder log(Consumer<String> value) {
            log = value;
            return this;
        }

        /**
         * Resolves the engine, starts the plugin host and returns the API.
         *
         * @return the API
         * @throws LstmForgeException if the engine profile is unknown or unusable here
         */
        public LstmForge build() {
            ForgeConfig cfg = config == null ? ForgeConfig.load() : config;
            Path engines = cfg.path("enginesDir", enginesDir).orElse(Path.of("engines-config"));
            EngineProfiles profiles = new EngineProfiles(engines);
            EngineProfile profile = profiles.select(engineConfig, engineName,
                    cfg.get("engine", null).orElse(null), null);
            ResolvedEngine resolved = profile.resolve(log);
            Path plugins = cfg.path("plugins", pluginsDir).orElse(Path.of("plugins"));
            Path models = cfg.path("models", modelsDir).orElse(Path.of("models"));
            Path data = cfg.path("dataRoot", dataRoot).orElse(null);
            long s = cfg.longValue("seed", seed).orElse(42L);
            PluginHost.Mode mode = pluginMode != null ? pluginMode : PluginHost.detectMode(plugins);
            PluginHost host = PluginHost.start(plugins, mode);
            return new LstmForge(this, host, resolved, models, data, s);
        }
    }

    /**
     * What the demo did.
     *
     * @param reportIndex the report's index.html
     * @param entries one per trained model
     * @param failures one line per run that failed
     */
    public record DemoResult(Path reportIndex, List<ReportEntry> entries, List<String> failures) {}

    /**
     * Returns a fresh report directory name under the model store.
     *
     * @param kind e.g. {@code demo}
     * @return a new path
     */
    public Path defaultReportDir(String kind) {
        return store.root().resolve("_reports")
                .resolve(kind + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
