package dev.lstmforge.runtime.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model opened from the store, a folder or a zip. For a zip the files are unpacked into a
 * temporary directory that {@link #close()} deletes; for the others closing does nothing.
 *
 * <pre>{@code
 * try (ModelHandle h = store.open("/tmp/stock-export.zip")) {
 *     h.layout().verify();
 *     StockState s = h.layout().readState(StockState.class);
 * }
 * }</pre>
 */
public final class ModelHandle implements AutoCloseable {

    private final ModelVersion version;
    private final Path unpacked;

    ModelHandle(ModelVersion version, Path unpacked) {
        this.version = version;
        this.unpacked = unpacked;
    }

    /**
     * Returns the model version.
     *
     * @return the version
     */
    public ModelVersion version() {
        return version;
    }

    /**
     * Returns the layout of the model's files.
     *
     * @return the layout
     */
    public ModelLayout layout() {
        return ModelLayout.of(version);
    }

    /** Deletes the temporary directory of an unpacked zip; does nothing otherwise. */
    @Override
    public void close() {
        if (unpacked != null) {
            try {
                ModelStore.deleteTree(unpacked);
            } catch (IOException e) {
                // A temporary directory left behind harms nothing; the OS cleans its temp area.
            }
        }
    }
}
