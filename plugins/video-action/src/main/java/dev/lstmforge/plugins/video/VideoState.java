package dev.lstmforge.plugins.video;

import dev.lstmforge.plugins.video.decode.Sampling;
import dev.lstmforge.plugins.video.model.FrameBackbones;
import java.util.List;

/**
 * What a trained video model needs besides its parameters, saved as {@code state.json}: the
 * classes, the input kind, how frames are sampled and sized, the backbone, and (for keypoint
 * trajectories) the scale fitted on the training sequences; plus where the data came from and how
 * it was split.
 */
public final class VideoState {

    /** Class names, in output order. */
    public List<String> classes;

    /** {@code video} or {@code keypoints}. */
    public String input;

    /** {@code uniform}, {@code difference} or {@code keyframes}. */
    public String sampling;

    /** Frames sampled per clip (steps of the LSTM). */
    public int frames;

    /** Uniform sampling: every k-th frame; 0 spaces the frames evenly. */
    public int every;

    /** Frames are resized to this width and height while decoding. */
    public int frameSize;

    /** {@code small} or {@code resnet}. */
    public String backbone;

    /** ResNet depth, when the backbone is a ResNet. */
    public int resnetLayers;

    /** Outputs of the network the ResNet weights came from. */
    public int backboneClasses;

    /** Whether the backbone's weights were kept fixed. */
    public boolean frozen;

    /** SHA-256 of the pretrained weights file, or null for random weights (part of the cache key). */
    public String weightsSha256;

    /** Whether the backbone also sees each frame's difference from the previous sampled frame. */
    public boolean motion;

    /**
     * How the small CNN reduces its maps: {@code keypoints} or {@code global}; null in models saved
     * before this option existed, which pooled globally.
     */
    public String pooling;

    /**
     * Returns the small CNN's pooling.
     *
     * @return the pooling, {@code GLOBAL} when the state predates the option
     */
    public FrameBackbones.Pooling poolingKind() {
        return "keypoints".equals(pooling) ? FrameBackbones.Pooling.KEYPOINTS : FrameBackbones.Pooling.GLOBAL;
    }

    /** {@code lstm} or {@code average} (the per-frame baseline). */
    public String head;

    /** Keypoints: values per step (2 for x, y). */
    public int keypointWidth;

    /** Keypoints: steps per sequence. */
    public int keypointSteps;

    /** Keypoints: per-feature scale fitted on the training sequences (inputs are multiplied by it). */
    public float[] keypointScale;

    /** Where the training data came from. */
    public String dataSource;

    /** The split in words. */
    public String split;

    /**
     * Returns the frame sampling this state describes.
     *
     * @return the sampling
     */
    public Sampling samplingPlan() {
        return switch (sampling) {
            case "difference" -> Sampling.difference(frames);
            case "keyframes" -> Sampling.keyframes(frames);
            default -> every > 0 ? Sampling.every(every, frames) : Sampling.uniform(frames);
        };
    }
}
