package dev.lstmforge.testkit;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.ProjectContext;
import dev.lstmforge.spi.TrainingParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ProjectContext} for calling a project's methods directly in a unit test, without the
 * host: PyTorch on the CPU, the project's hyper-parameters parsed exactly as the host parses
 * them, and every warning kept so the test can assert on it.
 *
 * <pre>{@code
 * try (TestContext ctx = TestContext.of(new SensorAnomalyProject(), Map.of("window", "10"))
 *         .withData(csv)) {
 *     new SensorAnomalyProject().prepare(ctx, null);
 *     assertThat(ctx.warnings()).anyMatch(w -> w.contains("gap"));
 * }
 * }</pre>
 */
public final class TestContext implements ProjectContext, AutoCloseable {

    private final HyperParameters hp;
    private final Path data;
    private final Path root;
    private final long seed;
    private final NDManager manager;
    private final List<String> warnings;

    private TestContext(HyperParameters hp, Path data, Path root, long seed, NDManager manager, List<String> warnings) {
        this.hp = hp;
        this.data = data;
        this.root = root;
        this.seed = seed;
        this.manager = manager;
        this.warnings = warnings;
    }

    /**
     * Creates a context for a project with some hyper-parameters set; no data path, no data root,
     * seed 42.
     *
     * @param project the project whose declarations parse the overrides
     * @param overrides {@code -P} values as text
     * @return the context; close it to free its NDManager
     */
    public static TestContext of(LstmProject<?, ?> project, Map<String, String> overrides) {
        List<Param<?>> declared = TrainingParams.withHostKeys(project.parameters());
        return new TestContext(
                HyperParameters.parse(declared, overrides),
                null,
                null,
                42,
                NDManager.newBaseManager(Device.cpu(), "PyTorch"),
                new ArrayList<>());
    }

    /**
     * Returns the same context with a {@code --data} path (sharing manager and warnings).
     *
     * @param path the file or folder, or null
     * @return the context
     */
    public TestContext withData(Path path) {
        return new TestContext(hp, path, root, seed, manager, warnings);
    }

    /**
     * Returns the same context with a data root (sharing manager and warnings).
     *
     * @param path the data root, or null
     * @return the context
     */
    public TestContext withDataRoot(Path path) {
        return new TestContext(hp, data, path, seed, manager, warnings);
    }

    /**
     * Returns the same context with another seed (sharing manager and warnings).
     *
     * @param value the seed
     * @return the context
     */
    public TestContext withSeed(long value) {
        return new TestContext(hp, data, root, value, manager, warnings);
    }

    /**
     * Returns the warnings reported so far, oldest first; the list may be cleared by the test.
     *
     * @return the live list
     */
    public List<String> warnings() {
        return warnings;
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
        return seed;
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
