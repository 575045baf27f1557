package dev.lstmforge.plugins.sensor.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on a logit with an optional weight on the positive (anomaly) class:
 * {@code w * y * softplus(-z) + (1 - y) * softplus(z)}, averaged over the batch. A weight above
 * 1 counters class imbalance without resampling.
 */
public final class WeightedBinaryCrossEntropy extends Loss {

    private final float positiveWeight;

    /**
     * Creates the loss.
     *
     * @param name the name in training logs
     * @param positiveWeight weight of positive samples, 1 for plain cross-entropy
     */
    public WeightedBinaryCrossEntropy(String name, float positiveWeight) {
        super(name);
        this.positiveWeight = positiveWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.head().reshape(-1);
        NDArray y = labels.head().reshape(-1);
        NDArray pos = softplus(z.neg()).mul(y).mul(positiveWeight);
        NDArray neg = softplus(z).mul(y.neg().add(1));
        return pos.add(neg).mean();
    }

    /** A numerically stable log(1 + e^x): max(x, 0) + log(1 + e^-|x|). */
    private static NDArray softplus(NDArray x) {
        return x.maximum(0).add(x.abs().neg().exp().add(1).log());
    }
}
