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
                Evaluation evaluation = withTrainingMetrics(
                        PluginCalls.call(project, () -> project.evaluate(ctx, prepared, model)),
                        history,
                        prepared,
                        model);
                Instant finished = Instant.now();
                Map<String, Object> provenance = Provenance.record(
                        s,
                        project,
                        hp,
                        prepared.fingerprint(),
                        data,
                        started,
                        finished,
                        history,
                        ctx.warnings(),
                        variant);
                ModelVersion version = save(project, model, prepared, hp, history, evaluation, provenance, dir -> {});
                s.log().accept("saved " + version.ref() + " in " + version.dir());
                ReportEntry entry = new ReportEntry(
                        id,
                        project.info().title(),
                        variant,
                        version.ref(),
                        history,
                        evaluation,
                        Provenance.facts(
                                s.engine(),
                                s.seed(),
                                prepared.fingerprint(),
                                hp,
                                started,
                                finished,
                                Map.of(),
                                ctx.warnings()));
                return new TrainResult(version, history, evaluation, entry);
            }
        } catch (IOException e) {
            throw new LstmForgeException("training " + id + " failed: " + Messages.describe(e), e);
        }
    }

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
