package dev.lstmforge.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import dev.lstmforge.runtime.drift.DriftProfile;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the server gets its models: it turns a model URL ({@code POST /models?url=...} or a
 * name given to {@code lstmforge serve}) into a description, and opens one batch function per
 * worker. {@link ForgeModels} serves the model store; tests may serve anything.
 *
 * <pre>{@code
 * ModelProvider models = new ForgeModels(forge);
 * ModelProvider.Description d = models.describe("stock-forecast");   // stock-forecast, version 3
 * DynamicBatcher.BatchFunction<Input, Output> f = models.open(d, window::add);   // on a worker thread
 * }</pre>
 */
public interface ModelProvider {

    /**
     * What a URL points to.
     *
     * @param name the model's default name (its project id)
     * @param version the version label ({@code "3"} for the store's {@code v3})
     * @param ref the exact reference the workers load, so that every worker gets the same files
     *     even when a newer version is saved meanwhile
     * @param servingProperties the model's {@code serving.properties} (batching defaults such as
     *     {@code batch_size}); empty when it has none
     * @param drift the reference profile of the training inputs, or null when the model has none
     */
    record Description(
            String name, String version, String ref, Map<String, String> servingProperties, DriftProfile drift) {

        /**
         * Returns this description under another name and version.
         *
         * @param newName the name
         * @param newVersion the version label
         * @return the renamed description
         */
        public Description as(String newName, String newVersion) {
            return new Description(newName, newVersion, ref, servingProperties, drift);
        }
    }

    /**
     * Resolves a URL without loading the network.
     *
     * @param url a store reference ({@code PROJECT}, {@code PROJECT/vN}), a local model folder or
     *     exported zip, or a {@code file:} URL of one
     * @return the description
     * @throws ApiError 400 for a URL of another kind (remote URLs are refused) or one that names
     *     no model
     */
    Description describe(String url);

    /**
     * Loads the model for one worker; called on that worker's thread.
     *
     * @param model what {@link #describe} returned
     * @param drift receives the monitored feature values of each request answered successfully
     *     (only called when the model has a drift profile)
     * @return a batch function holding the worker's own predictor
     */
    DynamicBatcher.BatchFunction<Input, Output> open(Description model, Consumer<Map<String, double[]>> drift);
}
