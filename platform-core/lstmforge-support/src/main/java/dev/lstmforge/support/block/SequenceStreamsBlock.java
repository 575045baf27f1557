package dev.lstmforge.support.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A classifier (or regressor) over variable-length sequences that come as one or more parallel
 * streams: each used stream runs through its own stacked LSTM, each LSTM is read at the
 * sequence's <em>own</em> last valid step (not at the padded end), the readings are concatenated
 * and a dense layer gives the outputs.
 *
 * <p>Inputs: {@code NDList(stream_0, ..., stream_{k-1}, lengths)}, where stream {@code i} is
 * {@code (batch, time, width_i)} zero-padded after each sequence's end, and {@code lengths} is
 * {@code (batch)} int32 with values in {@code [1, time]}. Output: {@code (batch, outputs)}. Because
 * the LSTMs run forward in time and each row is read at step {@code lengths[b] - 1}, padding never
 * changes a row's output: a sequence gives the same result alone and inside a padded batch. The
 * block may use a subset of the streams ({@code used}), so an ablation keeps the same inputs. A
 * spectrogram-like stream may pass through a {@link SpectrogramConvBlock} before its LSTM; that
 * front end keeps padding exact too.
 *
 * <pre>{@code
 * // MFCC frames (width 40) and waveform chunks (width 512), 10 classes, both streams used
 * Block b = new SequenceStreamsBlock(new int[] {0, 1}, 64, 1, 0.0, 10);
 * b.initialize(manager, DataType.FLOAT32,
 *         new Shape(1, 20, 40), new Shape(1, 20, 512), new Shape(1));
 * }</pre>
 */
public final class SequenceStreamsBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int[] used;
    private final int hidden;
    private final int outputs;
    private final double streamDropout;
    private final Readout readout;
    private final List<LSTM> lstms = new ArrayList<>();
    private final List<SpectrogramConvBlock> fronts = new ArrayList<>();
    private final Dropout dropout;
    private final Linear head;

    /**
     * Builds the block.
     *
     * @param used indices of the input streams to read, each {@code >= 0}, at least one
     * @param hidden units per LSTM layer
     * @param layers LSTM layers per stream
     * @param dropout dropout between LSTM layers and before the dense layer (training only); 0 for
     *     none
     * @param outputs units of the dense layer (class logits)
     */
    public SequenceStreamsBlock(int[] used, int hidden, int layers, double dropout, int outputs) {
        this(used, hidden, layers, dropout, outputs, 0);
    }

    /**
     * Builds the block with stream dropout: in training, each stream's reading of each row is
     * dropped (zeroed, the others scaled up to keep the expected sum) with probability
     * {@code streamDropout}, never all streams of a row at once. It keeps the dense layer from
     * leaning on the stream that fits the training clips fastest, so every stream must be useful
     * on its own (modality dropout).
     *
     * @param used indices of the input streams to read
     * @param hidden units per LSTM layer
     * @param layers LSTM layers per stream
     * @param dropout dropout between LSTM layers and before the dense layer
     * @param outputs units of the dense layer
     * @param streamDropout probability of dropping one stream's reading of a row, in [0, 1)
     */
    public SequenceStreamsBlock(int[] used, int hidden, int layers, double dropout, int outputs, double streamDropout) {
        this(used, hidden, layers, dropout, outputs, streamDropout, Readout.LAST_STEP);
    }

    /**
     * Builds the block with stream dropout and a choice of how each LSTM's outputs become one
     * vector per row.
     *
     * @param used indices of the input streams to read
     * @param hidden units per LSTM layer
     * @param layers LSTM layers per stream
     * @param dropout dropout between LSTM layers and before the dense layer
     * @param outputs units of the dense layer
     * @param streamDropout probability of dropping one stream's reading of a row, in [0, 1)
     * @param readout the last valid step, or the mean over the valid steps
     */
    public SequenceStreamsBlock(
            int[] used, int hidden, int layers, double dropout, int outputs, double streamDropout, Readout readout) {
        this(used, hidden, layers, dropout, outputs, streamDropout, readout, new int[used.length]);
    }

    /**
     * Builds the block with, for some streams, a {@link SpectrogramConvBlock} between the input and
     * the LSTM (for spectrogram-like streams).
     *
     * <pre>{@code
     * // log-mel frames (64 bands) through a 16-filter front end, waveform chunks straight in
     * Block b = new SequenceStreamsBlock(new int[] {0, 1}, 64, 1, 0.2, 10, 0.5,
     *         SequenceStreamsBlock.Readout.LAST_STEP, new int[] {16, 0});
     * }</pre>
     *
     * @param used indices of the input streams to read
     * @param hidden units per LSTM layer
     * @param layers LSTM layers per stream
     * @param dropout dropout between LSTM layers and before the dense layer
     * @param outputs units of the dense layer
     * @param streamDropout probability of dropping one stream's reading of a row, in [0, 1)
     * @param readout the last valid step, or the mean over the valid steps
     * @param convChannels for each entry of {@code used}, the front end's filters, or 0 for none
     */
    public SequenceStreamsBlock(
            int[] used,
            int hidden,
            int layers,
            double dropout,
            int outputs,
            double streamDropout,
            Readout readout,
            int[] convChannels) {
        super(VERSION);
        if (convChannels.length != used.length) {
            throw new IllegalArgumentException(
                    "convChannels has " + convChannels.length + " entries for " + used.length + " used streams");
        }
        this.readout = Objects.requireNonNull(readout, "readout");
        if (!(streamDropout >= 0 && streamDropout < 1)) {
            throw new IllegalArgumentException("stream dropout " + streamDropout + " must be in [0, 1)");
        }
        this.streamDropout = streamDropout;
        if (used.length == 0) {
            throw new IllegalArgumentException("at least one stream must be used");
        }
        this.used = used.clone();
        this.hidden = hidden;
        this.outputs = outputs;
        for (int s : used) {
            if (s < 0) {
                throw new IllegalArgumentException("stream index " + s + " is negative");
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (convChannels[i] < 0) {
                throw new IllegalArgumentException("convChannels " + convChannels[i] + " must not be negative");
            }
            fronts.add(
                    convChannels[i] > 0
                            ? addChildBlock("front" + used[i], new SpectrogramConvBlock(convChannels[i]))
                            : null);
            lstms.add(addChildBlock("stream" + used[i], LstmBlocks.stacked(hidden, layers, dropout)));
        }
        this.dropout = dropout > 0
                ? addChildBlock(
                        "dropout", Dropout.builder().optRate((float) dropout).build())
                : null;
        this.head = addChildBlock("head", Linear.builder().setUnits(outputs).build());
    }

    /**
     * Returns the indices of the streams this block reads.
     *
     * @return a copy of the indices
     */
    public int[] used() {
        return used.clone();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray lengths = inputs.get(inputs.size() - 1);
        NDList readings = new NDList(used.length);
        for (int i = 0; i < used.length; i++) {
            NDArray stream = inputs.get(used[i]);
            NDList in = fronts.get(i) == null
                    ? new NDList(stream)
                    : fronts.get(i).forward(ps, new NDList(stream, lengths), training);
            NDArray out = lstms.get(i).forward(ps, in, training).head();
            readings.add(readout == Readout.MEAN ? validMean(out, lengths) : lastValidStep(out, lengths));
        }
        if (training && streamDropout > 0 && used.length > 1) {
            dropStreams(readings);
        }
        NDArray features = readings.size() == 1 ? readings.head() : NDArrays.concat(readings, 1);
        if (dropout != null) {
            features = dropout.forward(ps, new NDList(features), training).head();
        }
        return head.forward(ps, new NDList(features), training);
    }

    private void dropStreams(NDList readings) {
        NDArray first = readings.head();
        long batch = first.getShape().get(0);
        NDManager m = first.getManager();
        NDArray keep = m.randomUniform(0f, 1f, new Shape(batch, used.length))
                .gte((float) streamDropout)
                .toType(first.getDataType(), false);
        // a row that lost every stream keeps them all
        NDArray none = keep.sum(new int[] {1}, true).eq(0).toType(first.getDataType(), false);
        keep = keep.add(none).div(1 - streamDropout);
        for (int i = 0; i < readings.size(); i++) {
            NDArray column = keep.get(":, " + i + ":" + (i + 1));
            readings.set(i, readings.get(i).mul(column));
        }
    }

    /**
     * Picks, for each row, the step {@code lengths[b] - 1} of {@code (batch, time, features)}
     * outputs, as a masked sum (supported by every engine, differentiable).
     *
     * @param outputs the LSTM outputs {@code (batch, time, features)}
     * @param lengths valid steps per row {@code (batch)}, int32
     * @return {@code (batch, features)}
     */
    public static NDArray lastValidStep(NDArray outputs, NDArray lengths) {
        long time = outputs.getShape().get(1);
        NDManager m = outputs.getManager();
        NDArray steps = m.arange(0, (int) time, 1, DataType.INT32).reshape(1, time);
        NDArray last = lengths.toType(DataType.INT32, false).reshape(-1, 1).sub(1);
        NDArray mask = steps.eq(last).toType(outputs.getDataType(), false).expandDims(2);
        return outputs.mul(mask).sum(new int[] {1});
    }

    /**
     * Averages, for each row, the steps {@code 0 .. lengths[b] - 1} of {@code (batch, time,
     * features)} outputs; padded steps get weight 0, so they never change the result.
     *
     * @param outputs the LSTM outputs {@code (batch, time, features)}
     * @param lengths valid steps per row {@code (batch)}, int32, each at least 1
     * @return {@code (batch, features)}
     */
    public static NDArray validMean(NDArray outputs, NDArray lengths) {
        long time = outputs.getShape().get(1);
        NDManager m = outputs.getManager();
        NDArray steps = m.arange(0, (int) time, 1, DataType.INT32).reshape(1, time);
        NDArray n = lengths.toType(DataType.INT32, false).reshape(-1, 1);
        NDArray mask = steps.lt(n).toType(outputs.getDataType(), false);
        NDArray weights = mask.div(n.toType(outputs.getDataType(), false)).expandDims(2);
        return outputs.mul(weights).sum(new int[] {1});
    }

    /** How each stream's LSTM outputs become one vector per row. */
    public enum Readout {
        /** The output at the row's own last valid step. */
        LAST_STEP,
        /** The mean of the outputs over the row's valid steps (masked mean pooling). */
        MEAN
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputs)};
    }

    private Shape featureShape(long batch) {
        return new Shape(batch, (long) hidden * used.length);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length < 2) {
            throw new IllegalArgumentException(
                    "expected the streams and the lengths as inputs, got " + Arrays.toString(inputShapes));
        }
        for (int i = 0; i < used.length; i++) {
            if (used[i] >= inputShapes.length - 1) {
                throw new IllegalArgumentException(
                        "stream " + used[i] + " is not among the " + (inputShapes.length - 1) + " input streams");
            }
            Shape in = inputShapes[used[i]];
            if (fronts.get(i) != null) {
                fronts.get(i).initialize(manager, dataType, in, inputShapes[inputShapes.length - 1]);
                in = fronts.get(i).getOutputShapes(new Shape[] {in})[0];
            }
            lstms.get(i).initialize(manager, dataType, in);
        }
        Shape features = featureShape(inputShapes[0].get(0));
        if (dropout != null) {
            dropout.initialize(manager, dataType, features);
        }
        head.initialize(manager, dataType, features);
    }
}
