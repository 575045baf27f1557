package dev.lstmforge.runtime.train;

import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.TrainingParams;
import java.time.Duration;

/**
 * When to stop training: an epoch limit, early-stopping patience on the validation loss, and an
 * optional wall-clock budget checked after every batch.
 *
 * @param maxEpochs the most epochs to run, at least 1
 * @param patience stop after this many epochs without a better validation loss (0 disables)
 * @param timeBudget stop when this much time has passed (zero or negative disables)
 */
public record TrainingBudget(int maxEpochs, int patience, Duration timeBudget) {

    /**
     * Reads the budget from the host's training hyper-parameters ({@code epochs},
     * {@code patience}, {@code timeBudgetSeconds}).
     *
     * @param hp the hyper-parameters
     * @return the budget
     */
    public static TrainingBudget from(HyperParameters hp) {
        return new TrainingBudget(
                hp.get(TrainingParams.EPOCHS),
                hp.get(TrainingParams.PATIENCE),
                Duration.ofMillis(hp.get(TrainingParams.TIME_BUDGET_SECONDS) * 1000L));
    }

    /**
     * Tells whether a wall-clock budget is set.
     *
     * @return true if limited by time
     */
    public boolean timeLimited() {
        return timeBudget != null && !timeBudget.isZero() && !timeBudget.isNegative();
    }
}
