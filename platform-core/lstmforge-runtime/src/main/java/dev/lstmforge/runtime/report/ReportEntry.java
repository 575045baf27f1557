package dev.lstmforge.runtime.report;

import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.Evaluation;
import java.util.Map;

/**
 * One trained-and-evaluated model as a report shows it.
 *
 * @param projectId the plugin's project id, e.g. {@code stock-forecast}
 * @param projectTitle the human title
 * @param variant the demo variant or {@code default}
 * @param modelRef the model's store reference, e.g. {@code stock-forecast/v3}
 * @param history the training epochs, or {@code null} when only evaluated
 * @param evaluation metrics, charts and text sections from the plugin
 * @param facts ordered key facts: engine, device, seed, data source and hash, durations
 */
public record ReportEntry(
        String projectId,
        String projectTitle,
        String variant,
        String modelRef,
        TrainingHistory history,
        Evaluation evaluation,
        Map<String, String> facts) {}
