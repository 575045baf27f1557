package dev.lstmforge.plugins.sensor.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;

import dev.lstmforge.spi.HyperParameters;

/**
 * The two networks of the sensor project.
 *
 * <ul>
 *   <li>Autoencoder (the classic recipe): LSTM encoder → its last hidden state repeated for every
 *       time step → LSTM decoder → a dense layer back to the sensor channels at every step. Input
 *       and output are {@code (batch, window, channels)}; it learns to reconstruct normal windows,
 *       so a large reconstruction error flags an anomaly.
 *   <li>Classifier: stacked LSTM → last time step → dense layer to one logit (anomaly or not).
 * </ul>
 */
public final class SensorBlocks {

    private SensorBlocks() {}

    /**
     * Builds the network named by {@code mode}.
     *
     * @param hp hyper-parameters ({@code mode}, {@code window}, {@code hiddenSize}, {@code layers})
     * @param channels number of sensor channels
     * @return the block
     */
    public static Block build(HyperParameters hp, int channels) {
        return "classifier".equals(hp.get("mode")) ? classifier(hp, channels) : autoencoder(hp, channels);
    }

    static Block autoencoder(HyperParameters hp, int channels) {
        int hidden = hp.getInt("hiddenSize", 1);
        int window = hp.getInt("window", 2);
        return new SequentialBlock()
                .add(lstm(hidden, hp.getInt("layers", 1)))
                .add(new LambdaBlock(list -> {
                    NDArray last = list.head().get(":, -1, :");
                    return new NDList(last.expandDims(1).repeat(1, window));
                }, "repeat_vector"))
                .add(lstm(hidden, hp.getInt("layers", 1)))
                .add(Linear.builder().setUnits(channels).build());
    }

    static Block classifier(HyperParameters hp, int channels) {
        return new SequentialBlock()
                .add(lstm(hp.getInt("hiddenSize", 1), hp.getInt("layers", 1)))
                .add(new LambdaBlock(list -> new NDList(list.head().get(":, -1, :")), "last_step"))
                .add(Linear.builder().setUnits(1).build());
    }

    private static LSTM lstm(int hidden, int layers) {
        return LSTM.builder().setStateSize(hidden).setNumLayers(layers).optBatchFirst(true).optReturnState(false)
                .build();
    }
}
