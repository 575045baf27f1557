package dev.lstmforge.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One configuration the {@code demo} command trains, evaluates and saves, so that a report can
 * compare variants side by side (for example two input representations).
 *
 * <pre>{@code
 * List.of(new DemoVariant("window-normalised", Map.of("representation", "window_normalised")),
 *         new DemoVariant("global-minmax", Map.of("representation", "global_minmax")));
 * }</pre>
 *
 * @param name a short label shown in the report
 * @param overrides hyper-parameter overrides on top of the plugin's defaults
 */
public record DemoVariant(String name, Map<String, String> overrides) {

    /** Validates and copies. */
    public DemoVariant {
        Objects.requireNonNull(name, "name");
        overrides = Map.copyOf(overrides);
    }
}
