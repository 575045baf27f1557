package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.runtime.export.Exporter;
import dev.lstmforge.runtime.fixture.TinyProject;
import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported folder or zip is usable by its path: its project comes from its provenance, not
 * from the name of the folder it sits in (here {@code tmp}).
 */
class ExportByPathTest {

    @TempDir
    Path tmp;

    /** The export copies the plugin jar; the tiny project itself is found on the classpath. */
    private Path pluginJar() throws IOException {
        Path jar = tmp.resolve("tiny-plugin.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new ZipEntry("plugin.properties"));
            j.write("plugin.id=tiny\n".getBytes());
            j.closeEntry();
        }
        return jar;
    }

    @Test
    void exportedFolderIsLoadedAndEvaluatedByItsPath() throws Exception {
        Path a = TinyForge.series(tmp.resolve("a.txt"), 1, 20);
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, a, TinyForge.BUDGET).version();
            Path dir = new Exporter().export(v, pluginJar().toString(), "PyTorch", tmp.resolve("tmp/export"));
            assertThat(dir.resolve("manifest.json")).isRegularFile();
            assertThat(dir.resolve("tiny-test-plugin.jar")).isRegularFile();

            String expected;
            try (LoadedModel m = forge.load(v.ref())) {
                expected = m.predict("3");
            }
            try (LoadedModel m = forge.load(dir.toString())) {
                assertThat(m.version().projectId()).isEqualTo(TinyProject.ID);
                assertThat(m.version().ref()).isEqualTo(dir.toString());
                assertThat(m.predict("3")).isEqualTo(expected);
            }
            ReportEntry e = forge.evaluate(dir.toString(), null);
            assertThat(e.modelRef()).isEqualTo(dir.toString());
            assertThat(e.evaluation().metrics().get("test_mean")).isCloseTo(18.5, within(1e-6));

            // the export is checked like a store version
            Files.writeString(dir.resolve("metrics.json"), "{}");
            assertThatThrownBy(() -> forge.load(dir.toString()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageStartingWith(dir.resolve("metrics.json") + " is damaged: ");
        }
    }

    @Test
    void exportedZipIsLoadedAndEvaluatedByItsPathAndItsTemporaryFilesGo() throws Exception {
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            ModelVersion v = forge.train(TinyProject.ID, null, TinyForge.BUDGET).version();
            Path zip = new Exporter().export(v, pluginJar().toString(), "PyTorch", tmp.resolve("tmp/export.zip"));
            assertThat(zip).isRegularFile();

            Path unpacked;
            try (LoadedModel m = forge.load(zip.toString())) {
                unpacked = m.version().dir();
                assertThat(unpacked).isDirectory();
                assertThat(m.version().projectId()).isEqualTo(TinyProject.ID);
                assertThat(m.version().ref()).isEqualTo(zip.toString());
                assertThat(Double.parseDouble(m.predict("0.5"))).isFinite();
            }
            assertThat(unpacked).doesNotExist();

            ReportEntry e = forge.evaluate(zip.toString(), null);
            assertThat(e.modelRef()).isEqualTo(zip.toString());
            assertThat(e.evaluation().metrics().get("test_mean")).isCloseTo(0.895, within(1e-6));

            // Opening the zip and finding its project work for export too; re-exporting then needs the
            // project's plugin as a jar, which the test classpath does not have.
            assertThatThrownBy(() -> forge.export(zip.toString(), tmp.resolve("re-export")))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage("export needs the project's plugin packaged as a jar, but tiny-test was loaded from "
                            + "classpath; install the plugin jar into the plugins directory");
        }
    }

    @Test
    void aZipWithAnEntryOutsideItsFolderIsRefused() throws Exception {
        Path zip = tmp.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("../escaped.txt"));
            z.write("x".getBytes());
            z.closeEntry();
        }
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            assertThatThrownBy(() -> forge.load(zip.toString()))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessage(zip + " holds an entry outside its folder ('../escaped.txt'); it is not a model "
                            + "export");
        }
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void aZipWithoutAModelOrNotAZipIsRefused() throws Exception {
        Path empty = tmp.resolve("empty.zip");
        try (OutputStream out = Files.newOutputStream(empty);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.closeEntry();
        }
        Path broken = Files.writeString(tmp.resolve("broken.zip"), "not a zip");
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"))) {
            assertThatThrownBy(() -> forge.load(empty.toString()))
                    .hasMessage(empty
                            + " holds no model: no provenance.json at its top level; export one with: lstmforge export MODEL "
                            + "-o FILE.zip");
            assertThatThrownBy(() -> forge.evaluate(broken.toString(), null))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageStartingWith(broken + " is not a readable zip archive: ")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("Exception")
                            .doesNotEndWith("null"));
        }
    }
}
