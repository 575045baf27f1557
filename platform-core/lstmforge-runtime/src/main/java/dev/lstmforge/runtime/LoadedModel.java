package dev.lstmforge.runtime;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.drift.DriftProfile;
import dev.lstmforge.runtime.engine.InferenceThreads;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.DriftFeatures;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.TableScoring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final ServingTranslator translator;

    LoadedModel(ModelHandle handle, Model model, ServingTranslator translator, ClassLoader pluginLoader) {
        this.handle = handle;
        this.version = handle.version();
        this.model = model;
        this.translator = translator;
        this.predictor = model.newPredictor(translator);
        this.pluginLoader = pluginLoader;
    }

    /**
     * Reads the reference profile of the training inputs that drift monitoring compares live
     * inputs with ({@code drift-profile.json}); models of projects without drift monitoring, and
     * models saved before it existed, have none.
     *
     * <pre>{@code
     * m.driftProfile().ifPresent(p -> System.out.println(p.names()));   // [log_return]
     * }</pre>
     *
     * @return the profile, if the model has one
     * @throws LstmForgeException if the file is there but damaged, naming it and the field
     */
    public Optional<DriftProfile> driftProfile() {
        Path file = version.dir().resolve(DriftProfile.FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(DriftProfile.read(file)) : Optional.empty();
    }

    /**
     * Returns the monitored values of one of this model's answers, as the project's serving
     * translator reads them ({@link DriftFeatures#outputFeatures}); empty when it names none.
     *
     * @param input the request
     * @param output its successful answer
     * @return feature name to values
     * @throws TranslateException when the answer cannot be read
     */
    public Map<String, double[]> driftOutputs(Input input, Output output) throws TranslateException {
        if (!(translator instanceof DriftFeatures features)) {
            return Map.of();
        }
        return translating(() -> features.outputFeatures(input, output));
    }

    /**
     * Returns the drift-monitored feature values one request carries, as the project's serving
     * translator reads them ({@link DriftFeatures}); empty when the project offers none.
     *
     * @param input the request
     * @return feature name to values
     * @throws TranslateException when the request cannot be read
     */
    public Map<String, double[]> driftFeatures(Input input) throws TranslateException {
        if (!(translator instanceof DriftFeatures features)) {
            return Map.of();
        }
        return translating(() -> {
            features.loadModelFiles(version.dir());
            return features.driftFeatures(input);
        });
    }

    /**
     * Returns how a batch job scores a table's rows with this model ({@link TableScoring}), with
     * the model's files read; empty when the project's translator does not score tables (text
     * generation).
     *
     * <pre>{@code
     * TableScoring t = m.tableScoring().orElseThrow();
     * t.scoringUnit();      // WINDOW for the stock forecaster
     * t.contextRows();      // 60: one window
     * }</pre>
     *
     * @return the translator's table scoring, if it has one
     * @throws LstmForgeException if a model file is unusable
     */
    public Optional<TableScoring> tableScoring() {
        if (!(translator instanceof TableScoring scoring)) {
            return Optional.empty();
        }
        try {
            translating(() -> {
                scoring.loadModelFiles(version.dir());
                return null;
            });
        } catch (TranslateException e) {
            throw failure(e);
        }
        return Optional.of(scoring);
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
                InferenceThreads.enter(model);
                return predictor.predict(input);
            } catch (TranslateException e) {
                throw failure(e);
            }
        });
    }

    private LstmForgeException failure(TranslateException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof LstmForgeException)) {
            cause = cause.getCause();
        }
        return new LstmForgeException("prediction with " + version.ref() + " failed: " + Messages.describe(cause), e);
    }

    /**
     * Runs one request given as text (for example JSON or CSV) with optional string properties.
     *
     * @param body the request body
     * @param properties request properties, e.g. sampling options
     * @return the response body as text
     */
    public String predict(String body, Map<String, String> properties) {
        return predict(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    /**
     * Runs one request whose body is binary (for example the bytes of an audio file).
     *
     * @param body the request body
     * @param properties request properties
     * @return the response body as text
     */
    public String predict(byte[] body, Map<String, String> properties) {
        return predictAll(List.of(body), properties).get(0);
    }

    /**
     * Runs several requests as one batch, the way DJL Serving's dynamic batching does: the
     * translator encodes each, the model runs one forward pass, and each gets its own response.
     *
     * <pre>{@code
     * List<String> answers = m.predictAll(List.of(Files.readAllBytes(a), Files.readAllBytes(b)), Map.of());
     * }</pre>
     *
     * @param bodies the request bodies
     * @param properties request properties, the same for every request
     * @return the response bodies as text, in request order
     */
    public List<String> predictAll(List<byte[]> bodies, Map<String, String> properties) {
        List<Input> inputs = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            Input in = new Input();
            in.add("data", body);
            properties.forEach(in::addProperty);
            inputs.add(in);
        }
        List<Output> outputs = PluginCalls.call(pluginLoader, version.ref(), () -> {
            try {
                InferenceThreads.enter(model);
                return predictor.batchPredict(inputs);
            } catch (TranslateException e) {
                throw failure(e);
            }
        });
        List<String> texts = new ArrayList<>(outputs.size());
        for (Output out : outputs) {
            if (out.getCode() >= 400) {
                String why = out.getMessage() == null || out.getMessage().isBlank()
                        ? "status " + out.getCode()
                        : out.getMessage();
                throw new LstmForgeException("prediction with " + version.ref() + " failed: " + why);
            }
            texts.add(out.getData() == null ? "" : out.getData().getAsString());
        }
        return texts;
    }

    /**
     * Runs requests as one batch and gives back DJL's outputs unchanged, for a server that maps
     * them to HTTP responses: one forward pass through the translator's batchifier.
     *
     * <pre>{@code
     * List<Output> outs = m.predictBatch(List.of(in1, in2));   // one forward with batch 2
     * }</pre>
     *
     * @param inputs the requests, as DJL Serving passes them
     * @return one output per request, in order
     * @throws TranslateException when a request is bad (the translator refused it) or decoding
     *     failed; the whole batch fails, so a caller may retry the requests one by one
     */
    public List<Output> predictBatch(List<Input> inputs) throws TranslateException {
        return translating(() -> {
            InferenceThreads.enter(model);
            return predictor.batchPredict(inputs);
        });
    }

    /**
     * Calls translator code in the plugin's class loader; a translator's refusal comes out as the
     * {@link TranslateException} it is, not wrapped.
     */
    private <T> T translating(PluginCalls.PluginCall<T> call) throws TranslateException {
        try {
            return PluginCalls.call(pluginLoader, version.ref(), call);
        } catch (LstmForgeException e) {
            if (e.getCause() instanceof TranslateException t) {
                throw t;
            }
            throw e;
        }
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

    /**
     * Returns the network with its parameters, for tools that run it directly (benchmarks of the
     * bare forward pass); predictions go through {@link #predict(Input)}.
     *
     * @return the model; closed with this object
     */
    public Model model() {
        return model;
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
