package dev.lstmforge.support.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;

/**
 * Stacks requests whose arrays differ in their first dimension (for example clips of different
 * length, {@code (time, features)}): each array is zero-padded at the end of dimension 0 to the
 * longest in the batch, then stacked like {@link Batchifier#STACK}. Arrays of equal shape, such as
 * a scalar length, are stacked unchanged. Unbatchifying and splitting work as for
 * {@code STACK}. Pair it with a block that reads each row at its own length, so that padding
 * never changes an answer.
 *
 * <pre>{@code
 * public Batchifier getBatchifier() {
 *     return PaddingBatchifier.INSTANCE;   // requests: NDList((time, 40), (time, 512), length)
 * }
 * }</pre>
 */
public final class PaddingBatchifier implements Batchifier {

    private static final long serialVersionUID = 1L;

    /** The shared instance; the batchifier holds no state. */
    public static final PaddingBatchifier INSTANCE = new PaddingBatchifier();

    private PaddingBatchifier() {}

    @Override
    public NDList batchify(NDList[] inputs) {
        if (inputs.length == 0) {
            return new NDList();
        }
        int arrays = inputs[0].size();
        NDList out = new NDList(arrays);
        for (int j = 0; j < arrays; j++) {
            long max = 0;
            boolean ragged = false;
            Shape first = inputs[0].get(j).getShape();
            for (NDList in : inputs) {
                Shape s = in.get(j).getShape();
                if (s.dimension() > 0) {
                    max = Math.max(max, s.get(0));
                }
                ragged |= !s.equals(first);
            }
            NDList column = new NDList(inputs.length);
            for (NDList in : inputs) {
                NDArray a = in.get(j);
                column.add(ragged ? padTo(a, max) : a);
            }
            out.add(NDArrays.stack(column));
        }
        return out;
    }

    private static NDArray padTo(NDArray a, long length) {
        Shape s = a.getShape();
        if (s.dimension() == 0) {
            throw new IllegalArgumentException("cannot pad a scalar to a batch of different shapes");
        }
        long missing = length - s.get(0);
        if (missing == 0) {
            return a;
        }
        long[] dims = s.getShape();
        dims[0] = missing;
        NDArray zeros = a.getManager().zeros(new Shape(dims), a.getDataType());
        return a.concat(zeros, 0);
    }

    @Override
    public NDList[] unbatchify(NDList inputs) {
        return Batchifier.STACK.unbatchify(inputs);
    }

    @Override
    public NDList[] split(NDList list, int numOfSlices, boolean evenSplit) {
        return Batchifier.STACK.split(list, numOfSlices, evenSplit);
    }
}
