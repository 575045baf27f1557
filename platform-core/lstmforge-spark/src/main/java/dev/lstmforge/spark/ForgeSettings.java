package dev.lstmforge.spark;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.config.ForgeConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an executor starts LSTM Forge: where the plugins and engine profiles are, which profile,
 * and how many intra-op threads each task's engine calls use. It travels to the executors with
 * the job, so it holds only paths as text and numbers.
 *
 * <p>Tasks share an executor's cores, so the default gives every task one intra-op thread for
 * training and for predictions ({@code spark.executor.cores} tasks then use that many cores,
 * not that many squared). Paths must exist on every executor: on a cluster, ship the plugins
 * folder with {@code --archives} (see the README).
 *
 * <pre>{@code
 * ForgeSettings s = ForgeSettings.of(Path.of("plugins")).withEngine("mxnet-cpu");
 * }</pre>
 *
 * @param pluginsDir the plugins folder, as the executors see it
 * @param enginesDir the engine profiles folder, or null for the built-in profiles
 * @param engine the engine profile name
 * @param trainingThreads intra-op threads of a task's training, 0 for one per core
 * @param inferenceThreads intra-op threads of a task's predictions, 0 for one per core
 */
public record ForgeSettings(
        String pluginsDir, String enginesDir, String engine, int trainingThreads, int inferenceThreads)
        implements Serializable {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is missing or negative
     */
    public ForgeSettings {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(engine, "engine");
        if (trainingThreads < 0 || inferenceThreads < 0) {
            throw new IllegalArgumentException(
                    "thread counts must be 0 or more: " + trainingThreads + ", " + inferenceThreads);
        }
    }

    /**
     * Settings with the default profile ({@code pytorch-cpu}) and one thread per task.
     *
     * @param pluginsDir the plugins folder
     * @return the settings
     */
    public static ForgeSettings of(Path pluginsDir) {
        return new ForgeSettings(pluginsDir.toString(), null, "pytorch-cpu", 1, 1);
    }

    /**
     * Returns these settings with another engine profile.
     *
     * @param name the profile name, e.g. {@code mxnet-cpu}
     * @return the changed settings
     */
    public ForgeSettings withEngine(String name) {
        return new ForgeSettings(pluginsDir, enginesDir, name, trainingThreads, inferenceThreads);
    }

    /**
     * Returns these settings with a folder of engine profile files.
     *
     * @param dir the folder
     * @return the changed settings
     */
    public ForgeSettings withEnginesDir(Path dir) {
        return new ForgeSettings(
                pluginsDir, dir == null ? null : dir.toString(), engine, trainingThreads, inferenceThreads);
    }

    /**
     * Returns these settings with other per-task thread counts.
     *
     * @param training intra-op threads of training, 0 for one per core
     * @param inference intra-op threads of predictions, 0 for one per core
     * @return the changed settings
     */
    public ForgeSettings withThreads(int training, int inference) {
        return new ForgeSettings(pluginsDir, enginesDir, engine, training, inference);
    }

    /**
     * Starts LSTM Forge with these settings over a model store.
     *
     * @param modelsDir the model store root
     * @return the API; close it when done
     */
    public LstmForge start(Path modelsDir) {
        LstmForge.Builder b = LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(Path.of(pluginsDir))
                .modelsDir(modelsDir)
                .engine(engine)
                .threads(trainingThreads, inferenceThreads);
        if (enginesDir != null) {
            b.enginesDir(Path.of(enginesDir));
        }
        return b.build();
    }
}
