package dev.lstmforge.plugins.stock.block;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;

import dev.lstmforge.spi.HyperParameters;

/**
 * The forecasting network: a stack of LSTM layers over the window (batch first), the last time
 * step's hidden state, and a dense layer to one value. With the defaults ({@code hiddenSize=50},
 * {@code layers=2}) it is the classic LSTM(50, return sequences) → LSTM(50) → Dense(1): a
 * two-layer LSTM feeds the first layer's whole output sequence to the second, exactly as the
 * stacked Keras layers do, but runs as one fused engine operator.
 */
public final class StockBlocks {

    private StockBlocks() {}

    /**
     * Builds the untrained block.
     *
     * @param hp hyper-parameters ({@code hiddenSize}, {@code layers}, {@code dropout})
     * @return the block; input {@code (batch, window, features)}, output {@code (batch, 1)}
     */
    public static Block build(HyperParameters hp) {
        int hidden = hp.getInt("hiddenSize", 1);
        int layers = hp.getInt("layers", 1);
        float dropout = (float) hp.getDouble("dropout");
        LSTM.Builder lstm = LSTM.builder()
                .setStateSize(hidden)
                .setNumLayers(layers)
                .optBatchFirst(true)
                .optReturnState(false);
        if (layers > 1 && dropout > 0) {
            lstm.optDropRate(dropout);
        }
        return new SequentialBlock()
                .add(lstm.build())
                .add(new LambdaBlock(StockBlocks::lastStep, "last_step"))
                .add(Linear.builder().setUnits(1).build());
    }

    private static NDList lastStep(NDList seq) {
        return new NDList(seq.head().get(":, -1, :"));
    }
}
