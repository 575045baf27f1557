package dev.lstmforge.runtime;

import dev.lstmforge.runtime.report.ReportEntry;
import java.util.List;
import java.util.Map;

/**
 * What a continual-learning run measured ({@link LstmForge#continual}): per strategy, the matrix
 * {@code r[i][j]} (the metric on task {@code j}'s test part after training task {@code i}) and
 * its summary figures.
 *
 * @param projectId the project
 * @param metric the metric compared
 * @param higherIsBetter whether larger values are better; BWT and forgetting are signed so that
 *     a negative BWT and a positive forgetting mean earlier tasks got worse either way
 * @param tasks the tasks' data paths, in order
 * @param strategies strategy name to its run, in the order given
 * @param entries one report entry per strategy, with the matrix as a heatmap
 */
public record ContinualResult(
        String projectId,
        String metric,
        boolean higherIsBetter,
        List<String> tasks,
        Map<String, Strategy> strategies,
        List<ReportEntry> entries) {

    /**
     * One strategy's run.
     *
     * @param name the strategy
     * @param r the matrix, {@code r[i][j]}
     * @param versions the version after each task
     * @param average the average final quality over all tasks
     * @param bwt the backward transfer
     * @param forgetting the average forgetting
     * @param seconds wall time of the fine-tunings
     */
    public record Strategy(
            String name,
            double[][] r,
            List<String> versions,
            double average,
            double bwt,
            double forgetting,
            double seconds) {}
}
