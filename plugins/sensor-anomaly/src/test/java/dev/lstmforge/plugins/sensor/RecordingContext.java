package dev.lstmforge.plugins.sensor;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.TrainingParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A project context for calling the project directly in tests: PyTorch on the CPU, warnings kept. */
final class RecordingContext implements ProjectContext, AutoCloseable {

    private final HyperParameters hp;
    private final Path data;
    private final Path root;
    private final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    final List<String> warnings = new ArrayList<>();

    RecordingContext(Map<String, String> overrides, Path data, Path root) {
        this.hp =
                HyperParameters.parse(TrainingParams.withHostKeys(new SensorAnomalyProject().parameters()), overrides);
        this.data = data;
        this.root = root;
    }

    @Override
    public String engineName() {
        return "PyTorch";
    }

    @Override
    public Device device() {
        return Device.cpu();
    }

    @Override
    public long seed() {
        return 42;
    }

    @Override
    public HyperParameters hyperParameters() {
        return hp;
    }

    @Override
    public Optional<Path> dataPath() {
        return Optional.ofNullable(data);
    }

    @Override
    public Optional<Path> dataRoot() {
        return Optional.ofNullable(root);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void close() {
        manager.close();
    }
}
