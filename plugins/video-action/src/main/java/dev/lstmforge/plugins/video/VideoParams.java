package dev.lstmforge.plugins.video;

import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.support.train.CommonParams;
import java.util.List;

/** The hyper-parameters of the video project. */
public final class VideoParams {

    private VideoParams() {}

    /** Video clips, or keypoint trajectories. */
    public static final Param<String> INPUT = Param.choice(
            "input",
            "video",
            List.of("video", "keypoints"),
            "video: clips through the per-frame CNN and the LSTM; keypoints: (x, y) trajectories (the shared"
                    + " finger-gesture set, or a CSV in its format) straight into the same LSTM head");

    /** Frame sampling. */
    public static final Param<String> SAMPLING = Param.choice(
            "sampling",
            "uniform",
            List.of("uniform", "difference", "keyframes"),
            "uniform: evenly spaced frames (or every k-th, with every); difference: the frames that change most"
                    + " from the previous kept one; keyframes: the codec's key frames only, decoded without the others"
                    + " (uniform when a clip has too few)");

    /** Frames per clip. */
    public static final Param<Integer> FRAMES =
            Param.integer("frames", 8, 2, 256, "frames sampled from each clip (the LSTM's steps)");

    /** Every k-th frame. */
    public static final Param<Integer> EVERY = Param.integer(
            "every",
            0,
            0,
            1000,
            "uniform sampling: take every k-th frame from the start (the source document's 1 in 5), up to frames;"
                    + " 0 spaces the frames evenly over the whole clip");

    /** Frame size. */
    public static final Param<Integer> FRAME_SIZE = Param.integer(
            "frameSize",
            0,
            0,
            1024,
            "frames are resized to this width and height while decoding; 0: 64 for the small CNN, 224 for ResNet");

    /** Frame feature extractor. */
    public static final Param<String> BACKBONE = Param.choice(
            "backbone",
            "small",
            List.of("small", "resnet"),
            "small: a three-stage CNN trained with the LSTM; resnet: DJL's ResNetV1 (random weights, or backboneWeights)");

    /** ResNet depth. */
    public static final Param<Integer> RESNET_LAYERS =
            Param.integer("resnetLayers", 18, 18, 152, "ResNet depth: 18, 34, 50, 101 or 152");

    /** Pretrained weights. */
    public static final Param<String> BACKBONE_WEIGHTS = Param.text(
            "backboneWeights",
            "",
            "a local DJL parameter file (name-0000.params) of a ResNetV1 of resnetLayers with backboneClasses outputs;"
                    + " empty for random weights. Nothing is downloaded");

    /** Classifier size of the weights file. */
    public static final Param<Integer> BACKBONE_CLASSES = Param.integer(
            "backboneClasses",
            1000,
            1,
            100000,
            "outputs of the network the weights file was saved from (1000: ImageNet)");

    /** Freeze the backbone. */
    public static final Param<Boolean> FREEZE = Param.flag(
            "freezeBackbone",
            false,
            "keep the backbone's weights fixed; its per-frame features are then computed once per clip and cached");

    /** Motion channels. */
    public static final Param<Boolean> MOTION = Param.flag(
            "motion",
            true,
            "give the backbone each frame's difference from the previous sampled frame as 3 more channels (small CNN"
                    + " only); turn off for a per-frame baseline that sees each frame alone");

    /** How the small CNN reduces its last maps. */
    public static final Param<String> POOLING = Param.choice(
            "pooling",
            "keypoints",
            List.of("keypoints", "global"),
            "small CNN: keypoints keeps where each feature map is strongest (expected x, y and peak per map);"
                    + " global keeps only each map's average and maximum, which cannot tell where things are");

    /** Temporal head or per-frame baseline. */
    public static final Param<String> HEAD = Param.choice(
            "head",
            "lstm",
            List.of("lstm", "average"),
            "lstm: the temporal model; average: the per-frame baseline (frame features averaged, no LSTM)");

    /** Generated clips per class when no data is given. */
    public static final Param<Integer> CLIPS_PER_CLASS = Param.integer(
                    "clipsPerClass", 100, 4, 10000, "generated clips per motion class when no data is given")
            .perRun();

    /** Share of clips tested. */
    public static final Param<Double> TEST_FRACTION = CommonParams.TEST_FRACTION.withDefault(0.2);

    /** Share of the rest used for validation. */
    public static final Param<Double> VALIDATION_FRACTION = CommonParams.VALIDATION_FRACTION.withDefault(0.1);

    /** LSTM units. */
    public static final Param<Integer> HIDDEN_SIZE = CommonParams.HIDDEN_SIZE.withDefault(128);

    /** LSTM layers. */
    public static final Param<Integer> LAYERS = CommonParams.LAYERS.withDefault(1);

    /** Dropout. */
    public static final Param<Double> DROPOUT = CommonParams.DROPOUT.withDefault(0.2);

    /**
     * Returns every parameter, training ones first.
     *
     * @return the declarations
     */
    public static List<Param<?>> all() {
        return TrainingParams.defaults()
                .epochs(30)
                .patience(8)
                .batchSize(16)
                .learningRate(0.001)
                .after(
                        INPUT,
                        SAMPLING,
                        FRAMES,
                        EVERY,
                        FRAME_SIZE,
                        BACKBONE,
                        RESNET_LAYERS,
                        BACKBONE_WEIGHTS,
                        BACKBONE_CLASSES,
                        FREEZE,
                        MOTION,
                        POOLING,
                        HEAD,
                        CLIPS_PER_CLASS,
                        TEST_FRACTION,
                        VALIDATION_FRACTION,
                        HIDDEN_SIZE,
                        LAYERS,
                        DROPOUT);
    }
}
