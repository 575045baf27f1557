package dev.lstmforge.runtime;

import dev.lstmforge.runtime.engine.ResolvedEngine;
import dev.lstmforge.runtime.plugin.PluginHost;
import dev.lstmforge.runtime.plugin.PluginStatus;
import dev.lstmforge.runtime.store.ModelStore;
import dev.lstmforge.runtime.train.TrainingListener;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.ProjectContext;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every operation of one {@link LstmForge} shares: the plugins, the store, the engine and
 * the settings a run starts from.
 *
 * @param host the started plugin host
 * @param store the model store
 * @param engine the engine and device
 * @param seed the configured random seed
 * @param dataRoot the data root, or null
 * @param listener training progress receiver
 * @param log log line receiver
 */
record Session(
        PluginHost host,
        ModelStore store,
        ResolvedEngine engine,
        long seed,
        Path dataRoot,
        TrainingListener listener,
        Consumer<String> log) {

    /**
     * Opens the context of one run; close it to free its arrays.
     *
     * @param hp the run's hyper-parameters
     * @param data the data path given, or null for the project's default
     * @param runSeed the seed the run uses
     * @return the context
     */
    RunContext context(HyperParameters hp, Path data, long runSeed) {
        return context(hp, data, runSeed, ProjectContext.Purpose.TRAIN);
    }

    /**
     * Opens the context of one run that prepares data for a purpose other than training from
     * scratch.
     *
     * @param hp the run's hyper-parameters
     * @param data the data path given, or null for the project's default
     * @param runSeed the seed the run uses
     * @param purpose why the data is prepared
     * @return the context
     */
    RunContext context(HyperParameters hp, Path data, long runSeed, ProjectContext.Purpose purpose) {
        return new RunContext(engine.engineName(), engine.device(), runSeed, hp, data, dataRoot, purpose, log);
    }

    /**
     * Finds the plugin that provides a project.
     *
     * @param projectId the project id
     * @return its status, if loaded
     */
    Optional<PluginStatus> pluginOf(String projectId) {
        return host.statuses().stream()
                .filter(s -> s.projects().contains(projectId))
                .findFirst();
    }
}
