package dev.lstmforge.runtime.store;

import java.nio.file.Path;

/**
 * A complete, saved model version.
 *
 * @param projectId the project id
 * @param version the version number (the {@code N} of {@code vN})
 * @param dir the version directory
 */
public record ModelVersion(String projectId, int version, Path dir) {

    /**
     * Returns the reference users type, e.g. {@code stock-forecast/v3}.
     *
     * @return the reference
     */
    public String ref() {
        return projectId + "/v" + version;
    }
}
