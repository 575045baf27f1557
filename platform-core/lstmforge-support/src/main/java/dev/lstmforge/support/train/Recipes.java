package dev.lstmforge.support.train;

import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.TrainingParams;
import dev.lstmforge.spi.TrainingRecipe;
import java.util.List;

/**
 * The training-recipe defaults LSTM projects share: Adam at the run's learning rate, with
 * gradient clipping (LSTMs on long windows explode without it).
 *
 * <pre>{@code
 * public TrainingRecipe trainingRecipe(HyperParameters hp) {
 *     return Recipes.adam(hp, Loss.l2Loss("mse", 1f), List.of(new L1Loss("mae")));
 * }
 * }</pre>
 */
public final class Recipes {

    /** The clipping used when a project does not declare {@link CommonParams#CLIP_GRADIENT}. */
    public static final double DEFAULT_CLIP = 5.0;

    private Recipes() {}

    /**
     * Builds Adam with the run's {@code learningRate} and {@code clipGradient} (or
     * {@link #DEFAULT_CLIP} when the project does not declare it).
     *
     * @param hp the run's hyper-parameters
     * @return the optimizer
     */
    public static Optimizer adam(HyperParameters hp) {
        double lr = hp.get(TrainingParams.LEARNING_RATE);
        double clip =
                hp.contains(CommonParams.CLIP_GRADIENT.name()) ? hp.get(CommonParams.CLIP_GRADIENT) : DEFAULT_CLIP;
        var adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr));
        if (clip > 0) {
            adam.optClipGrad((float) clip);
        }
        return adam.build();
    }

    /**
     * Builds a recipe with {@link #adam(HyperParameters)}.
     *
     * @param hp the run's hyper-parameters
     * @param loss the training loss
     * @param evaluators extra metrics reported each epoch
     * @return the recipe
     */
    public static TrainingRecipe adam(HyperParameters hp, Loss loss, List<Evaluator> evaluators) {
        return new TrainingRecipe(loss, evaluators, adam(hp));
    }
}
