package dev.lstmforge.spi;

import java.util.List;

/**
 * The host's keys for continuing training from a saved version ({@code train --from}): which
 * protection against forgetting to use and its settings. They are accepted only with a parent
 * version, parsed and range-checked like every other hyper-parameter, and saved with the new
 * version.
 *
 * <pre>{@code
 * lstmforge train audio-classification --from audio-classification/v3 --data new-speaker/ \
 *     -P strategy=ewc -P ewcLambda=1000
 * }</pre>
 *
 * <ul>
 *   <li>{@code naive}: plain fine-tuning on the new data, the baseline that forgets;
 *   <li>{@code replay}: a rehearsal memory of up to {@code replayPerTask} training examples of
 *       each earlier task (reservoir sampling), saved with each version and trained beside every
 *       batch of the new data;
 *   <li>{@code ewc}: elastic weight consolidation, the penalty {@code ewcLambda · Σ F_i (θ_i −
 *       θ*_i)²} with the diagonal Fisher information {@code F} and the parameters {@code θ*} saved
 *       at the end of each training (Fisher summed over the tasks so far: online EWC);
 *   <li>{@code joint}: training on the data of every task so far, the upper bound the others are
 *       measured against.
 * </ul>
 */
public final class ContinualParams {

    /** The strategy names, in the order help lists them. */
    public static final List<String> STRATEGIES = List.of("naive", "replay", "ewc", "joint");

    /** The protection against forgetting. */
    public static final Param<String> STRATEGY =
            Param.choice("strategy", "naive", STRATEGIES, "how fine-tuning protects what earlier versions learned");

    /** Rehearsal examples kept per earlier task. */
    public static final Param<Integer> REPLAY_PER_TASK =
            Param.integer("replayPerTask", 200, 1, 1_000_000, "replay: training examples kept from each earlier task");

    /** Rehearsal examples trained beside each batch. */
    public static final Param<Integer> REPLAY_BATCH_SIZE = Param.integer(
            "replayBatchSize", 0, 0, 1 << 20, "replay: memory examples beside each batch; 0 = the batch size");

    /** The weight of the EWC penalty. */
    public static final Param<Double> EWC_LAMBDA =
            Param.real("ewcLambda", 1000.0, 0, 1e12, "ewc: weight of the penalty on moving important parameters");

    /** Batches the Fisher information is estimated from. */
    public static final Param<Integer> FISHER_BATCHES = Param.integer(
            "fisherBatches",
            0,
            0,
            1_000_000,
            "ewc: training batches the Fisher information is estimated from; 0 = all");

    /** Every continual key. */
    public static final List<Param<?>> ALL =
            List.of(STRATEGY, REPLAY_PER_TASK, REPLAY_BATCH_SIZE, EWC_LAMBDA, FISHER_BATCHES);

    private ContinualParams() {}

    /**
     * Tells whether a key is one of these.
     *
     * @param key a hyper-parameter name
     * @return true for a continual key
     */
    public static boolean isContinualKey(String key) {
        return ALL.stream().anyMatch(p -> p.name().equals(key));
    }
}
