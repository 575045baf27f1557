package dev.lstmforge.runtime.plugin;

import java.util.List;

/**
 * How one plugin fared when the host loaded it.
 *
 * @param id the plugin id, or the file name when the descriptor could not be read
 * @param version the plugin version, or {@code ?}
 * @param description the plugin description
 * @param state {@code STARTED}, {@code FAILED}, {@code DISABLED}, ...
 * @param source the jar, zip or folder it came from, or {@code classpath}
 * @param reason why it is not usable, or null when it is
 * @param projects ids of the projects it provides
 */
public record PluginStatus(
        String id,
        String version,
        String description,
        String state,
        String source,
        String reason,
        List<String> projects) {

    /** Copies the list. */
    public PluginStatus {
        projects = List.copyOf(projects);
    }

    /**
     * Tells whether the plugin's projects can be used.
     *
     * @return true when started without error
     */
    public boolean usable() {
        return reason == null;
    }
}
