package dev.lstmforge.runtime.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.engine.EngineThreads;
import dev.lstmforge.runtime.engine.NativeHeap;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.spi.TrainingRecipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a model's block on a project's prepared data.
 *
 * <p>Each epoch runs every training batch (forward, loss, backward, optimizer step), then the
 * validation batches without gradients. The parameters of the epoch with the lowest validation
 * loss are kept in memory and restored at the end, so the saved model is the best one, not the
 * last one. Training stops at the epoch limit, after {@code patience} epochs without
 * improvement, when the time budget is spent, or when the thread is interrupted (then it throws).
 *
 * <pre>{@code
 * TrainingHistory h = new TrainingRunner(budget, listener).train(model, data, recipe);
 * }</pre>
 */
public final class TrainingRunner {

    private final TrainingBudget budget;
    private final TrainingListener listener;

    /**
     * Creates a runner.
     *
     * @param budget when to stop
     * @param listener progress receiver
     */
    public TrainingRunner(TrainingBudget budget, TrainingListener listener) {
        this.budget = budget;
        this.listener = listener;
    }

    /**
     * Trains {@code model}'s block, leaving the best epoch's parameters in it.
     *
     * @param model a model whose block is set and not yet initialised
     * @param data the prepared data
     * @param recipe loss, evaluators and optimizer
     * @return the epochs and the kept one
     * @throws InterruptedException if the thread was interrupted; nothing is saved then
     */
    public TrainingHistory train(Model model, PreparedData<?> data, TrainingRecipe recipe) throws InterruptedException {
        return train(model, data, recipe, StepExtras.NONE);
    }

    /**
     * Trains {@code model}'s block with additions to each step (continual learning), leaving the
     * best epoch's parameters in it. A block whose parameters are already loaded (fine-tuning)
     * keeps them as the starting point: initialisation only fills parameters that have no value.
     *
     * @param model a model whose block is set
     * @param data the prepared data
     * @param recipe loss, evaluators and optimizer
     * @param extras the replay batch and penalty of each step
     * @return the epochs and the kept one
     * @throws InterruptedException if the thread was interrupted; nothing is saved then
     */
    public TrainingHistory train(Model model, PreparedData<?> data, TrainingRecipe recipe, StepExtras extras)
            throws InterruptedException {
        DefaultTrainingConfig config = new DefaultTrainingConfig(recipe.loss())
                .optOptimizer(recipe.optimizer())
                .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()});
        for (Evaluator e : recipe.evaluators()) {
            config.addEvaluator(e);
        }
        long start = System.nanoTime();
        List<EpochRecord> epochs = new ArrayList<>();
        byte[] bestParams = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        String stopReason = "reached the epoch limit (" + budget.maxEpochs() + ")";
        String engine = model.getNDManager().getEngine().getEngineName();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(data.inputShapes());
            for (int epoch = 1; epoch <= budget.maxEpochs(); epoch++) {
                // every epoch: a listener or a plugin's evaluation may have predicted on this
                // thread in between, with the prediction thread count
                EngineThreads.forTraining(engine);
                long epochStart = System.nanoTime();
                Pass train = runPass(trainer, data.train(), recipe, true, epoch, start, extras);
                Pass valid = runPass(trainer, data.validation(), recipe, false, epoch, start, extras);
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                if (!Double.isFinite(train.meanLoss)) {
                    throw new LstmForgeException("training diverged in epoch " + epoch
                            + ": the training loss is " + train.meanLoss
                            + "; lower learningRate or check the data for extreme values");
                }
                EpochRecord rec = new EpochRecord(
                        epoch,
                        train.meanLoss,
                        valid.meanLoss,
                        train.metrics,
                        valid.metrics,
                        seconds,
                        train.samples / Math.max(1e-9, train.seconds));
                epochs.add(rec);
                boolean improved = valid.meanLoss < bestLoss;
                if (improved) {
                    bestLoss = valid.meanLoss;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    bestParams = snapshot(model.getBlock());
                } else {
                    sinceBest++;
                }
                listener.onEpoch(rec, improved);
                NativeHeap.releaseNowAndThen();
                if (train.budgetHit || overBudget(start)) {
                    stopReason = "time budget of " + budget.timeBudget().toSeconds() + " s spent after " + epoch
                            + " epoch(s)";
                    break;
                }
                if (budget.patience() > 0 && sinceBest >= budget.patience()) {
                    stopReason = "early stopping: " + budget.patience() + " epoch(s) without a lower validation loss";
                    break;
                }
            }
        }
        NativeHeap.release();
        if (bestParams == null) {
            throw new LstmForgeException("training produced no finite validation loss; check the data");
        }
        restore(model, bestParams);
        return new TrainingHistory(epochs, bestEpoch, stopReason);
    }

    private boolean overBudget(long start) {
        return budget.timeLimited()
                && System.nanoTime() - start > budget.timeBudget().toNanos();
    }

    private Pass runPass(
            Trainer trainer,
            Dataset dataset,
            TrainingRecipe recipe,
            boolean training,
            int epoch,
            long runStart,
            StepExtras extras)
            throws InterruptedException {
        String key = training ? "train" : "validate";
        for (Evaluator e : recipe.evaluators()) {
            e.addAccumulator(key);
            e.resetAccumulator(key);
        }
        double lossSum = 0;
        long samples = 0;
        long batchNo = 0;
        boolean budgetHit = false;
        long passStart = System.nanoTime();
        Iterable<Batch> batches;
        try {
            batches = trainer.iterateDataset(dataset);
        } catch (IOException | TranslateException e) {
            throw new LstmForgeException("cannot iterate the " + key + " data: " + e.getMessage(), e);
        }
        for (Batch batch : batches) {
            try (batch) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("training interrupted in epoch " + epoch);
                }
                NDList labels = batch.getLabels();
                NDList preds;
                NDArray loss;
                if (training) {
                    try (GradientCollector gc = GradientCollectors.open(trainer)) {
                        preds = trainer.forward(batch.getData(), labels);
                        loss = recipe.loss().evaluate(labels, preds);
                        gc.backward(withExtras(trainer, recipe, extras, batch, loss));
                    }
                    trainer.step();
                } else {
                    preds = trainer.evaluate(batch.getData());
                    loss = recipe.loss().evaluate(labels, preds);
                }
                long n = batch.getSize();
                lossSum += loss.getFloat() * n;
                samples += n;
                for (Evaluator e : recipe.evaluators()) {
                    e.updateAccumulator(key, labels, preds);
                }
                batchNo++;
                if (training) {
                    listener.onBatch(epoch, budget.maxEpochs(), batchNo, batch.getProgressTotal(), lossSum / samples);
                    if (overBudget(runStart)) {
                        budgetHit = true;
                        break;
                    }
                }
            }
        }
        if (samples == 0) {
            throw new LstmForgeException("the " + (training ? "training" : "validation")
                    + " data is empty; give more data or change the split");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Evaluator e : recipe.evaluators()) {
            metrics.put(e.getName(), (double) e.getAccumulator(key));
        }
        return new Pass(lossSum / samples, samples, metrics, (System.nanoTime() - passStart) / 1e9, budgetHit);
    }

    /** The step's loss with the replay batch averaged in and the penalty added. */
    private static NDArray withExtras(
            Trainer trainer, TrainingRecipe recipe, StepExtras extras, Batch batch, NDArray loss) {
        NDManager m = batch.getManager();
        NDArray total = loss;
        Record replay = extras.replayBatch(m);
        if (replay != null) {
            NDList replayPreds = trainer.forward(replay.getData(), replay.getLabels());
            NDArray replayLoss = recipe.loss().evaluate(replay.getLabels(), replayPreds);
            long n = batch.getSize();
            long r = replay.getData().head().getShape().get(0);
            total = loss.mul((float) n).add(replayLoss.mul((float) r)).div((float) (n + r));
        }
        NDArray penalty = extras.penalty(m);
        if (penalty != null) {
            total = total.add(penalty);
        }
        return total;
    }

    private static byte[] snapshot(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot snapshot parameters", e);
        }
        return bytes.toByteArray();
    }

    private static void restore(Model model, byte[] params) {
        NDManager manager = model.getNDManager();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            model.getBlock().loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best parameters", e);
        }
    }

    private record Pass(
            double meanLoss, long samples, Map<String, Double> metrics, double seconds, boolean budgetHit) {}
}
