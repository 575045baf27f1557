package dev.lstmforge.runtime.store;

import dev.lstmforge.runtime.util.Messages;
import java.nio.file.Path;

/**
 * A complete, saved model version: a version directory of a store, or a model folder (or zip)
 * somewhere else, such as an export.
 *
 * <pre>{@code
 * ModelVersion v = store.resolve("stock-forecast/v3");   // ref() is "stock-forecast/v3"
 * ModelVersion e = store.resolve("/tmp/export");         // ref() is "/tmp/export"
 * }</pre>
 *
 * @param projectId the project id (from the folder's {@code provenance.json})
 * @param version the version number (the {@code N} of {@code vN}); 0 for a folder outside a store
 * @param dir the directory holding the model's files
 * @param origin what the user named when the model is not a store version (its folder, or the
 *     zip {@link #dir()} was unpacked from); null for a store version
 */
public record ModelVersion(String projectId, int version, Path dir, Path origin) {

    /**
     * Creates a store version.
     *
     * @param projectId the project id
     * @param version the version number
     * @param dir the version directory
     */
    public ModelVersion(String projectId, int version, Path dir) {
        this(projectId, version, dir, null);
    }

    /**
     * Returns the reference users type: {@code stock-forecast/v3} for a store version, the
     * folder or zip path otherwise.
     *
     * @return the reference
     */
    public String ref() {
        return origin != null ? Messages.path(origin) : projectId + "/v" + version;
    }
}
