package dev.lstmforge.plugins.video.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-frame feature extractors: maps frames {@code (n, 3, h, w)} with values in [0, 1] to
 * features {@code (n, f)}. The ResNet starts by standardising the pixels with ImageNet's channel
 * means and deviations, so pretrained weights see what they were trained on.
 *
 * <ul>
 *   <li>{@link #small}: a three-stage CNN trained from scratch with the LSTM, its last maps
 *       reduced to keypoints (where each map is strongest) or pooled over the whole frame.
 *   <li>{@link #resnet}: DJL's {@code ResNetV1} without its classifier, with random weights or
 *       weights read from a local DJL parameter file; nothing is downloaded.
 * </ul>
 *
 * <pre>{@code
 * Block cnn = FrameBackbones.small(64, 64, FrameBackbones.Pooling.KEYPOINTS);
 * Block r18 = FrameBackbones.resnet(18, 224, 224, 1000, Path.of("resnet18-0000.params"));
 * }</pre>
 */
public final class FrameBackbones {

    /** Features the small CNN gives per frame with {@link Pooling#GLOBAL}. */
    public static final int SMALL_FEATURES = 128;

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private FrameBackbones() {}

    /** How the small CNN turns its last feature maps into a frame's features. */
    public enum Pooling {
        /**
         * The global average and maximum of each map: what is in the frame, not where (two
         * features per map).
         */
        GLOBAL,
        /**
         * A {@link SpatialSoftArgmax} keypoint per map: where each map is strongest and how strong
         * (four features per map: expected x and y, maximum, mean), so that a sequence of frames shows how things moved.
         */
        KEYPOINTS
    }

    /**
     * The from-scratch CNN with {@link Pooling#GLOBAL} pooling ({@value #SMALL_FEATURES}
     * features).
     *
     * @param height frame height, at least 8
     * @param width frame width, at least 8
     * @return the backbone
     */
    public static Block small(int height, int width) {
        return small(height, width, Pooling.GLOBAL);
    }

    /**
     * The from-scratch CNN: a strided 5x5 convolution (16 channels), then two stages of 3x3
     * convolution (32 and 64 channels), each with batch norm and ReLU, with 2x2 max pooling after
     * the first stage (and after the second for global pooling); then the 64 maps pooled: {@value
     * #SMALL_FEATURES} features with {@link Pooling#GLOBAL}, 256 with {@link Pooling#KEYPOINTS}
     * (whose maps keep a quarter of the frame's width, for finer positions). It takes any number of
     * input channels (3 colours, or 6 with motion channels).
     *
     * @param height frame height, at least 8
     * @param width frame width, at least 8
     * @param pooling how the last maps become features
     * @return the backbone
     */
    public static Block small(int height, int width, Pooling pooling) {
        if (height < 8 || width < 8) {
            throw new IllegalArgumentException("frames of " + width + "x" + height + " are too small for the CNN");
        }
        // no pixel standardisation: batch norm after the first convolution sets the scale, and
        // the input may carry motion channels besides the colours
        SequentialBlock b = new SequentialBlock()
                // stage 1 halves the frame with a strided 5x5 convolution instead of pooling a
                // full-size map: the largest activation is a quarter of the size, which is what
                // the backward pass spends its time allocating and filling
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(5, 5))
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(2, 2))
                        .setFilters(16)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        for (int filters : new int[] {32, SMALL_FEATURES / 2}) {
            b.add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .setFilters(filters)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock());
            if (filters == 32 || pooling == Pooling.GLOBAL) {
                b.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        if (pooling == Pooling.KEYPOINTS) {
            return b.add(new SpatialSoftArgmax());
        }
        // global average and max over the map: features that do not depend on where in the frame
        // something happens
        return b.add(new ParallelBlock(
                list -> new NDList(NDArrays.concat(
                        new NDList(list.get(0).head(), list.get(1).head()), 1)),
                List.of(
                        new SequentialBlock().add(Pool.globalAvgPool2dBlock()),
                        new SequentialBlock().add(Pool.globalMaxPool2dBlock()))));
    }

    /**
     * DJL's ResNet (v1) as a feature extractor: everything up to and including the global
     * average pooling, so {@code f} is the last stage's channels (512 for 18 and 34 layers).
     *
     * @param layers 18, 34, 50, 101 or 152
     * @param height frame height
     * @param width frame width
     * @param classes the classifier size the weights file was saved with (1000 for ImageNet);
     *     the classifier is read and dropped
     * @param weights a DJL parameter file ({@code name-0000.params}) saved from a {@code ResNetV1}
     *     of the same layers and classes, or null for random weights
     * @return the backbone; the weights are read when it is initialised, so only in training
     */
    public static Block resnet(int layers, int height, int width, int classes, Path weights) {
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new DataException(weights + ": backbone weights file not found");
        }
        SequentialBlock full = ResNetV1.builder()
                .setImageShape(new Shape(3, height, width))
                .setNumLayers(layers)
                .setOutSize(classes)
                .build();
        List<Block> parts = full.getChildren().values();
        // ResNetV1 ends with flatten, the classifier (Linear) and flatten again: keep the rest
        SequentialBlock features = new SequentialBlock().add(standardise());
        for (int i = 0; i < parts.size() - 2; i++) {
            features.add(parts.get(i));
        }
        return new Pretrained(features, full, weights, layers, classes);
    }

    /** DJL skips a parameter file without its magic number silently: check it first. */
    private static void requireDjlParameters(Path file) {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4 || !"DJL@".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new DataException(file + ": not a DJL parameter file (it does not start with DJL@); save the"
                        + " weights with DJL's Model.save from a ResNetV1 block");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the backbone weights: " + e.getMessage(), e);
        }
    }

    private static Block standardise() {
        return new LambdaBlock(
                in -> {
                    NDArray x = in.head();
                    NDManager m = x.getManager();
                    NDArray mean = m.create(MEAN, new Shape(1, 3, 1, 1)).toType(x.getDataType(), false);
                    NDArray std = m.create(STD, new Shape(1, 3, 1, 1)).toType(x.getDataType(), false);
                    return new NDList(x.sub(mean).div(std));
                },
                "standardise");
    }

    /**
     * A feature extractor whose weights, when a file is given, are copied in from a saved full
     * network the first time it is initialised.
     */
    static final class Pretrained extends AbstractBlock {

        private static final byte VERSION = 1;

        private final Block features;
        private final SequentialBlock full;
        private final Path weights;
        private final int layers;
        private final int classes;

        Pretrained(Block features, SequentialBlock full, Path weights, int layers, int classes) {
            super(VERSION);
            this.features = addChildBlock("features", features);
            this.full = full;
            this.weights = weights;
            this.layers = layers;
            this.classes = classes;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return features.forward(ps, inputs, training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return features.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            features.initialize(manager, dataType, inputShapes);
            if (weights == null) {
                return;
            }
            requireDjlParameters(weights);
            Shape one = new Shape(1).addAll(inputShapes[0].slice(1));
            String file = weights.getFileName().toString();
            String prefix = file.replaceFirst("-\\d+\\.params$", "").replaceFirst("\\.params$", "");
            try (Model saved = Model.newInstance(prefix, manager.getEngine().getEngineName())) {
                SequentialBlock copy = ResNetV1.builder()
                        .setImageShape(one.slice(1))
                        .setNumLayers(layers)
                        .setOutSize(classes)
                        .build();
                saved.setBlock(copy);
                copy.initialize(saved.getNDManager(), dataType, one);
                saved.load(weights.toAbsolutePath().getParent(), prefix);
                full.initialize(manager, dataType, one);
                PairList<String, Parameter> from = copy.getParameters();
                PairList<String, Parameter> to = full.getParameters();
                for (int i = 0; i < to.size(); i++) {
                    Pair<String, Parameter> p = to.get(i);
                    Parameter src = from.get(p.getKey());
                    if (src == null
                            || !src.getArray()
                                    .getShape()
                                    .equals(p.getValue().getArray().getShape())) {
                        throw new DataException(weights + ": parameter " + p.getKey()
                                + " is missing or has another shape; the file is not a ResNetV1 of this size");
                    }
                    p.getValue().getArray().set(src.getArray().toFloatArray());
                }
            } catch (IOException | MalformedModelException e) {
                throw new DataException(weights + ": cannot read the backbone weights: " + e.getMessage(), e);
            }
        }
    }
}
