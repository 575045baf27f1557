package dev.lstmforge.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;

/**
 * What a training step adds to the plain loss of its batch, for continual learning: a batch of
 * remembered examples trained beside it (replay), and a penalty on the parameters (EWC). Both are
 * computed inside the step's gradient scope, so they shape the update; neither changes the
 * training loss the history reports, which stays the loss of the new data.
 *
 * <pre>{@code
 * StepExtras extras = new StepExtras() {
 *     public Record replayBatch(NDManager m) { return memory.sample(m, 32); }
 *     public NDArray penalty(NDManager m) { return anchor.penalty(block, lambda, m); }
 * };
 * }</pre>
 */
public interface StepExtras {

    /** Adds nothing. */
    StepExtras NONE = new StepExtras() {};

    /**
     * Returns remembered examples to train beside the step's batch; their mean loss is averaged
     * with the batch's, weighted by the number of examples, as if they were one batch.
     *
     * @param manager the step's manager; the batch's arrays must live in it
     * @return the batch, or null for none
     */
    default Record replayBatch(NDManager manager) {
        return null;
    }

    /**
     * Returns a penalty added to the step's loss.
     *
     * @param manager the step's manager; intermediate arrays must live in it
     * @return a scalar, or null for none
     */
    default NDArray penalty(NDManager manager) {
        return null;
    }
}
