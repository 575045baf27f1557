package dev.lstmforge.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.ProjectContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The host's {@link ProjectContext} for one run; owns the run's {@link NDManager}. */
final class RunContext implements ProjectContext, AutoCloseable {

    private final String engineName;
    private final Device device;
    private final long seed;
    private final HyperParameters hp;
    private final Path dataPath;
    private final Path dataRoot;
    private final NDManager manager;
    private final Consumer<String> log;
    private final Purpose purpose;
    private final List<String> warnings = new ArrayList<>();

    RunContext(
            String engineName,
            Device device,
            long seed,
            HyperParameters hp,
            Path dataPath,
            Path dataRoot,
            Purpose purpose,
            Consumer<String> log) {
        this.engineName = engineName;
        this.device = device;
        this.seed = seed;
        this.hp = hp;
        this.dataPath = dataPath;
        this.dataRoot = dataRoot;
        this.purpose = purpose;
        this.log = log;
        this.manager = Engine.getEngine(engineName).newBaseManager(device);
    }

    @Override
    public String engineName() {
        return engineName;
    }

    @Override
    public Purpose purpose() {
        return purpose;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public HyperParameters hyperParameters() {
        return hp;
    }

    @Override
    public Optional<Path> dataPath() {
        return Optional.ofNullable(dataPath);
    }

    @Override
    public Optional<Path> dataRoot() {
        return Optional.ofNullable(dataRoot);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
        log.accept("warning: " + message);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        manager.close();
    }
}
