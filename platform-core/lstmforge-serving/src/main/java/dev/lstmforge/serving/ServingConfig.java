package dev.lstmforge.serving;

import java.time.Duration;
import java.util.Map;

/**
 * Works out a model's batching settings from DJL Serving's names, in this order: the
 * registration's query parameters, then the model's {@code serving.properties}, then the
 * server's defaults.
 *
 * <pre>
 * batch_size       most requests in one forward pass
 * max_batch_delay  milliseconds a worker waits for more requests after the first of a batch
 * job_queue_size   most requests waiting (503 beyond it)
 * min_worker / max_worker (minWorkers / maxWorkers in serving.properties)
 *                  the pool is fixed: max_worker workers, or min_worker when only that is given
 * </pre>
 *
 * <pre>{@code
 * DynamicBatcher.Settings s = ServingConfig.settings(defaults, Map.of("batch_size", "8"), Map.of());
 * }</pre>
 */
public final class ServingConfig {

    private ServingConfig() {}

    /**
     * Resolves the settings.
     *
     * @param defaults the server's defaults
     * @param servingProperties the model's serving.properties
     * @param params the registration's parameters
     * @return the settings
     * @throws ApiError 400 naming the parameter and value when one is not a valid number
     */
    public static DynamicBatcher.Settings settings(
            DynamicBatcher.Settings defaults, Map<String, String> servingProperties, Map<String, String> params) {
        int batch = integer("batch_size", params, servingProperties, defaults.batchSize(), 1);
        int delay = integer(
                "max_batch_delay",
                params,
                servingProperties,
                (int) defaults.maxBatchDelay().toMillis(),
                0);
        int queue = integer("job_queue_size", params, servingProperties, defaults.queueSize(), 1);
        Integer max = optional("max_worker", "maxWorkers", params, servingProperties);
        Integer min = optional("min_worker", "minWorkers", params, servingProperties);
        int workers = max != null ? max : min != null ? min : defaults.workers();
        if (workers < 1 || (min != null && max != null && min > max)) {
            throw ApiError.badRequest("workers: min_worker " + min + " and max_worker " + max
                    + " must be at least 1 with min_worker <= max_worker");
        }
        return new DynamicBatcher.Settings(batch, Duration.ofMillis(delay), queue, workers);
    }

    /**
     * Reads the worker count of a scaling request ({@code PUT /models/NAME?min_worker=&max_worker=}).
     *
     * @param params the request's parameters
     * @param current the current count
     * @return the new count
     */
    public static int workers(Map<String, String> params, int current) {
        Integer max = optional("max_worker", "max_worker", params, Map.of());
        Integer min = optional("min_worker", "min_worker", params, Map.of());
        int workers = max != null ? max : min != null ? min : current;
        if (workers < 1 || workers > 64 || (min != null && max != null && min > max)) {
            throw ApiError.badRequest("workers: min_worker " + min + " and max_worker " + max
                    + " must be 1 to 64 with min_worker <= max_worker");
        }
        return workers;
    }

    private static int integer(
            String key, Map<String, String> params, Map<String, String> props, int fallback, int min) {
        String source = params.containsKey(key) ? "parameter" : "serving.properties";
        String text = params.containsKey(key) ? params.get(key) : props.get(key);
        if (text == null) {
            return fallback;
        }
        int value = parse(key, text, source);
        if (value < min) {
            throw ApiError.badRequest(source + " " + key + "=" + text + " must be at least " + min);
        }
        return value;
    }

    private static Integer optional(
            String key, String propertyKey, Map<String, String> params, Map<String, String> props) {
        if (params.containsKey(key)) {
            return parse(key, params.get(key), "parameter");
        }
        String text = props.containsKey(propertyKey) ? props.get(propertyKey) : props.get(key);
        return text == null ? null : parse(propertyKey, text, "serving.properties");
    }

    private static int parse(String key, String text, String source) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(source + " " + key + "='" + text + "' is not a whole number");
        }
    }
}
