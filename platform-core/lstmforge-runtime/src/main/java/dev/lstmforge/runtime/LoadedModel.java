package dev.lstmforge.runtime;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A saved model loaded for inference through its project's serving translator: the same code
 * path as DJL Serving. Not thread-safe; use one per thread (each holds its own predictor).
 *
 * <pre>{@code
 * try (LoadedModel m = forge.load("stock-forecast/latest")) {
 *     String json = m.predict("{\"horizon\": 5}");
 * }
 * }</pre>
 */
public final class LoadedModel implements AutoCloseable {

    private final ModelHandle handle;
    private final ModelVersion version;
    private final Model model;
    private final Predictor<Input, Output> predictor;
    private final ClassLoader pluginLoader;

    LoadedModel(ModelHandle handle, Model model, ServingTranslator translator, ClassLoader pluginLoader) {
        this.handle = handle;
        this.version = handle.version();
        this.model = model;
        this.predictor = model.newPredictor(translator);
        this.pluginLoader = pluginLoader;
    }

    /**
     * Returns which version is loaded.
     *
     * @return the version
     */
    public ModelVersion version() {
        return version;
    }

    /**
     * Runs one request.
     *
     * @param input the request, as DJL Serving would pass it
     * @return the response
     */
    public Output predict(Input input) {
        return PluginCalls.call(pluginLoader, version.ref(), () -> {
            try {
                return predictor.predict(input);
            } catch (TranslateException e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof LstmForgeException)) {
                    cause = cause.getCause();
                }
                throw new LstmForgeException(
                        "prediction with " + version.ref() + " failed: " + Messages.describe(cause), e);
            }
        });
    }

    /**
     * Runs one request given as text (for example JSON or CSV) with optional string properties.
     *
     * @param body the request body
     * @param properties request properties, e.g. sampling options
     * @return the response body as text
     */
    public String predict(String body, Map<String, String> properties) {
        Input in = new Input();
        in.add("data", body.getBytes(StandardCharsets.UTF_8));
        properties.forEach(in::addProperty);
        Output out = predict(in);
        if (out.getCode() >= 400) {
            String why = out.getMessage() == null || out.getMessage().isBlank()
                    ? "status " + out.getCode()
                    : out.getMessage();
            throw new LstmForgeException("prediction with " + version.ref() + " failed: " + why);
        }
        return out.getData() == null ? "" : out.getData().getAsString();
    }

    /**
     * Runs one request given as text.
     *
     * @param body the request body
     * @return the response body as text
     */
    public String predict(String body) {
        return predict(body, Map.of());
    }

    /** Closes the predictor and the model, and deletes the files of an unpacked zip. */
    @Override
    public void close() {
        try {
            predictor.close();
            model.close();
        } finally {
            handle.close();
        }
    }
}
