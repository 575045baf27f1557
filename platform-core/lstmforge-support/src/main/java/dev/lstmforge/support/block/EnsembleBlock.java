package dev.lstmforge.support.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An ensemble of classifiers trained side by side in one model: every member reads the same
 * inputs, each starts from its own random initialisation (and draws its own dropout), and the
 * ensemble answers with the average of the members' class probabilities.
 *
 * <p>Why: members that start apart end in different minima and make partly different mistakes;
 * averaging their probabilities cancels part of each member's errors. This helps most where a
 * single model is unstable from one seed to the next (for example on a speaker it has not heard).
 * The cost is {@code members} times the parameters and the compute.
 *
 * <p>Outputs: with {@code training = false}, {@code NDList(log p)} where {@code p} is the mean of
 * the members' softmax over the last axis, {@code (batch, classes)}; a softmax of it gives {@code p}
 * back, so a translator or evaluator that applies softmax to logits needs no change. With {@code
 * training = true}, {@code NDList(log p, logits_0, ..., logits_{k-1})}: the members' own logits
 * follow, so that {@link EnsembleLoss} trains each member on its own loss (members trained on the
 * loss of their average would learn to lean on each other instead of each being right). An
 * evaluator that reads the first output (DJL's {@code Accuracy}) scores the ensemble.
 *
 * <p>The members are child blocks in member order (named {@code member<i>}, with DJL's position
 * prefix), so their parameters are saved one member after the other; padding rules and input
 * conventions are the members' own.
 *
 * <pre>{@code
 * // three two-stream classifiers, averaged; one member gives the plain block back
 * Block b = EnsembleBlock.of(3, i -> new SequenceStreamsBlock(new int[] {0, 1}, 64, 1, 0.2, 10));
 * Loss loss = new EnsembleLoss(new SoftmaxCrossEntropyLoss("cross_entropy"));
 * }</pre>
 */
public final class EnsembleBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<Block> members = new ArrayList<>();

    /**
     * Builds an ensemble of the given members.
     *
     * @param members at least two classifiers that take the same inputs and return logits {@code
     *     (batch, classes)} as their first output
     */
    public EnsembleBlock(List<? extends Block> members) {
        super(VERSION);
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members.size());
        }
        for (int i = 0; i < members.size(); i++) {
            this.members.add(addChildBlock("member" + i, members.get(i)));
        }
    }

    /**
     * Returns an ensemble of {@code count} members, or the single member itself when {@code count}
     * is 1 (so a model with one member is saved exactly as before ensembles existed).
     *
     * @param count members, at least 1
     * @param member builds member {@code i}, a new block each call
     * @return the block
     */
    public static Block of(int count, IntFunction<? extends Block> member) {
        if (count < 1) {
            throw new IllegalArgumentException("members " + count + " must be at least 1");
        }
        if (count == 1) {
            return member.apply(0);
        }
        List<Block> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(member.apply(i));
        }
        return new EnsembleBlock(list);
    }

    /**
     * Returns the number of members.
     *
     * @return the count
     */
    public int size() {
        return members.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList logits = new NDList(members.size());
        for (Block m : members) {
            logits.add(m.forward(ps, inputs, training, params).head());
        }
        NDList out = new NDList(members.size() + 1);
        out.add(meanProbabilityLog(logits));
        if (training) {
            out.addAll(logits);
        }
        return out;
    }

    /**
     * Returns {@code log(mean_i softmax(logits_i))} over the last axis, computed as a log-sum-exp
     * of the members' log-softmax so that a class every member rules out stays finite.
     *
     * @param logits the members' logits, each {@code (batch, classes)}
     * @return {@code (batch, classes)}
     */
    static NDArray meanProbabilityLog(NDList logits) {
        NDList logProbs = new NDList(logits.size());
        for (NDArray l : logits) {
            logProbs.add(l.logSoftmax(-1));
        }
        NDArray stacked = NDArrays.stack(logProbs, 0);
        NDArray top = stacked.max(new int[] {0}, true);
        // each entry of the mean is at least exp(0) / k, so the log never sees 0
        NDArray mean = stacked.sub(top).exp().mean(new int[] {0});
        return mean.log().add(top.squeeze(0));
    }

    /**
     * Returns the shape of the ensemble's answer, the first output, which is also a member's
     * output shape; a training pass returns the members' logits after it, of the same shape.
     *
     * @param inputShapes the members' input shapes
     * @return one shape, {@code (batch, classes)}
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {members.get(0).getOutputShapes(inputShapes)[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block m : members) {
            m.initialize(manager, dataType, inputShapes);
        }
    }
}
