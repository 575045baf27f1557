package dev.lstmforge.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelLayout} is the only runtime class that spells a model folder's file names: any
 * other main class writing {@code "serving.properties"} (as the facade and the exporter both
 * did) fails this test. The report package is left out: its {@code metrics.json} is a report
 * file, not a model file.
 */
class LayoutOwnershipTest {

    private static final List<String> NAMES = List.of(
            "\"state.json\"",
            "\"hyperparameters.json\"",
            "\"metrics.json\"",
            "\"history.json\"",
            "\"provenance.json\"",
            "\"serving.properties\"",
            "\"manifest.json\"",
            "\".params\"",
            "\"Epoch\"");

    @Test
    void onlyModelLayoutSpellsModelFileNames() throws IOException {
        Path main = Path.of("src/main/java/dev/lstmforge/runtime");
        assertThat(main).as("run from the module directory").isDirectory();
        List<String> offenders = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(main)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path source : sources) {
            if (source.endsWith("ModelLayout.java") || main.relativize(source).startsWith("report")) {
                continue;
            }
            String text = Files.readString(source);
            for (String name : NAMES) {
                if (text.contains(name)) {
                    offenders.add(main.relativize(source) + " spells " + name);
                }
            }
        }
        assertThat(sources).hasSizeGreaterThan(20);
        assertThat(offenders).isEmpty();
        assertThat(Files.readString(main.resolve("store/ModelLayout.java")))
                .contains("\"serving.properties\"", "\"manifest.json\"", "\"metrics.json\"", "\"history.json\"");
    }
}
