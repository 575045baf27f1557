package dev.lstmforge.runtime;

import ai.djl.Model;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.spi.ProjectContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates a saved model on the test part of its data, prepared with the model's saved state
 * and the seed it was trained with, so the test part is the one held out at training.
 *
 * <p>Without {@code data} the evaluation uses what the model was trained on, as
 * {@link TrainingData} decides: the recorded path if it is unchanged (a clear error if it is
 * missing or changed), or the project's default data when training used that too (a warning
 * when its fingerprint differs from the recorded one). The report's facts say which.
 *
 * <pre>{@code
 * ReportEntry e = new ModelEvaluation(session, loader).evaluate("stock-forecast/v3", null);
 * e.facts().get("data origin");   // "the data the model was trained on (/data/MSFT.csv, ...)"
 * }</pre>
 */
final class ModelEvaluation {

    private final Session s;
    private final ModelLoader loader;

    ModelEvaluation(Session session, ModelLoader loader) {
        this.s = session;
        this.loader = loader;
    }

    /**
     * Evaluates a model.
     *
     * @param ref the model reference
     * @param data the data to evaluate on, or null for the model's training data
     * @return the report entry
     */
    ReportEntry evaluate(String ref, Path data) {
        try (ModelHandle h = loader.open(ref)) {
            return evaluateTyped(loader.projectOf(h), h, data);
        }
    }

    private <S, D extends PreparedData<S>> ReportEntry evaluateTyped(
            LstmProject<S, D> project, ModelHandle h, Path data) {
        ModelLayout layout = h.layout();
        String ref = h.version().ref();
        try {
            S state = layout.readState(project.stateType());
            HyperParameters hp = layout.readHyperParameters();
            JsonObject provenance = layout.readProvenance();
            TrainingData trained = TrainingData.read(provenance);
            TrainingData.Choice choice = trained.choose(data, layout.describe());
            long seed = trained.seed() != null ? trained.seed() : s.seed();
            Instant started = Instant.now();
            try (RunContext ctx = s.context(hp, choice.path(), seed, ProjectContext.Purpose.EVALUATE);
                    Model model = loader.network(project, layout, hp, state)) {
                D prepared = PluginCalls.call(project, () -> project.prepare(ctx, state));
                if (choice.isDefault()) {
                    String difference = trained.differenceFrom(prepared.fingerprint());
                    if (difference != null) {
                        ctx.warn(difference);
                    }
                }
                Evaluation ev = PluginCalls.call(project, () -> project.evaluate(ctx, prepared, model));
                Map<String, String> more = new LinkedHashMap<>();
                more.put("data origin", choice.origin());
                more.put("training data", trained.describe());
                List<Lineage.Step> chain = Lineage.of(layout, ref);
                if (chain.size() > 1) {
                    more.put(
                            "lineage",
                            chain.stream()
                                    .map(st -> st.ref() + (st.strategy() == null ? "" : " (" + st.strategy() + ")"))
                                    .collect(Collectors.joining(" → ")));
                }
                return new ReportEntry(
                        project.info().id(),
                        project.info().title(),
                        "evaluate",
                        ref,
                        null,
                        ev,
                        Provenance.facts(
                                s.engine(),
                                seed,
                                prepared.fingerprint(),
                                hp,
                                started,
                                Instant.now(),
                                more,
                                ctx.warnings()));
            }
        } catch (IOException e) {
            throw new LstmForgeException("cannot evaluate " + ref + ": " + Messages.describe(e), e);
        }
    }
}
