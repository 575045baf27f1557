package dev.lstmforge.runtime;

import ai.djl.modality.Input;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.drift.DataDrift;
import dev.lstmforge.runtime.drift.DriftCheck;
import dev.lstmforge.runtime.drift.DriftProfile;
import dev.lstmforge.runtime.engine.EngineProfile;
import dev.lstmforge.runtime.engine.EngineProfiles;
import dev.lstmforge.runtime.engine.ResolvedEngine;
import dev.lstmforge.runtime.export.Exporter;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.runtime.plugin.PluginStatus;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.report.ReportWriter;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelStore;
import dev.lstmforge.runtime.train.TrainingListener;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.DriftFeatures;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded Java API: list plugins, train, evaluate, load and predict, export, and run the
 * demo, all in a few lines. The CLI is a thin layer over this class, and this class only
 * composes: {@link dev.lstmforge.runtime.store.ModelLayout} owns a model folder's files, and
 * package-private classes own the training pipeline, loading, evaluation, provenance, the demo
 * loop and calls into plugin code.
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

    private final Session session;
    private final TrainingPipeline pipeline;
    private final ModelLoader loader;

    private final FineTuning fineTuning;
    /** False for a {@link #withStore} view, which shares its parent's plugin host. */
    private final boolean ownsHost;

    private LstmForge(Session session) {
        this(session, true);
    }

    private LstmForge(Session session, boolean ownsHost) {
        this.session = session;
        this.ownsHost = ownsHost;
        this.pipeline = new TrainingPipeline(session);
        this.loader = new ModelLoader(session);
        this.fineTuning = new FineTuning(session, loader, pipeline);
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
        return session.host().statuses();
    }

    /**
     * Returns the usable projects by id.
     *
     * @return id to project
     */
    public Map<String, LstmProject<?, ?>> projects() {
        return session.host().projects();
    }

    /**
     * Returns the model store.
     *
     * @return the store
     */
    public ModelStore store() {
        return session.store();
    }

    /**
     * Returns the engine and device this instance runs on.
     *
     * @return the resolved engine
     */
    public ResolvedEngine engine() {
        return session.engine();
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
    public TrainResult train(String projectId, Path data, Map<String, String> overrides) throws InterruptedException {
        return pipeline.train(session.host().project(projectId), data, overrides, "default");
    }

    /**
     * Continues training a saved version on new data and saves the result as a new version of
     * the same project; the parent is only read. The new version has the parent's network,
     * preprocessing state (scalers, vocabulary, classes) and project settings; data they cannot
     * encode is refused. Overrides may set the training keys ({@code epochs},
     * {@code learningRate}, ...) and the strategy against forgetting ({@link
     * dev.lstmforge.spi.ContinualParams}: {@code naive}, {@code replay}, {@code ewc}, {@code joint});
     * a project key only with the parent's value.
     *
     * <pre>{@code
     * TrainResult r = forge.fineTune("audio-classification/v3", Path.of("lucas/"),
     *         Map.of("strategy", "replay", "epochs", "20"));
     * forge.lineage(r.version().ref());   // v3's chain, then the new version
     * }</pre>
     *
     * @param from the parent: {@code PROJECT}, {@code PROJECT/vN}, a model folder or a zip
     * @param data the new data, or null for the project's default data
     * @param overrides training and strategy keys
     * @return the new version, its history and its evaluation on the new data's test part
     * @throws LstmForgeException if the data does not fit the parent, a key is unknown or would
     *     change the network, or the strategy needs data of an earlier task that is gone
     * @throws InterruptedException if interrupted; nothing is saved then
     */
    public TrainResult fineTune(String from, Path data, Map<String, String> overrides) throws InterruptedException {
        return fineTuning.fineTune(from, data, overrides);
    }

    /**
     * Fine-tunes a saved version after checking that it belongs to a project, as
     * {@code lstmforge train PROJECT --from MODEL} does.
     *
     * @param projectId the project the parent must belong to
     * @param from the parent
     * @param data the new data, or null for the project's default data
     * @param overrides training and strategy keys
     * @return the new version
     * @throws LstmForgeException if the parent is a model of another project, or as
     *     {@link #fineTune(String, Path, Map)}
     * @throws InterruptedException if interrupted; nothing is saved then
     */
    public TrainResult fineTune(String projectId, String from, Path data, Map<String, String> overrides)
            throws InterruptedException {
        return fineTuning.fineTune(projectId, from, data, overrides);
    }

    /**
     * Returns a version's lineage: the versions it was fine-tuned from, oldest first, then itself,
     * each with the data it learned. It is read from the version's own provenance, so it works for
     * an exported folder or zip too.
     *
     * @param modelRef the model reference, folder or zip
     * @return the chain, oldest first; one step for a model trained from scratch
     */
    public List<Lineage.Step> lineage(String modelRef) {
        try (ModelHandle h = loader.open(modelRef)) {
            return Lineage.of(h.layout(), h.version().ref());
        }
    }

    /**
     * Runs a sequence of tasks once per strategy and measures forgetting: the first task is
     * trained once, every later one fine-tunes the previous version, and each version is
     * evaluated on every task's test part.
     *
     * <pre>{@code
     * ContinualResult r = forge.continual("audio-classification",
     *         List.of(Path.of("george-jackson"), Path.of("lucas"), Path.of("nicolas")),
     *         List.of("naive", "replay", "ewc", "joint"), Map.of("epochs", "20"), null);
     * }</pre>
     *
     * @param projectId the project
     * @param tasks the tasks' data, in order; at least two
     * @param strategies the strategies to compare
     * @param overrides project keys (for the first training), training keys (for all) and strategy
     *     settings (for the fine-tunings)
     * @param metric the metric to compare, or null for the project's default (accuracy, ROC-AUC,
     *     RMSE or validation perplexity)
     * @return the matrices and figures per strategy, with report entries
     * @throws InterruptedException if interrupted
     */
    public ContinualResult continual(
            String projectId, List<Path> tasks, List<String> strategies, Map<String, String> overrides, String metric)
            throws InterruptedException {
        ContinualRun.Result r = new ContinualRun(session, pipeline, fineTuning, new ModelEvaluation(session, loader))
                .run(session.host().project(projectId), tasks, strategies, overrides, metric);
        Map<String, ContinualResult.Strategy> runs = new LinkedHashMap<>();
        r.runs()
                .forEach((k, v) -> runs.put(
                        k,
                        new ContinualResult.Strategy(
                                k,
                                v.r(),
                                v.versions(),
                                v.metrics().average(),
                                v.metrics().bwt(),
                                v.metrics().forgetting(),
                                v.seconds())));
        return new ContinualResult(r.projectId(), r.metric(), r.higherIsBetter(), r.tasks(), runs, r.entries());
    }

    /**
     * Backtests a forecasting project walk-forward: forecast origins every {@code refitEvery}
     * days from {@code start}, one model per fold trained on the days before its origin only
     * (from scratch, or fine-tuned from the previous fold's model), one-step forecasts of the
     * fold's days, and all folds' forecasts scored together against the project's baselines.
     *
     * <pre>{@code
     * BacktestResult r = forge.backtest("stock-forecast", Path.of("AAPL.csv"), LocalDate.parse("2018-01-01"),
     *         20, "expanding", 0, List.of("scratch", "fine-tune"), 0, 5, Map.of("epochs", "10"));
     * r.modes().get("fine-tune").overall().get("rmse");
     * }</pre>
     *
     * @param projectId a project that implements {@link dev.lstmforge.spi.Backtesting}
     * @param data the series, or null for the project's default data
     * @param start the first forecast origin
     * @param refitEvery days per fold
     * @param window {@code expanding} or {@code rolling}
     * @param rollingDays days a rolling window trains on (ignored when expanding)
     * @param modes refit modes: {@code scratch}, {@code fine-tune}
     * @param maxFolds the most folds to run; 0 for all
     * @param fineTuneEpochs the epoch limit of a fine-tune refit (the first fold is a full
     *     training); 0 for the same limit as a training from scratch
     * @param overrides hyper-parameters for every fold's training
     * @return the folds and stitched forecasts per mode, with report entries
     * @throws InterruptedException if interrupted
     */
    public BacktestResult backtest(
            String projectId,
            Path data,
            java.time.LocalDate start,
            int refitEvery,
            String window,
            int rollingDays,
            List<String> modes,
            int maxFolds,
            int fineTuneEpochs,
            Map<String, String> overrides)
            throws InterruptedException {
        return new Backtest(session, pipeline, fineTuning, loader)
                .run(
                        session.host().project(projectId),
                        data,
                        new Backtest.Options(start, refitEvery, window, rollingDays, modes, maxFolds, fineTuneEpochs),
                        overrides);
    }

    /**
     * Runs a project's own speed measurements ({@link dev.lstmforge.spi.Benchmarked}), such as
     * MFCC extraction or video decoding, on data the project generates.
     *
     * @param projectId the project
     * @param seconds roughly how long each measurement may run
     * @return figure name to value; empty when the project offers none
     */
    public Map<String, Double> benchmark(String projectId, double seconds) {
        LstmProject<?, ?> project = session.host().project(projectId);
        if (!(project instanceof dev.lstmforge.spi.Benchmarked b)) {
            return Map.of();
        }
        HyperParameters hp = TrainingPipeline.hyperParameters(project, Map.of());
        try (RunContext ctx = session.context(hp, null, session.seed())) {
            return new java.util.TreeMap<>(PluginCalls.call(project, () -> b.benchmark(ctx, seconds)));
        }
    }

    /**
     * Evaluates a saved model on the test part of its data, using the model's saved
     * preprocessing state and seed. Without {@code data} it evaluates on the data the model was
     * trained on, as its provenance records it, and refuses when that file is missing or changed;
     * the entry's facts name the data used ({@code "data"}, {@code "data origin"},
     * {@code "training data"}).
     *
     * @param modelRef {@code PROJECT}, {@code PROJECT/vN}, {@code PROJECT/latest}, a model folder
     *     (for example an export) or a zip of one
     * @param data data to evaluate on, or null for the model's training data
     * @return a report entry with the metrics
     * @throws LstmForgeException if a model file is damaged, the store format is newer than this
     *     code, or the training data is missing or changed
     */
    public ReportEntry evaluate(String modelRef, Path data) {
        return new ModelEvaluation(session, loader).evaluate(modelRef, data);
    }

    /**
     * Loads a saved model for predictions through its project's serving translator, after
     * checking its files against its manifest.
     *
     * @param modelRef the model reference, folder or zip
     * @return the loaded model; close it when done
     * @throws LstmForgeException if a model file is damaged or the store format is newer
     */
    public LoadedModel load(String modelRef) {
        return loader.load(modelRef);
    }

    /**
     * Checks new data for input drift against a model's training reference: the project's serving
     * translator reads the file as it reads a request body ({@link DriftFeatures}), and each
     * feature is compared with the reference profile saved at training time (PSI and a two-sample
     * Kolmogorov-Smirnov test, {@link DriftCheck#defaults()}).
     *
     * <pre>{@code
     * DataDrift d = forge.drift("stock-forecast", Path.of("aapl-2020-2022.csv"));
     * if (d.result().drifted()) { ... }
     * }</pre>
     *
     * @param modelRef the model reference, folder or zip
     * @param data the new data, in a form the project's {@code predict} accepts, or a folder of
     *     such files (each one request, as a folder of audio clips)
     * @return the profile, the new values and the result
     * @throws LstmForgeException if the model has no drift profile, or the file cannot be read
     */
    public DataDrift drift(String modelRef, Path data) {
        List<Path> files = driftFiles(data);
        try (LoadedModel m = load(modelRef)) {
            DriftProfile profile = m.driftProfile()
                    .orElseThrow(() -> new LstmForgeException("model "
                            + m.version().ref() + " has no "
                            + DriftProfile.FILE_NAME + ": its project offers no drift monitoring, or the model was"
                            + " saved before it did; retrain it to get one"));
            // each file is one request, as the server would receive it; their values are pooled
            Map<String, double[]> current = new LinkedHashMap<>();
            for (Path file : files) {
                Input in = new Input();
                try {
                    in.add("data", Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new LstmForgeException("cannot read " + file + ": " + Messages.describe(e), e);
                }
                try {
                    m.driftFeatures(in).forEach((k, v) -> current.merge(k, finite(v), LstmForge::concat));
                } catch (TranslateException e) {
                    throw new LstmForgeException(file + ": " + Messages.describe(e), e);
                }
            }
            if (current.isEmpty()) {
                throw new LstmForgeException(data + " holds no values of the monitored features " + profile.names());
            }
            // a file holds inputs only; the model's answers are watched by the server
            DriftProfile inputs = profile.inputsOnly();
            return new DataDrift(
                    m.version().ref(),
                    data,
                    inputs,
                    current,
                    DriftCheck.defaults().check(inputs, current));
        }
    }

    /** The files of a drift check: the file itself, or a folder's plain files in name order. */
    private static List<Path> driftFiles(Path data) {
        if (Files.isDirectory(data)) {
            try (Stream<Path> s = Files.list(data)) {
                List<Path> files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList();
                if (files.isEmpty()) {
                    throw new LstmForgeException(data + " holds no files to check for drift");
                }
                return files;
            } catch (IOException e) {
                throw new LstmForgeException("cannot list " + data + ": " + Messages.describe(e), e);
            }
        }
        if (!Files.isRegularFile(data)) {
            throw new LstmForgeException("cannot read " + data + ": no such file or folder");
        }
        return List.of(data);
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Exports a saved model as a DJL Serving model directory (or zip), after checking its files
     * against its manifest.
     *
     * @param modelRef the model reference, folder or zip
     * @param target the directory to create, or a path ending in {@code .zip}
     * @return the written directory or zip
     * @throws LstmForgeException if a model file is damaged, naming it
     */
    public Path export(String modelRef, Path target) {
        try (ModelHandle h = store().open(modelRef)) {
            LstmProject<?, ?> project = loader.projectOf(h);
            PluginStatus plugin = session.pluginOf(project.info().id()).orElseThrow();
            return new Exporter().export(h.version(), plugin.source(), engine().engineName(), target);
        }
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
        DemoRunner.Outcome o = new DemoRunner(session, pipeline).run(budgetOverrides);
        Path index = writeReport(reportDir, "LSTM Forge demo", o.entries());
        return new DemoResult(index, o.entries(), o.failures());
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
            throw new LstmForgeException("cannot write the report to " + reportDir + ": " + Messages.describe(e), e);
        }
    }

    /**
     * Returns the full hyper-parameters a run of a project would use.
     *
     * @param project the project
     * @param overrides user overrides
     * @return defaults, host training keys and overrides merged
     * @throws LstmForgeException for an unknown key ("did you mean ...") or a bad value
     */
    public static HyperParameters hyperParameters(LstmProject<?, ?> project, Map<String, String> overrides) {
        return TrainingPipeline.hyperParameters(project, overrides);
    }

    /**
     * Returns a view of this API over another model store and seed that shares the started
     * plugins and engine: one process can train many models (one per entity) into their own
     * stores without starting the plugins again for each. Closing the view does nothing; the
     * plugins stop when this object closes.
     *
     * <pre>{@code
     * try (LstmForge forge = LstmForge.builder().build()) {
     *     TrainResult r = forge.withStore(Path.of("models/AAPL"), 7).train("stock-forecast", aapl, Map.of());
     * }
     * }</pre>
     *
     * @param modelsDir the other store's root
     * @param seed the random seed of runs through the view
     * @return the view
     */
    public LstmForge withStore(Path modelsDir, long seed) {
        Session s = session;
        return new LstmForge(
                new Session(s.host(), new ModelStore(modelsDir), s.engine(), seed, s.dataRoot(), s.listener(), s.log()),
                false);
    }

    /** Stops the plugins (a {@link #withStore} view leaves them to its parent). */
    @Override
    public void close() {
        if (ownsHost) {
            session.host().close();
        }
    }

    /** Collects settings; each unset value falls back to {@link ForgeConfig}, then a default. */
    public static final class Builder {

        private Path pluginsDir;
        private PluginHost.Mode pluginMode;
        private Path modelsDir;
        private Path enginesDir;
        private String engineName;
        private Path engineConfig;
        private int[] threads;
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
         * Overrides the chosen profile's intra-op thread counts ({@link
         * EngineProfile#withThreads}), for example one thread each for tasks that share an
         * executor's cores.
         *
         * @param training intra-op threads for training, 0 for one per core
         * @param inference intra-op threads for predictions, 0 for one per core
         * @return this builder
         */
        public Builder threads(int training, int inference) {
            threads = new int[] {training, inference};
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
            EngineProfile profile = profiles.select(
                    engineConfig, engineName, cfg.get("engine", null).orElse(null), null);
            if (threads != null) {
                profile = profile.withThreads(threads[0], threads[1]);
            }
            ResolvedEngine resolved = profile.resolve(log);
            Path plugins = cfg.path("plugins", pluginsDir).orElse(Path.of("plugins"));
            Path models = cfg.path("models", modelsDir).orElse(Path.of("models"));
            Path data = cfg.path("dataRoot", dataRoot).orElse(null);
            long s = cfg.longValue("seed", seed).orElse(42L);
            PluginHost.Mode mode = pluginMode != null ? pluginMode : PluginHost.detectMode(plugins);
            PluginHost host = PluginHost.start(plugins, mode);
            return new LstmForge(new Session(host, new ModelStore(models), resolved, s, data, listener, log));
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
        return store().root()
                .resolve("_reports")
                .resolve(kind + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
