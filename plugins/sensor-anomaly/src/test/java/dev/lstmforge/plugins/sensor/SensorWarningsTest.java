package dev.lstmforge.plugins.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.lstmforge.plugins.sensor.evaluator.AnomalyEvaluator;
import dev.lstmforge.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surprises in the data reach the user as warnings with counts and places: long time gaps, a test
 * part outside the training range, and which files went into which part. The project is called
 * directly with a recording context; the network is not trained (warnings do not depend on it).
 */
class SensorWarningsTest {

    /**
     * 600 one-minute rows; value = row % 10 for the first 300 rows (the training part) and
     * 100 + row % 10 after them. Extra time after row 100 (+119 min), 200 (+30 min) and 450
     * (+15 min): three gaps longer than 10 steps, the longest 2 h after 01:40.
     */
    private static String shiftedSeries() {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (int r = 0; r < 600; r++) {
            csv.append(t.toString().replace('T', ' '))
                    .append(":00,")
                    .append(r < 300 ? r % 10 : 100 + r % 10)
                    .append('\n');
            t = t.plusMinutes(1 + (r == 100 ? 119 : r == 200 ? 30 : r == 450 ? 15 : 0));
        }
        return csv.toString();
    }

    @Test
    void autoencoderWarnsAboutGapsAndATestPartOutsideTheTrainingRange(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("shifted.csv"), shiftedSeries());
        SensorAnomalyProject project = new SensorAnomalyProject();
        try (TestContext ctx = TestContext.of(project, Map.of("window", "10", "hiddenSize", "4"))
                .withData(file)) {
            SensorData data = project.prepare(ctx, null);
            assertThat(ctx.warnings())
                    .containsExactly(
                            "3 gaps longer than 10x the 1-minute step in shifted.csv; longest 2 h after 2024-01-01 01:40");
            Block block = project.newBlock(ctx.hyperParameters(), data.state());
            block.initialize(ctx.manager(), DataType.FLOAT32, data.inputShapes());
            ctx.warnings().clear();
            AnomalyEvaluator.evaluate(ctx, data, block);
            // row 309 (the first 109 of the test part) is at minute 309 + 119 + 30 = 458
            assertThat(ctx.warnings())
                    .containsExactly("test part: shifted.csv column value: 300 of 300 rows outside "
                            + "the training range [0, 9]; farthest 109 at 2024-01-01 07:38");
        }
    }

    @Test
    void classifierNamesTheFilesOfEachPart() throws Exception {
        String root = System.getProperty("lstmforge.dataRoot");
        Assumptions.assumeTrue(
                root != null && Files.isDirectory(Path.of(root, SensorAnomalyProject.SKAB_FOLDER)),
                "shared SKAB data not present");
        try (TestContext ctx = TestContext.of(new SensorAnomalyProject(), Map.of("mode", "classifier", "window", "30"))
                .withDataRoot(Path.of(root))) {
            SensorData data = new SensorAnomalyProject().prepare(ctx, null);
            // 16 files: round(16 * 0.25) = 4 test, round(16 * 0.125) = 2 validation, 10 training, in name order
            assertThat(ctx.warnings())
                    .contains("valve1: 16 files split in name order: training 0.csv, 1.csv, 2.csv, "
                            + "3.csv, 4.csv, 5.csv, 6.csv, 7.csv, 8.csv, 9.csv; validation 10.csv, 11.csv; test 12.csv, "
                            + "13.csv, 14.csv, 15.csv");
            assertThat(data.testFiles())
                    .extracting(s -> s.source())
                    .containsExactly("12.csv", "13.csv", "14.csv", "15.csv");
        }
    }
}
