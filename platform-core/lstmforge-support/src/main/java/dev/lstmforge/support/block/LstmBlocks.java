package dev.lstmforge.support.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;

/**
 * Builders for the LSTM topologies the projects share. Every block takes batch-first input
 * {@code (batch, time, features)}.
 *
 * <ul>
 *   <li>{@link #stacked(int, int, double)}: stacked LSTM returning every step's output;
 *   <li>{@link #lastStepHead(int, int, double, int)}: stacked LSTM, last step, dense layer: a
 *       regressor ({@code outputs} values) or a classifier ({@code outputs} logits);
 *   <li>{@link #encoderDecoder(int, int, int, int)}: LSTM autoencoder that repeats the encoder's
 *       last state {@code window} times and decodes it back to {@code channels} values per step.
 * </ul>
 *
 * <pre>{@code
 * Block forecaster = LstmBlocks.lastStepHead(50, 2, 0.0, 1);   // (batch, 60, 1) -> (batch, 1)
 * Block autoencoder = LstmBlocks.encoderDecoder(32, 1, 60, 3); // (batch, 60, 3) -> (batch, 60, 3)
 * }</pre>
 */
public final class LstmBlocks {

    private LstmBlocks() {}

    /**
     * Builds a stacked LSTM; output {@code (batch, time, hidden)}.
     *
     * @param hidden units per layer
     * @param layers number of layers
     * @param dropout dropout between layers, used only when {@code layers > 1}
     * @return the LSTM block
     */
    public static LSTM stacked(int hidden, int layers, double dropout) {
        LSTM.Builder b = LSTM.builder()
                .setStateSize(hidden)
                .setNumLayers(layers)
                .optBatchFirst(true)
                .optReturnState(false);
        if (layers > 1 && dropout > 0) {
            b.optDropRate((float) dropout);
        }
        return b.build();
    }

    /**
     * Returns a block that keeps only the last time step: {@code (batch, time, f) -> (batch, f)}.
     *
     * @return the block
     */
    public static Block lastStep() {
        return new LambdaBlock(list -> new NDList(list.head().get(":, -1, :")), "last_step");
    }

    /**
     * Builds stacked LSTM, last step, dense layer: {@code (batch, time, f) -> (batch, outputs)}.
     *
     * @param hidden units per layer
     * @param layers number of layers
     * @param dropout dropout between layers
     * @param outputs units of the dense layer (values to regress, or class logits)
     * @return the block
     */
    public static Block lastStepHead(int hidden, int layers, double dropout, int outputs) {
        return new SequentialBlock()
                .add(stacked(hidden, layers, dropout))
                .add(lastStep())
                .add(Linear.builder().setUnits(outputs).build());
    }

    /**
     * Builds an LSTM encoder-decoder for reconstruction: {@code (batch, window, channels) ->
     * (batch, window, channels)}.
     *
     * @param hidden units per layer of encoder and decoder
     * @param layers layers of encoder and of decoder
     * @param window time steps to decode
     * @param channels values per step to reconstruct
     * @return the block
     */
    public static Block encoderDecoder(int hidden, int layers, int window, int channels) {
        return new SequentialBlock()
                .add(stacked(hidden, layers, 0))
                .add(new LambdaBlock(
                        list -> {
                            NDArray last = list.head().get(":, -1, :");
                            return new NDList(last.expandDims(1).repeat(1, window));
                        },
                        "repeat_vector"))
                .add(stacked(hidden, layers, 0))
                .add(Linear.builder().setUnits(channels).build());
    }
}
