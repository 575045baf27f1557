package dev.lstmforge.support.train;

import dev.lstmforge.spi.Param;

/**
 * Hyper-parameters most LSTM projects declare, with one name, range and description each. A
 * project picks the ones it uses and may change a default:
 *
 * <pre>{@code
 * List<Param<?>> parameters() {
 *     return List.of(CommonParams.HIDDEN_SIZE.withDefault(50), CommonParams.LAYERS.withDefault(2));
 * }
 * }</pre>
 */
public final class CommonParams {

    /** Units in each LSTM layer. */
    public static final Param<Integer> HIDDEN_SIZE =
            Param.integer("hiddenSize", 64, 1, 8192, "units in each LSTM layer");

    /** Stacked LSTM layers. */
    public static final Param<Integer> LAYERS = Param.integer("layers", 1, 1, 16, "stacked LSTM layers");

    /** Dropout between stacked LSTM layers. */
    public static final Param<Double> DROPOUT =
            Param.real("dropout", 0.0, 0.0, 0.95, "dropout between stacked LSTM layers (needs layers > 1)");

    /** Element-wise gradient clipping for Adam (DJL clips each value, not the norm). */
    public static final Param<Double> CLIP_GRADIENT =
            Param.real("clipGradient", 5.0, 0.0, 1e6, "clip each gradient to this magnitude; 0 = no clipping");

    /**
     * Members of an ensemble of classifiers trained side by side (see {@code EnsembleBlock} and
     * {@code EnsembleLoss} in the block package); 1 for a single model.
     */
    public static final Param<Integer> MEMBERS = Param.integer(
            "members",
            1,
            1,
            16,
            "train this many copies of the model side by side, each from its own random start and on its own loss, and"
                    + " answer with the mean of their class probabilities (an ensemble; costs this many times the"
                    + " parameters and the compute); 1 for a single model");

    /** Share of the data held out for validation (early stopping). */
    public static final Param<Double> VALIDATION_FRACTION = Param.real(
                    "validationFraction", 0.1, 0.01, 0.5, "share of the data used for early stopping")
            .perRun();

    /** Share of the data held out for the final test. */
    public static final Param<Double> TEST_FRACTION = Param.real(
                    "testFraction", 0.2, 0.01, 0.8, "share of the data held out for the test")
            .perRun();

    private CommonParams() {}
}
