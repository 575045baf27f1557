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
 *     return TrainingParams.defaults().epochs(40).patience(8).after(WINDOW, HIDDEN_SIZE);
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

    /**
     * Starts a list of a project's own defaults for the host training keys.
     *
     * @return an empty set of overrides
     */
    public static Defaults defaults() {
        return new Defaults();
    }

    /** A project's own defaults for some host training keys; the others keep the host's. */
    public static final class Defaults {

        private final List<Param<?>> overrides = new ArrayList<>();

        private Defaults() {}

        /**
         * Sets the default epoch limit.
         *
         * @param value the default
         * @return this
         */
        public Defaults epochs(int value) {
            overrides.add(EPOCHS.withDefault(value));
            return this;
        }

        /**
         * Sets the default mini-batch size.
         *
         * @param value the default
         * @return this
         */
        public Defaults batchSize(int value) {
            overrides.add(BATCH_SIZE.withDefault(value));
            return this;
        }

        /**
         * Sets the default learning rate.
         *
         * @param value the default
         * @return this
         */
        public Defaults learningRate(double value) {
            overrides.add(LEARNING_RATE.withDefault(value));
            return this;
        }

        /**
         * Sets the default early-stopping patience.
         *
         * @param value the default
         * @return this
         */
        public Defaults patience(int value) {
            overrides.add(PATIENCE.withDefault(value));
            return this;
        }

        /**
         * Sets the default wall-clock budget.
         *
         * @param seconds the default; 0 = none
         * @return this
         */
        public Defaults timeBudgetSeconds(int seconds) {
            overrides.add(TIME_BUDGET_SECONDS.withDefault(seconds));
            return this;
        }

        /**
         * Returns the project's own declarations followed by these overrides.
         *
         * @param own the project's declarations, in display order
         * @return the list for {@link LstmProject#parameters()}
         */
        public List<Param<?>> after(Param<?>... own) {
            List<Param<?>> all = new ArrayList<>(List.of(own));
            all.addAll(overrides);
            return List.copyOf(all);
        }
    }
}
