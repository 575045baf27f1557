package dev.lstmforge.runtime;

import dev.lstmforge.runtime.report.ReportEntry;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.Evaluation;

/**
 * What {@link LstmForge#train} produced.
 *
 * @param version the saved model version
 * @param history the training epochs
 * @param evaluation the test-part evaluation of the kept epoch
 * @param report the same as a report entry
 */
public record TrainResult(ModelVersion version, TrainingHistory history, Evaluation evaluation, ReportEntry report) {}
