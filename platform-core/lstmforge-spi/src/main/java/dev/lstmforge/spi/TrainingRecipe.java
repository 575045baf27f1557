package dev.lstmforge.spi;

import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;
import java.util.Objects;

/**
 * How a project's block is trained: the loss, extra metrics reported each epoch, and the
 * optimizer. The host runs the loop (epochs, early stopping, checkpoints, budget).
 *
 * <pre>{@code
 * return new TrainingRecipe(
 *         Loss.l2Loss("mse", 2f),                 // L2 with weight 2 is plain MSE
 *         List.of(new L1Loss("mae")),
 *         Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build());
 * }</pre>
 *
 * @param loss the training loss; its value on the validation part drives early stopping
 * @param evaluators metrics computed on training and validation batches each epoch
 * @param optimizer the optimizer
 */
public record TrainingRecipe(Loss loss, List<Evaluator> evaluators, Optimizer optimizer) {

    /** Validates and copies the evaluators. */
    public TrainingRecipe {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        evaluators = List.copyOf(evaluators);
    }
}
