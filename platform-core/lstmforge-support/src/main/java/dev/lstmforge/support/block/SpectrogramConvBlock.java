package dev.lstmforge.support.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A convolutional front end for a spectrogram-like sequence: two 3 x 3 convolutions over (time,
 * band), {@code channels} filters each with ReLU, each followed by max pooling of 2 bands (time
 * keeps its resolution). Input {@code NDList(x, lengths)} with {@code x} of shape {@code (batch,
 * time, bands)} zero-padded after each row's end and {@code lengths} {@code (batch)}; output
 * {@code (batch, time, channels * (bands / 4))}, one vector per frame, ready for an LSTM.
 *
 * <p>Why: a longer or shorter vocal tract, or another microphone, moves a sound's energy up or down
 * a few mel bands. Filters that slide along the bands, with pooling, answer nearly the same to a
 * pattern a band higher or lower, where an LSTM reading the bands (or their cepstrum) directly sees
 * a different vector; the 3-frame reach lets a filter see how a band moves (a formant transition).
 *
 * <p>Padding: after each convolution the frames past a row's length are set to 0, so what a valid
 * frame sees beyond the row's end is 0 at every layer, exactly as for the row alone (where the
 * convolution's own zero padding lies there). A row gives the same output alone and in a padded
 * batch.
 *
 * <pre>{@code
 * Block conv = new SpectrogramConvBlock(16);      // (batch, time, 64) -> (batch, time, 256)
 * conv.initialize(manager, DataType.FLOAT32, new Shape(1, 20, 64), new Shape(1));
 * NDArray frames = conv.forward(ps, new NDList(x, lengths), false).head();
 * }</pre>
 */
public final class SpectrogramConvBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final Conv2d first;
    private final Conv2d second;

    /**
     * Builds the front end.
     *
     * @param channels filters of each convolution, at least 1
     */
    public SpectrogramConvBlock(int channels) {
        super(VERSION);
        if (channels < 1) {
            throw new IllegalArgumentException("channels " + channels + " must be at least 1");
        }
        this.channels = channels;
        first = addChildBlock("conv1", conv(channels));
        second = addChildBlock("conv2", conv(channels));
    }

    private static Conv2d conv(int channels) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(channels)
                .build();
    }

    /**
     * Returns the output width for an input of {@code bands} values per frame.
     *
     * @param bands input values per frame, at least 4
     * @return {@code channels * (bands / 2 / 2)}
     */
    public long outputWidth(long bands) {
        return (long) channels * (bands / 2 / 2);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray lengths = inputs.get(1);
        Shape s = x.getShape();
        long batch = s.get(0);
        long time = s.get(1);
        NDManager m = x.getManager();
        // (batch, 1, time, 1): 1 for a row's valid frames, 0 for its padding
        NDArray steps = m.arange(0, (int) time, 1, DataType.INT32).reshape(1, 1, time, 1);
        NDArray valid = steps.lt(lengths.toType(DataType.INT32, false).reshape(-1, 1, 1, 1))
                .toType(x.getDataType(), false);
        NDArray y = x.reshape(batch, 1, time, s.get(2));
        y = pool(Activation.relu(first.forward(ps, new NDList(y), training).head())
                .mul(valid));
        y = pool(Activation.relu(second.forward(ps, new NDList(y), training).head())
                .mul(valid));
        // (batch, channels, time, bands / 4) -> (batch, time, channels * bands / 4)
        return new NDList(y.transpose(0, 2, 1, 3).reshape(batch, time, -1));
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(1, 2), new Shape(1, 2), new Shape(0, 0), false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), outputWidth(s.get(2)))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        if (s.dimension() != 3 || s.get(2) < 4) {
            throw new IllegalArgumentException("expected (batch, time, bands) with at least 4 bands, got " + s);
        }
        first.initialize(manager, dataType, new Shape(s.get(0), 1, s.get(1), s.get(2)));
        second.initialize(manager, dataType, new Shape(s.get(0), channels, s.get(1), s.get(2) / 2));
    }
}
