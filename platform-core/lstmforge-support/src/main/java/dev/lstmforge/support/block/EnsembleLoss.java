package dev.lstmforge.support.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The training loss of an {@link EnsembleBlock}: the mean of a classification loss over the
 * members, each on its own logits, so that each member learns to be right by itself. On an
 * evaluation pass (one output, the ensemble's log mean probability) it is the same loss of the
 * ensemble's answer; for cross-entropy that is the ensemble's negative log-likelihood, which is
 * what early stopping should watch. A block that is not an ensemble (one output) gets the wrapped
 * loss unchanged.
 *
 * <p>So in a training history the training loss is the members' mean and the validation loss the
 * ensemble's. On the same clips the ensemble's cross-entropy is never above the members' mean (the
 * log is concave), so a validation loss below the training loss says less about overfitting than it
 * does for a single model. Anything that weighs its own term against this loss (a penalty such as
 * EWC's, gradient clipping) sees each member's gradient from its own loss, not the ensemble's.
 *
 * <p>Which case applies is decided by the number of outputs, so wrap only the loss of a block
 * whose training pass returns the {@link EnsembleBlock} layout or a single output.
 *
 * <pre>{@code
 * Loss loss = new EnsembleLoss(new SoftmaxCrossEntropyLoss("cross_entropy"));
 * }</pre>
 */
public final class EnsembleLoss extends Loss {

    private final Loss member;

    /**
     * Wraps a loss that takes logits as its first prediction.
     *
     * @param member the loss of one member, for example {@code SoftmaxCrossEntropyLoss} (whose
     *     default applies log-softmax, under which the ensemble's log mean probability is unchanged)
     */
    public EnsembleLoss(Loss member) {
        super(member.getName());
        this.member = member;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions.size() == 1) {
            return member.evaluate(labels, predictions);
        }
        NDArray sum = null;
        for (int i = 1; i < predictions.size(); i++) {
            NDArray l = member.evaluate(labels, new NDList(predictions.get(i)));
            sum = sum == null ? l : sum.add(l);
        }
        return sum.div(predictions.size() - 1);
    }
}
