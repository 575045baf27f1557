package dev.lstmforge.spark;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What one executor JVM keeps between tasks: one started LSTM Forge (plugins and engine) per
 * settings, and per model file a pool of loaded models, each with its own predictor. A task
 * borrows a model for its partition and gives it back when the partition is done, so the
 * executor loads a model (and checks its files against the manifest) once per task slot, not
 * once per task. Everything is closed when the JVM exits.
 */
final class ExecutorModels {

    private static final Map<ForgeSettings, LstmForge> FORGES = new ConcurrentHashMap<>();
    private static final Map<String, ConcurrentLinkedDeque<LoadedModel>> POOLS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "lstmforge-executor-models"));
    }

    private ExecutorModels() {}

    /**
     * Returns the executor's LSTM Forge for these settings, starting it on first use. Its own
     * store is a scratch folder: scoring loads models by file, training uses
     * {@link LstmForge#withStore} views.
     */
    static LstmForge forge(ForgeSettings settings) {
        return FORGES.computeIfAbsent(settings, s -> {
            try {
                return s.start(Files.createTempDirectory("lstmforge-executor-store"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Takes a loaded model of this file from the pool, loading one if none is free. */
    static LoadedModel borrow(ForgeSettings settings, Path modelFile) {
        LoadedModel m = pool(settings, modelFile).pollFirst();
        return m != null ? m : forge(settings).load(modelFile.toString());
    }

    /** Returns a borrowed model for the next task. */
    static void giveBack(ForgeSettings settings, Path modelFile, LoadedModel model) {
        pool(settings, modelFile).offerFirst(model);
    }

    private static ConcurrentLinkedDeque<LoadedModel> pool(ForgeSettings settings, Path modelFile) {
        return POOLS.computeIfAbsent(settings + "|" + modelFile.toAbsolutePath(), k -> new ConcurrentLinkedDeque<>());
    }

    /** Closes every pooled model and started LSTM Forge (tests call it between jobs). */
    static synchronized void closeAll() {
        POOLS.values().forEach(pool -> {
            for (LoadedModel m; (m = pool.pollFirst()) != null; ) {
                m.close();
            }
        });
        POOLS.clear();
        FORGES.values().forEach(LstmForge::close);
        FORGES.clear();
    }
}
