package dev.lstmforge.plugins.video.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.lstmforge.support.block.SequenceStreamsBlock;

/**
 * The two heads a video model can put over its frames' features: the temporal LSTM of the source
 * document, and the per-frame baseline that averages the frames and so cannot see their order.
 * Both take {@code NDList(features (batch, time, f), lengths)}.
 *
 * <pre>{@code
 * Block temporal = Heads.lstm(128, 1, 0.2, classes);
 * Block baseline = Heads.frameAverage(0.2, classes);
 * }</pre>
 */
public final class Heads {

    private Heads() {}

    /**
     * The temporal head: a stacked LSTM read at each clip's last valid frame, then a dense layer.
     *
     * @param hidden LSTM units
     * @param layers LSTM layers
     * @param dropout dropout between layers and before the dense layer
     * @param classes outputs
     * @return the head
     */
    public static Block lstm(int hidden, int layers, double dropout, int classes) {
        return new SequenceStreamsBlock(new int[] {0}, hidden, layers, dropout, classes);
    }

    /**
     * The per-frame baseline: the mean of the valid frames' features, then a dense layer. It sees
     * which frames a clip has, never in which order.
     *
     * @param dropout dropout before the dense layer
     * @param classes outputs
     * @return the head
     */
    public static Block frameAverage(double dropout, int classes) {
        return new FrameAverage(dropout, classes);
    }

    /** Masked mean over time, dropout, dense. */
    static final class FrameAverage extends AbstractBlock {

        private static final byte VERSION = 1;

        private final Dropout dropout;
        private final Linear dense;
        private final int classes;

        FrameAverage(double dropout, int classes) {
            super(VERSION);
            this.classes = classes;
            this.dropout = dropout > 0
                    ? addChildBlock(
                            "dropout",
                            Dropout.builder().optRate((float) dropout).build())
                    : null;
            this.dense =
                    addChildBlock("dense", Linear.builder().setUnits(classes).build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray mean = SequenceStreamsBlock.validMean(inputs.get(0), inputs.get(1));
            if (dropout != null) {
                mean = dropout.forward(ps, new NDList(mean), training).head();
            }
            return dense.forward(ps, new NDList(mean), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape features = new Shape(inputShapes[0].get(0), inputShapes[0].get(2));
            if (dropout != null) {
                dropout.initialize(manager, dataType, features);
            }
            dense.initialize(manager, dataType, features);
        }
    }
}
