package dev.lstmforge.plugins.video.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * The video classifier: a per-frame feature extractor (the backbone, applied to every sampled
 * frame: "time-distributed") followed by a sequence head over the frames' features.
 *
 * <p>Inputs: {@code NDList(x, lengths)}. {@code x} is either frames {@code (batch, time, 3,
 * height, width)} with values in [0, 1], or, when the backbone is frozen and its features were
 * cached, features {@code (batch, time, features)}, which skip the backbone. {@code lengths} is
 * {@code (batch)} int32, the valid frames per clip. Output: {@code (batch, classes)} logits. So the
 * same saved block trains on cached features and answers requests from frames.
 *
 * <pre>{@code
 * Block b = new VideoBlock(FrameBackbones.small(64, 64), Heads.lstm(128, 1, 0.2, 8), false);
 * b.initialize(manager, DataType.FLOAT32, new Shape(1, 16, 3, 64, 64), new Shape(1));
 * }</pre>
 */
public final class VideoBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block backbone;
    private final Block head;
    private final boolean frozen;
    private final boolean motion;

    /**
     * Builds the block.
     *
     * @param backbone maps frames {@code (n, 3, h, w)} to features {@code (n, f)}
     * @param head maps {@code NDList(features (batch, time, f), lengths)} to logits
     * @param frozen whether the backbone is a fixed feature extractor: its parameters get no
     *     gradient and it always runs in inference mode (batch-norm statistics stay as loaded)
     */
    public VideoBlock(Block backbone, Block head, boolean frozen) {
        this(backbone, head, frozen, false);
    }

    /**
     * Builds the block, optionally giving the backbone each frame's change from the frame before.
     *
     * @param backbone maps frames {@code (n, c, h, w)} to features {@code (n, f)}
     * @param head maps {@code NDList(features (batch, time, f), lengths)} to logits
     * @param frozen whether the backbone is a fixed feature extractor
     * @param motion whether to append to each frame's 3 channels its difference from the previous
     *     sampled frame (zero for the first), so the backbone sees 6 channels: where something
     *     moved, not only what is there
     */
    public VideoBlock(Block backbone, Block head, boolean frozen, boolean motion) {
        super(VERSION);
        this.backbone = addChildBlock("backbone", backbone);
        this.head = addChildBlock("head", head);
        this.frozen = frozen;
        this.motion = motion;
    }

    /** @return whether the backbone is frozen */
    public boolean frozen() {
        return frozen;
    }

    /** @return the per-frame feature extractor */
    public Block backbone() {
        return backbone;
    }

    /**
     * Runs the backbone on every frame of a batch of clips.
     *
     * @param ps the parameter store
     * @param frames {@code (batch, time, 3, h, w)}
     * @param training whether this is a training pass
     * @return features {@code (batch, time, f)}
     */
    public NDArray frameFeatures(ParameterStore ps, NDArray frames, boolean training) {
        if (motion) {
            frames = withMotion(frames);
        }
        Shape s = frames.getShape();
        long batch = s.get(0);
        long time = s.get(1);
        NDArray flat = frames.reshape(new Shape(batch * time).addAll(s.slice(2)));
        NDArray features =
                backbone.forward(ps, new NDList(flat), training && !frozen).head();
        return features.reshape(batch, time, -1);
    }

    /** Appends each frame's difference from the frame before as 3 more channels. */
    private static NDArray withMotion(NDArray frames) {
        long time = frames.getShape().get(1);
        NDArray previous = time > 1 ? frames.get(":, 0:1").concat(frames.get(":, 0:" + (time - 1)), 1) : frames;
        return frames.concat(frames.sub(previous), 2);
    }

    private Shape backboneInput(Shape x) {
        long channels = motion ? 2 * x.get(2) : x.get(2);
        return new Shape(x.get(0) * x.get(1), channels).addAll(x.slice(3));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray features = x.getShape().dimension() == 5 ? frameFeatures(ps, x, training) : x;
        return head.forward(ps, new NDList(features, inputs.get(1)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(headShapes(inputShapes));
    }

    private Shape[] headShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        if (x.dimension() != 5) {
            return new Shape[] {x, inputShapes[1]};
        }
        long features = backbone.getOutputShapes(new Shape[] {backboneInput(x)})[0].get(1);
        return new Shape[] {new Shape(x.get(0), x.get(1), features), inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != 2) {
            throw new IllegalArgumentException("expected frames and lengths, got " + Arrays.toString(inputShapes));
        }
        Shape x = inputShapes[0];
        if (x.dimension() != 5) {
            throw new IllegalArgumentException("initialise with frames (batch, time, 3, h, w), got " + x);
        }
        backbone.initialize(manager, dataType, backboneInput(x));
        if (frozen) {
            backbone.freezeParameters(true);
        }
        Shape[] h = headShapes(inputShapes);
        head.initialize(manager, dataType, h);
    }
}
