package dev.lstmforge.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelLayout;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.PreparedData;
import java.io.IOException;

/**
 * Opens saved models for {@code load}, {@code predict} and {@code evaluate}: resolves the
 * reference (store version, folder or zip), checks the store format and every file's size and
 * SHA-256, finds the project the provenance names, and rebuilds the network with the saved
 * parameters.
 *
 * <pre>{@code
 * try (LoadedModel m = new ModelLoader(session).load("/tmp/stock-export.zip")) {
 *     m.predict("{\"horizon\": 5}");
 * }
 * }</pre>
 */
final class ModelLoader {

    private final Session s;

    ModelLoader(Session session) {
        this.s = session;
    }

    /**
     * Opens and verifies a model.
     *
     * @param ref {@code PROJECT}, {@code PROJECT/vN}, {@code PROJECT/latest}, a folder or a zip
     * @return the handle; close it to delete an unpacked zip
     * @throws LstmForgeException if nothing matches, the format is newer or a file is damaged
     */
    ModelHandle open(String ref) {
        ModelHandle h = s.store().open(ref);
        try {
            h.layout().verify();
            return h;
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /**
     * Returns the project a model was trained by.
     *
     * @param h the opened model
     * @return the project
     * @throws LstmForgeException if no installed plugin provides it
     */
    LstmProject<?, ?> projectOf(ModelHandle h) {
        return s.host().project(h.version().projectId());
    }

    /**
     * Loads a model for predictions through its project's serving translator.
     *
     * @param ref the model reference
     * @return the loaded model; closing it also deletes an unpacked zip
     */
    LoadedModel load(String ref) {
        ModelHandle h = open(ref);
        try {
            return loadTyped(projectOf(h), h);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    private <S, D extends PreparedData<S>> LoadedModel loadTyped(LstmProject<S, D> project, ModelHandle h) {
        ModelLayout layout = h.layout();
        try {
            S state = layout.readState(project.stateType());
            HyperParameters hp = layout.readHyperParameters();
            Model model = network(project, layout, hp, state);
            return new LoadedModel(
                    h,
                    model,
                    PluginCalls.call(project, project::newServingTranslator),
                    project.getClass().getClassLoader());
        } catch (IOException e) {
            throw new LstmForgeException("cannot load " + h.version().ref() + ": " + Messages.describe(e), e);
        }
    }

    /**
     * Rebuilds a saved network: the project's block with the saved parameters.
     *
     * @param project the project
     * @param layout the model's files
     * @param hp the saved hyper-parameters
     * @param state the saved state
     * @param <S> the state type
     * @return the model; the caller closes it
     */
    <S> Model network(LstmProject<S, ?> project, ModelLayout layout, HyperParameters hp, S state) {
        String id = project.info().id();
        Model model = Model.newInstance(id, s.engine().device(), s.engine().engineName());
        try {
            model.setBlock(PluginCalls.call(project, () -> project.newBlock(hp, state)));
            layout.readParameters(model);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new LstmForgeException(
                    "cannot load the parameters of " + layout.describe() + ": "
                            + Messages.describe(e)
                            + "; its files are damaged or were not made by this project: retrain it, "
                            + "or restore it from a backup",
                    e);
        }
    }
}
