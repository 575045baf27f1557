package dev.lstmforge.runtime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import dev.lstmforge.runtime.drift.DriftProfile;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.store.ModelStore;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.runtime.train.TrainingBudget;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.runtime.train.TrainingRunner;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.ContinualParams;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.spi.TrainingParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training run, start to finish: parse the hyper-parameters, prepare the data, train with
 * early stopping, evaluate the kept epoch on the test part, and save a new model version
 * through {@link ModelLayout}.
 *
 * <pre>{@code
 * TrainResult r = new TrainingPipeline(session).train(project, Path.of("AAPL.csv"), Map.of(), "default");
 * }</pre>
 */
final class TrainingPipeline {

    private final Session s;

    TrainingPipeline(Session session) {
        this.s = session;
    }

    /**
     * Parses a project's hyper-parameters: its declarations plus the host's training keys, with
     * the overrides applied.
     *
     * @param project the project
     * @param overrides user overrides
     * @return the typed hyper-parameters
     * @throws LstmForgeException for an unknown key (naming the closest known one) or a bad value
     */
    static HyperParameters hyperParameters(LstmProject<?, ?> project, Map<String, String> overrides) {
        List<Param<?>> declared = TrainingParams.withHostKeys(project.parameters());
        List<String> names = declared.stream().map(Param::name).toList();
        for (String key : overrides.keySet()) {
            if (!names.contains(key) && ContinualParams.isContinualKey(key)) {
                throw new LstmForgeException("'" + key + "' applies only when continuing from a saved version: add"
                        + " --from MODEL (train " + project.info().id() + " --from "
                        + project.info().id()
                        + "/vN ...)");
            }
            if (!names.contains(key)) {
                throw HyperParameters.unknown(key, names, project.info().id());
            }
        }
        return HyperParameters.parse(declared, overrides);
    }

    /**
     * Trains, evaluates and saves.
     *
     * @param project the project
     * @param data a data file or folder, or null for the project's default data
     * @param overrides hyper-parameter overrides
     * @param variant the demo variant or {@code default}
     * @return the saved version, history and evaluation
     * @throws InterruptedException if interrupted; nothing is saved then
     */
    <S, D extends PreparedData<S>> TrainResult train(
            LstmProject<S, D> project, Path data, Map<String, String> overrides, String variant)
            throws InterruptedException {
        String id = project.info().id();
        HyperParameters hp = hyperParameters(project, overrides);
        if (data != null && !Files.exists(data)) {
            throw new LstmForgeException("data file not found: " + data);
        }
        Instant started = Instant.now();
        Engine.getEngine(s.engine().engineName()).setRandomSeed((int) s.seed());
        try (RunContext ctx = s.context(hp, data, s.seed())) {
            D prepared = PluginCalls.call(project, () -> project.prepare(ctx, null));
            Block block = PluginCalls.call(project, () -> project.newBlock(hp, prepared.state()));
            try (Model model =
                    Model.newInstance(id, s.engine().device(), s.engine().engineName())) {
                model.setBlock(block);
                s.log()
                        .accept("training " + id + " (" + variant + ") on "
                                + s.engine().engineName() + " " + s.engine().device() + ", seed " + s.seed());
                TrainingHistory history = new TrainingRunner(TrainingBudget.from(hp), s.listener())
                        .train(model, prepared, PluginCalls.call(project, () -> project.trainingRecipe(hp)));
                s.log()
                        .accept("kept epoch " + history.bestEpoch() + " of "
                                + history.epochs().size() + "; " + history.stopReason());
                return finish(
                        new Finish<>(project, ctx, model, prepared, hp, history, data, started, variant),
                        Map.of(),
                        Map.of(),
                        dir -> {});
            }
        } catch (IOException e) {
            throw new LstmForgeException("training " + id + " failed: " + Messages.describe(e), e);
        }
    }

    /**
     * What a training run hands to {@link #finish}.
     *
     * @param project the project
     * @param ctx the run's context
     * @param model the trained model, best epoch's parameters loaded
     * @param prepared the data it was trained on
     * @param hp the hyper-parameters
     * @param history the epochs
     * @param data the data path given, or null
     * @param started when the run started
     * @param variant the report's variant name
     * @param <S> the state type
     * @param <D> the prepared-data type
     */
    record Finish<S, D extends PreparedData<S>>(
            LstmProject<S, D> project,
            RunContext ctx,
            Model model,
            D prepared,
            HyperParameters hp,
            TrainingHistory history,
            Path data,
            Instant started,
            String variant) {}

    /**
     * Ends a training run, from scratch or fine-tuned: evaluates the model on the test part,
     * records its provenance, saves the version with any extra files, and makes its report entry.
     *
     * @param f the run
     * @param provenance facts added to the provenance (a fine-tuning's parent and lineage)
     * @param facts facts added to the report entry
     * @param extra files added to the version
     * @return the saved version, its history and its evaluation
     * @throws IOException if saving fails
     */
    <S, D extends PreparedData<S>> TrainResult finish(
            Finish<S, D> f, Map<String, Object> provenance, Map<String, String> facts, ExtraFiles extra)
            throws IOException {
        LstmProject<S, D> project = f.project();
        Evaluation evaluation = withTrainingMetrics(
                PluginCalls.call(project, () -> project.evaluate(f.ctx(), f.prepared(), f.model())),
                f.history(),
                f.prepared(),
                f.model());
        Instant finished = Instant.now();
        Map<String, Object> record = Provenance.record(
                s,
                project,
                f.hp(),
                f.prepared().fingerprint(),
                f.data(),
                f.started(),
                finished,
                f.history(),
                f.ctx().warnings(),
                f.variant());
        record.putAll(provenance);
        ModelVersion version = save(project, f.model(), f.prepared(), f.hp(), f.history(), evaluation, record, extra);
        s.log().accept("saved " + version.ref() + " in " + version.dir());
        Map<String, String> more = new java.util.LinkedHashMap<>(facts);
        more.replaceAll((k, v) -> v.replace(THIS_VERSION, version.ref()));
        ReportEntry entry = new ReportEntry(
                project.info().id(),
                project.info().title(),
                f.variant(),
                version.ref(),
                f.history(),
                evaluation,
                Provenance.facts(
                        s.engine(),
                        s.seed(),
                        f.prepared().fingerprint(),
                        f.hp(),
                        f.started(),
                        finished,
                        more,
                        f.ctx().warnings()));
        return new TrainResult(version, f.history(), evaluation, entry);
    }

    /** Stands for the new version's reference in report facts given to {@link #finish}. */
    static final String THIS_VERSION = "{this version}";

    /** Files a run adds to its version beside the standard ones, before the manifest. */
    @FunctionalInterface
    interface ExtraFiles {
        /**
         * Writes the files.
         *
         * @param dir the pending version's folder
         * @throws IOException if writing fails
         */
        void write(Path dir) throws IOException;
    }

    /**
     * Saves a trained model as a new version, atomically: every file is written into a pending
     * folder that is renamed into place only when complete.
     */
    <S> ModelVersion save(
            LstmProject<S, ?> project,
            Model model,
            PreparedData<S> prepared,
            HyperParameters hp,
            TrainingHistory history,
            Evaluation evaluation,
            Map<String, Object> provenance,
            ExtraFiles extra)
            throws IOException {
        String translator = PluginCalls.call(project, project::newServingTranslator)
                .getClass()
                .getName();
        try (ModelStore.Pending pending = s.store().begin(project.info().id())) {
            ModelLayout out = new ModelLayout(pending.dir());
            out.writeParameters(model, history.bestEpoch());
            out.writeState(prepared.state());
            out.writeHyperParameters(hp);
            out.writeHistory(history);
            out.writeMetrics(evaluation.metrics());
            out.writeServingProperties(s.engine().engineName(), project.info().id(), translator);
            out.writeProvenance(provenance);
            writeDriftProfile(project, prepared, evaluation, pending.dir());
            extra.write(pending.dir());
            out.writeManifest();
            return pending.commit();
        }
    }

    /**
     * Saves the profile of the training part's inputs that drift monitoring compares live inputs
     * with, when the project offers one ({@link PreparedData#driftReference()}).
     */
    private static <S> void writeDriftProfile(
            LstmProject<S, ?> project, PreparedData<S> prepared, Evaluation evaluation, Path dir) throws IOException {
        Map<String, double[]> inputs = PluginCalls.call(project, prepared::driftReference);
        Map<String, double[]> reference = new TreeMap<>(inputs == null ? Map.of() : inputs);
        Map<String, double[]> outputs = new TreeMap<>(evaluation.driftOutputs());
        outputs.keySet().removeAll(reference.keySet());
        reference.putAll(outputs);
        DriftProfile.Builder b =
                DriftProfile.builder().fact("project", project.info().id());
        if (!outputs.isEmpty()) {
            b.fact(DriftProfile.OUTPUTS_FACT, String.join(",", outputs.keySet()));
        }
        boolean any = false;
        for (Map.Entry<String, double[]> e : reference.entrySet()) {
            double[] values = e.getValue() == null
                    ? new double[0]
                    : Arrays.stream(e.getValue()).filter(Double::isFinite).toArray();
            if (values.length > 0) {
                b.add(e.getKey(), values);
                any = true;
            }
        }
        if (any) {
            b.build().write(dir);
        }
    }

    /** Appends what the host measured: training time and speed, epochs, and model size. */
    static Evaluation withTrainingMetrics(Evaluation ev, TrainingHistory history, PreparedData<?> data, Model model) {
        double seconds = history.epochs().stream().mapToDouble(e -> e.seconds()).sum();
        double speed = history.epochs().stream()
                .mapToDouble(e -> e.samplesPerSecond())
                .average()
                .orElse(0);
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
}
