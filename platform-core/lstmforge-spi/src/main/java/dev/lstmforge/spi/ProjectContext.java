package dev.lstmforge.spi;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the host hands a plugin for one run: the chosen engine and device, the seed, the
 * hyper-parameters and where data lives. Plugins never pick an engine themselves; every
 * {@code NDArray} they create comes from {@link #manager()}, which lives on the chosen engine and
 * device and is closed by the host after the run.
 *
 * <pre>{@code
 * Path csv = ctx.dataPath().orElseGet(() -> ctx.dataRoot()
 *         .map(root -> root.resolve("stock/AAPL.csv"))
 *         .filter(Files::isRegularFile)
 *         .orElse(null));
 * NDArray x = ctx.manager().create(windows, new Shape(n, 60, 1));
 * }</pre>
 */
public interface ProjectContext {

    /**
     * Returns the DJL engine name this run uses, such as {@code PyTorch} or {@code MXNet}.
     *
     * @return the engine name
     */
    String engineName();

    /**
     * Why the host prepares data, so a plugin given a saved model's state knows whether to build
     * training data too.
     *
     * <pre>{@code
     * boolean evaluateOnly = fitted != null && ctx.purpose() == ProjectContext.Purpose.EVALUATE;
     * }</pre>
     */
    enum Purpose {
        /** Training from scratch: the state is {@code null} and is fitted on the training part. */
        TRAIN,
        /**
         * Continuing from a saved version ({@code train --from}): the state is the parent's and must
         * be reused unchanged (scalers, vocabulary, classes); training and validation data are
         * needed, and data the state cannot encode (an unseen class, another feature set) is an
         * error.
         */
        FINE_TUNE,
        /** Evaluating a saved model: only the test part is needed. */
        EVALUATE
    }

    /**
     * Returns why the data is being prepared. The default, {@link Purpose#TRAIN}, keeps contexts
     * written before fine-tuning existed working.
     *
     * @return the purpose
     */
    default Purpose purpose() {
        return Purpose.TRAIN;
    }

    /**
     * Returns the device this run uses.
     *
     * @return the device
     */
    Device device();

    /**
     * Returns the seed for every random choice of the run (splits, shuffles, sampling).
     *
     * @return the seed
     */
    long seed();

    /**
     * Returns the hyper-parameters: the plugin's defaults overridden by the user's values.
     *
     * @return the hyper-parameters
     */
    HyperParameters hyperParameters();

    /**
     * Returns the file or folder the user named with {@code --data}, if any.
     *
     * @return the user's data path
     */
    Optional<Path> dataPath();

    /**
     * Returns the configured data root (for example the shared public datasets), if any.
     *
     * @return the data root
     */
    Optional<Path> dataRoot();

    /**
     * Returns a folder where a plugin may keep files it derives from data and can rebuild at any
     * time (generated data sets, cached features) between runs. It may not exist yet. Default:
     * the system property {@code lstmforge.cacheDir}, else {@code lstmforge-cache} in the
     * system's temporary folder.
     *
     * <pre>{@code
     * Path clips = ctx.cacheDir().resolve("video-action/generated-" + specHash);
     * }</pre>
     *
     * @return the cache folder
     */
    default Path cacheDir() {
        String configured = System.getProperty("lstmforge.cacheDir");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "lstmforge-cache");
    }

    /**
     * Returns a manager on the run's engine and device; closed by the host after the run.
     *
     * @return the manager
     */
    NDManager manager();

    /**
     * Reports a warning the user should see (a repaired cell, a fallback dataset); it is also
     * recorded in the model's provenance.
     *
     * @param message the warning
     */
    void warn(String message);
}
