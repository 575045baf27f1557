package dev.lstmforge.plugins.sensor.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared public datasets for tests: the folder comes from the system property
 * {@code lstmforge.dataRoot}; tests that need it are skipped (not failed) when it is absent.
 */
public final class TestData {

    private TestData() {}

    /**
     * The data root, or a skipped test when it is not configured or missing.
     *
     * @return the existing data root folder
     */
    public static Path root() {
        String prop = System.getProperty("lstmforge.dataRoot");
        assumeTrue(prop != null && !prop.isBlank(), "lstmforge.dataRoot is not set");
        Path root = Path.of(prop);
        assumeTrue(Files.isDirectory(root), "data root " + root + " does not exist");
        return root;
    }

    /**
     * A file under {@code sensor/nab/}, or a skipped test when it is missing.
     *
     * @param name the file name
     * @return the existing file
     */
    public static Path nab(String name) {
        return existing(root().resolve("sensor").resolve("nab").resolve(name));
    }

    /**
     * A file under {@code sensor/skab/}, or a skipped test when it is missing.
     *
     * @param relative the path below {@code sensor/skab/}, e.g. {@code valve1/0.csv}
     * @return the existing file
     */
    public static Path skab(String relative) {
        return existing(root().resolve("sensor").resolve("skab").resolve(relative));
    }

    private static Path existing(Path p) {
        assumeTrue(Files.isRegularFile(p), "data file " + p + " does not exist");
        return p;
    }
}
