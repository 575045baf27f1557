package dev.lstmforge.runtime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.Record;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.continual.ConcatDataset;
import dev.lstmforge.runtime.continual.Ewc;
import dev.lstmforge.runtime.continual.ReplayMemory;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.train.StepExtras;
import dev.lstmforge.runtime.train.TrainingBudget;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.runtime.train.TrainingRunner;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.ContinualParams;
import dev.lstmforge.spi.Examples;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.spi.TrainingRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Continues training from a saved version ({@code train --from}): the parent's block, weights,
 * preprocessing state and hyper-parameters, new data, and one of the strategies of
 * {@link ContinualParams} against forgetting. The new version is written like any other
 * (atomically; the parent is only read), with the parent, the strategy and the whole chain's data
 * in its provenance ({@link Lineage}), plus the strategy's memory: the replay examples
 * ({@link ReplayMemory}) or the EWC anchor ({@link Ewc}). A parent without them (trained from
 * scratch, or with another strategy) gets them rebuilt from the data its lineage records.
 *
 * <pre>{@code
 * TrainResult r = new FineTuning(session, loader, pipeline)
 *         .fineTune("audio-classification/v3", Path.of("lucas/"), Map.of("strategy", "replay"));
 * }</pre>
 */
final class FineTuning {

    private static final Set<String> FREE_KEYS = keys();

    private final Session s;
    private final ModelLoader loader;
    private final TrainingPipeline pipeline;

    FineTuning(Session session, ModelLoader loader, TrainingPipeline pipeline) {
        this.s = session;
        this.loader = loader;
        this.pipeline = pipeline;
    }

    private static Set<String> keys() {
        List<Param<?>> all = new ArrayList<>(TrainingParams.ALL);
        all.addAll(ContinualParams.ALL);
        return all.stream().map(Param::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Fine-tunes a saved version on new data.
     *
     * @param parentRef the parent: a store reference, folder or zip
     * @param data the new data, or null for the project's default data
     * @param overrides training and strategy keys; a project key only with the parent's value
     * @return the new version, history and evaluation on the new data's test part
     * @throws InterruptedException if interrupted; nothing is saved then
     */
    TrainResult fineTune(String parentRef, Path data, Map<String, String> overrides) throws InterruptedException {
        return fineTune(null, parentRef, data, overrides);
    }

    /**
     * Fine-tunes a saved version of an expected project.
     *
     * @param projectId the project the parent must belong to, or null for any
     * @param parentRef the parent
     * @param data the new data, or null for the project's default data
     * @param overrides training and strategy keys
     * @return the new version
     * @throws LstmForgeException if the parent belongs to another project
     * @throws InterruptedException if interrupted; nothing is saved then
     */
    TrainResult fineTune(String projectId, String parentRef, Path data, Map<String, String> overrides)
            throws InterruptedException {
        try (ModelHandle parent = loader.open(parentRef)) {
            String actual = parent.version().projectId();
            if (projectId != null && !projectId.equals(actual)) {
                throw new LstmForgeException("--from " + parentRef + " is a model of " + actual + ", not of "
                        + projectId + "; fine-tune it with: train " + actual + " --from " + parentRef);
            }
            return typed(loader.projectOf(parent), parent, data, overrides);
        }
    }

    /**
     * Merges a fine-tuning's hyper-parameters: the parent's, with training and strategy keys
     * overridable and the strategy keys reset to their defaults.
     *
     * @param project the project
     * @param parentHp the parent's saved hyper-parameters
     * @param overrides the user's overrides
     * @param parentRef how messages name the parent
     * @return the typed hyper-parameters
     * @throws LstmForgeException for an unknown key, or a project key whose value differs from
     *     the parent's (it shapes the network or its preprocessing)
     */
    static HyperParameters hyperParameters(
            LstmProject<?, ?> project, HyperParameters parentHp, Map<String, String> overrides, String parentRef) {
        List<Param<?>> declared = new ArrayList<>(TrainingParams.withHostKeys(project.parameters()));
        declared.addAll(ContinualParams.ALL);
        Map<String, Param<?>> byName = new LinkedHashMap<>();
        declared.forEach(p -> byName.put(p.name(), p));
        Map<String, String> values = new LinkedHashMap<>();
        for (Param<?> p : declared) {
            if (parentHp.contains(p.name()) && !ContinualParams.isContinualKey(p.name())) {
                values.put(p.name(), parentHp.get(p.name()));
            }
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            Param<?> p = byName.get(o.getKey());
            if (p == null) {
                throw HyperParameters.unknown(
                        o.getKey(), byName.keySet(), project.info().id());
            }
            if (!FREE_KEYS.contains(p.name()) && !p.isPerRun()) {
                Object now = p.parse(o.getValue());
                Object was = parentHp.contains(p.name()) ? p.parse(parentHp.get(p.name())) : p.defaultValue();
                if (!Objects.equals(now, was)) {
                    throw new LstmForgeException("cannot change " + p.name() + " from " + was + " to " + now
                            + " when fine-tuning from " + parentRef + ": a project setting shapes the network or"
                            + " its preprocessing, which a fine-tuned version inherits unchanged; train from"
                            + " scratch to change it");
                }
            }
            values.put(o.getKey(), o.getValue());
        }
        return HyperParameters.parse(declared, values);
    }

    private <S, D extends PreparedData<S>> TrainResult typed(
            LstmProject<S, D> project, ModelHandle parent, Path data, Map<String, String> overrides)
            throws InterruptedException {
        String id = project.info().id();
        ModelLayout pl = parent.layout();
        String parentRef = parent.version().ref();
        if (data != null && !Files.exists(data)) {
            throw new LstmForgeException("data file not found: " + data);
        }
        S state;
        HyperParameters parentHp;
        try {
            state = pl.readState(project.stateType());
            parentHp = pl.readHyperParameters();
        } catch (IOException e) {
            throw new LstmForgeException("cannot read " + pl.describe() + ": " + Messages.describe(e), e);
        }
        HyperParameters hp = hyperParameters(project, parentHp, overrides, parentRef);
        String strategy = hp.get(ContinualParams.STRATEGY);
        List<JsonObject> lineage = Lineage.childLineage(pl, parentRef);
        Instant started = Instant.now();
        Engine.getEngine(s.engine().engineName()).setRandomSeed((int) s.seed());
        List<RunContext> earlierContexts = new ArrayList<>();
        try (RunContext ctx = s.context(hp, data, s.seed(), ProjectContext.Purpose.FINE_TUNE);
                Model model = loader.network(project, pl, hp, state);
                NDManager keep = model.getNDManager().newSubManager()) {
            D prepared = PluginCalls.call(project, () -> project.prepare(ctx, state));
            Examples examples =
                    PluginCalls.call(project, prepared::trainingExamples).orElse(null);
            if (examples != null && examples.size() == 0) {
                throw new LstmForgeException(id + " prepared no training data from "
                        + (data == null ? "its default data" : data) + " for fine-tuning; give more data");
            }
            TrainingRecipe recipe = PluginCalls.call(project, () -> project.trainingRecipe(hp));
            Function<JsonObject, PreparedData<S>> earlierData = entry -> {
                RunContext c = contextOf(entry, hp);
                earlierContexts.add(c);
                return PluginCalls.call(project, () -> project.prepare(c, state));
            };
            PreparedData<S> trainOn = prepared;
            StepExtras extras = StepExtras.NONE;
            ReplayMemory memory = null;
            Ewc anchor = null;
            switch (strategy) {
                case "replay" -> {
                    requireExamples(id, examples);
                    memory = ReplayMemory.read(pl.dir());
                    if (memory.size() == 0) {
                        s.log()
                                .accept("replay: " + parentRef + " has no memory; sampling it from the data of "
                                        + lineage.size() + " earlier task(s)");
                        for (JsonObject e : lineage) {
                            Examples ex = PluginCalls.call(project, earlierData.apply(e)::trainingExamples)
                                    .orElse(null);
                            requireExamples(id, ex);
                            memory.addTask(
                                    taskName(e),
                                    ex,
                                    hp.get(ContinualParams.REPLAY_PER_TASK),
                                    new Random(s.seed()),
                                    keep);
                        }
                    }
                    extras = replay(memory, examples, hp, keep);
                    s.log().accept("replay: " + memory.size() + " remembered examples " + memory.perTask());
                }
                case "ewc" -> {
                    anchor = Ewc.read(pl.dir(), keep).orElse(null);
                    if (anchor == null) {
                        s.log()
                                .accept("ewc: " + parentRef + " has no Fisher information; estimating it on the"
                                        + " data of " + lineage.size() + " earlier task(s)");
                        for (JsonObject e : lineage) {
                            PreparedData<S> d = earlierData.apply(e);
                            Map<String, NDArray> f = Ewc.fisher(
                                    model,
                                    d.train(),
                                    d.inputShapes(),
                                    recipe.loss(),
                                    hp.get(ContinualParams.FISHER_BATCHES),
                                    keep);
                            anchor = anchor == null
                                    ? Ewc.of(f, model.getBlock(), keep)
                                    : anchor.plus(f, model.getBlock(), keep);
                        }
                    }
                    Ewc a = anchor;
                    double lambda = hp.get(ContinualParams.EWC_LAMBDA);
                    extras = new StepExtras() {
                        @Override
                        public NDArray penalty(NDManager manager) {
                            return a.penalty(model.getBlock(), lambda, manager);
                        }
                    };
                }
                case "joint" -> {
                    List<Dataset> train = new ArrayList<>();
                    List<Dataset> valid = new ArrayList<>();
                    for (JsonObject e : lineage) {
                        PreparedData<S> d = earlierData.apply(e);
                        train.add(d.train());
                        valid.add(d.validation());
                    }
                    train.add(prepared.train());
                    valid.add(prepared.validation());
                    trainOn = new PreparedData<>(
                            new ConcatDataset(train, new Random(s.seed() + 3)),
                            new ConcatDataset(valid, null),
                            prepared.inputShapes(),
                            prepared.state(),
                            prepared.fingerprint());
                }
                default -> {
                    // naive: the new data alone
                }
            }
            s.log()
                    .accept("fine-tuning " + parentRef + " on "
                            + prepared.fingerprint().source() + " with strategy "
                            + strategy + " (" + s.engine().engineName() + " "
                            + s.engine().device() + ", seed " + s.seed()
                            + ")");
            TrainingHistory history =
                    new TrainingRunner(TrainingBudget.from(hp), s.listener()).train(model, trainOn, recipe, extras);
            s.log()
                    .accept("kept epoch " + history.bestEpoch() + " of "
                            + history.epochs().size() + "; " + history.stopReason());
            if (memory != null) {
                memory.addTask(
                        prepared.fingerprint().source(),
                        examples,
                        hp.get(ContinualParams.REPLAY_PER_TASK),
                        new Random(s.seed() + lineage.size()),
                        keep);
            }
            if (anchor != null) {
                anchor = anchor.plus(
                        Ewc.fisher(
                                model,
                                prepared.train(),
                                prepared.inputShapes(),
                                recipe.loss(),
                                hp.get(ContinualParams.FISHER_BATCHES),
                                keep),
                        model.getBlock(),
                        keep);
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("parent", parentRef);
            provenance.put("strategy", strategy);
            provenance.put("lineage", Lineage.toJson(lineage));
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("fine-tuned from", parentRef + " with strategy " + strategy);
            facts.put(
                    "lineage",
                    lineage.stream().map(e -> e.get("ref").getAsString()).collect(Collectors.joining(" → ")) + " → "
                            + TrainingPipeline.THIS_VERSION);
            ReplayMemory savedMemory = memory;
            Ewc savedAnchor = anchor;
            return pipeline.finish(
                    new TrainingPipeline.Finish<>(
                            project, ctx, model, prepared, hp, history, data, started, "fine-tune (" + strategy + ")"),
                    provenance,
                    facts,
                    dir -> {
                        if (savedMemory != null) {
                            savedMemory.write(dir);
                        }
                        if (savedAnchor != null) {
                            savedAnchor.write(dir);
                        }
                    });
        } catch (IOException e) {
            throw new LstmForgeException("fine-tuning " + parentRef + " failed: " + Messages.describe(e), e);
        } finally {
            earlierContexts.forEach(RunContext::close);
        }
    }

    /** The context that prepares an earlier task's data again, from what its lineage entry records. */
    private RunContext contextOf(JsonObject entry, HyperParameters hp) {
        TrainingData recorded = TrainingData.read(entry);
        String ref = entry.has("ref") ? entry.get("ref").getAsString() : "an earlier version";
        TrainingData.Choice choice = recorded.choose(null, ref);
        long seed = recorded.seed() != null ? recorded.seed() : s.seed();
        return s.context(hp, choice.path(), seed, ProjectContext.Purpose.FINE_TUNE);
    }

    private static String taskName(JsonObject entry) {
        TrainingData d = TrainingData.read(entry);
        return d.source() != null ? d.source() : String.valueOf(entry.get("ref"));
    }

    private static void requireExamples(String id, Examples examples) {
        if (examples == null) {
            throw new LstmForgeException(id + "'s training data cannot be read one example at a time, so strategy"
                    + " replay is not available for it; use ewc or joint");
        }
    }

    /** Samples {@code replayBatchSize} distinct remembered examples for each step. */
    private StepExtras replay(ReplayMemory memory, Examples codec, HyperParameters hp, NDManager keep) {
        List<Record> remembered = memory.decode(keep);
        int configured = hp.get(ContinualParams.REPLAY_BATCH_SIZE);
        int size = Math.min(remembered.size(), configured > 0 ? configured : hp.get(TrainingParams.BATCH_SIZE));
        Random random = new Random(s.seed() + 5);
        int[] order = new int[remembered.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new StepExtras() {
            @Override
            public Record replayBatch(NDManager manager) {
                if (size == 0) {
                    return null;
                }
                List<Record> chosen = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    int j = i + random.nextInt(order.length - i);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    chosen.add(remembered.get(order[i]));
                }
                return codec.batch(manager, chosen);
            }
        };
    }
}
