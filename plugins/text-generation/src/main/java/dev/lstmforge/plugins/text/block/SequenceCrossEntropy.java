package dev.lstmforge.plugins.text.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.loss.Loss;

/**
 * Mean negative log-likelihood of the next token, in nats per token, over every position of
 * every sequence in the batch: predictions {@code (batch, steps, vocab)} logits, labels
 * {@code (batch, steps)} token ids.
 */
public final class SequenceCrossEntropy extends Loss {

    /**
     * Creates the loss.
     *
     * @param name the name shown in training logs
     */
    public SequenceCrossEntropy(String name) {
        super(name);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        long vocab = logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logp = logits.reshape(-1, vocab).logSoftmax(1);
        NDArray target = labels.head().reshape(-1);
        return logp.get(new NDIndex().addAllDim().addPickDim(target)).neg().mean();
    }
}
