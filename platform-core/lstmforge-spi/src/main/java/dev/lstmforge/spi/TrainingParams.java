package dev.lstmforge.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training keys the host understands for every project. A project that wants another default
 * declares the same key with {@link Param#withDefault(Object)}; its declaration then wins.
 *
 * <pre>{@code
 * public List<Param<?>> parameters() {
 *     return List.of(WINDOW, TrainingParams.EPOCHS.withDefault(40));
 * }
 * }</pre>
 */
public final class TrainingParams {

    /** Most passes over the training part. */
    public static final Param<Integer> EPOCHS =
            Param.integer("epochs", 30, 1, 100_000, "most passes over the training data");

    /** Samples per mini-batch. */
    public static final Param<Integer> BATCH_SIZE =
            Param.integer("batchSize", 64, 1, 1 << 20, "samples per mini-batch");

    /** The optimizer's step size. */
    public static final Param<Double> LEARNING_RATE =
            Param.real("learningRate", 0.001, 1e-8, 10, "optimizer learning rate");

    /** Epochs without a better validation loss before training stops. */
    public static final Param<Integer> PATIENCE = Param.integer(
            "patience", 5, 0, 100_000, "epochs without a better validation loss before stopping; 0 = never stop early");

    /** Wall-clock budget for the training loop. */
    public static final Param<Integer> TIME_BUDGET_SECONDS =
            Param.integer("timeBudgetSeconds", 0, 0, 31_536_000, "stop training after this many seconds; 0 = no limit");

    /** Every host training key, with the host's defaults. */
    public static final List<Param<?>> ALL = List.of(EPOCHS, BATCH_SIZE, LEARNING_RATE, PATIENCE, TIME_BUDGET_SECONDS);

    private TrainingParams() {}

    /**
     * Returns a project's declarations followed by the host keys it does not declare itself.
     *
     * @param projectParams the project's declarations
     * @return the full list a run is parsed against
     */
    public static List<Param<?>> withHostKeys(List<Param<?>> projectParams) {
        Map<String, Param<?>> all = new LinkedHashMap<>();
        for (Param<?> p : projectParams) {
            all.put(p.name(), p);
        }
        for (Param<?> p : ALL) {
            all.putIfAbsent(p.name(), p);
        }
        return new ArrayList<>(all.values());
    }
}
