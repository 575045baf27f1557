package dev.lstmforge.plugins.video.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Turns each feature map into a keypoint: where the map is strongest and how strong. For maps
 * {@code (n, c, h, w)} it takes a softmax over the {@code h * w} positions of each map (each map
 * with its own learned sharpness), and returns {@code (n, 4c)}: the expected x of every map, then
 * the expected y (both in [-1, 1], -1 at the left and top edges), then every map's maximum, then
 * its mean.
 *
 * <p>Global average or max pooling forgets where something is, so a sequence of such features
 * cannot tell a shape moving left from one moving right; the expected positions keep exactly that,
 * in a few numbers per map, with no parameters to memorise the training frames with (the
 * "spatial softmax" of visuomotor policy learning). A map that is zero everywhere has its
 * keypoint at the centre.
 *
 * <pre>{@code
 * Block pool = new SpatialSoftArgmax();
 * pool.initialize(manager, DataType.FLOAT32, new Shape(8, 64, 16, 16)); // -> (8, 256)
 * }</pre>
 */
public final class SpatialSoftArgmax extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter sharpness;

    /** Builds the block; every map's sharpness starts at 1. */
    public SpatialSoftArgmax() {
        super(VERSION);
        sharpness = addParameter(Parameter.builder()
                .setName("sharpness")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(1f))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray maps = inputs.head();
        Shape s = maps.getShape();
        long n = s.get(0);
        long c = s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDArray k = ps.getValue(sharpness, maps.getDevice(), training).reshape(1, c, 1);
        NDArray flat = maps.reshape(n, c, (long) h * w);
        NDArray weights = flat.mul(k).softmax(2);
        NDManager m = maps.getManager();
        NDArray xs = m.create(grid(w, h, true), new Shape(1, 1, (long) h * w)).toType(maps.getDataType(), false);
        NDArray ys = m.create(grid(w, h, false), new Shape(1, 1, (long) h * w)).toType(maps.getDataType(), false);
        NDArray ex = weights.mul(xs).sum(new int[] {2});
        NDArray ey = weights.mul(ys).sum(new int[] {2});
        NDArray peak = flat.max(new int[] {2});
        NDArray mean = flat.mean(new int[] {2});
        return new NDList(NDArrays.concat(new NDList(ex, ey, peak, mean), 1));
    }

    /** Each position's x (or y) coordinate, row-major, spread evenly over [-1, 1]. */
    static float[] grid(int w, int h, boolean x) {
        float[] g = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int col = 0; col < w; col++) {
                int i = x ? col : r;
                int size = x ? w : h;
                g[r * w + col] = size == 1 ? 0f : -1f + 2f * i / (size - 1);
            }
        }
        return g;
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        sharpness.setShape(new Shape(inputShapes[0].get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), 4 * s.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
