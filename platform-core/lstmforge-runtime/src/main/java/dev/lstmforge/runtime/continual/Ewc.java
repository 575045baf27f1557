package dev.lstmforge.runtime.continual;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import dev.lstmforge.runtime.train.GradientCollectors;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Elastic weight consolidation (Kirkpatrick et al., 2017) in its online form (Schwarz et al.,
 * 2018, with no decay): after each training the diagonal Fisher information {@code F} of the
 * trainable parameters is estimated on that task's training data and added to the Fisher of the
 * tasks before it, and the parameters {@code θ*} are kept; the next fine-tuning adds
 * {@code λ · Σ_i F_i (θ_i − θ*_i)²} to its loss, which pulls the parameters that mattered for
 * earlier tasks back to where they were and leaves the others free.
 *
 * <p>{@code F} is the empirical Fisher estimated per mini-batch: the mean, over batches, of the
 * squared gradient of the batch's mean loss (as Avalanche's {@code EWCPlugin} does). Per-example
 * gradients would be {@code batchSize} times larger on average, so {@code λ} is on that scale. The
 * anchor is saved as {@value #FILE_NAME}, arrays named {@code fisher/<parameter>} and
 * {@code theta/<parameter>} in DJL's own encoding, readable by either engine.
 *
 * <pre>{@code
 * Map<String, NDArray> f = Ewc.fisher(model, data.train(), data.inputShapes(), recipe.loss(), 0, keep);
 * Ewc anchor = Ewc.read(parentDir, keep).map(a -> a.plus(f, model.getBlock(), keep))
 *         .orElseGet(() -> Ewc.of(f, model.getBlock(), keep));
 * NDArray penalty = anchor.penalty(model.getBlock(), 1000, batchManager);   // inside the gradient scope
 * }</pre>
 */
public final class Ewc {

    /** The file name in a model folder. */
    public static final String FILE_NAME = "continual-ewc.ndlist";

    private static final String FISHER = "fisher/";
    private static final String THETA = "theta/";

    private final Map<String, NDArray> fisher;
    private final Map<String, NDArray> theta;

    private Ewc(Map<String, NDArray> fisher, Map<String, NDArray> theta) {
        this.fisher = fisher;
        this.theta = theta;
    }

    /**
     * Starts an anchor from one task's Fisher and the block's current parameters.
     *
     * @param fisher parameter name to Fisher diagonal
     * @param block the trained block
     * @param manager where the copies live
     * @return the anchor
     */
    public static Ewc of(Map<String, NDArray> fisher, Block block, NDManager manager) {
        return new Ewc(new LinkedHashMap<>(fisher), copyParameters(block, fisher, manager));
    }

    /**
     * Returns the anchor after one more task: the Fisher summed, the parameters replaced by the
     * block's current ones.
     *
     * @param taskFisher the new task's Fisher
     * @param block the block trained on the new task
     * @param manager where the new arrays live
     * @return the new anchor
     */
    public Ewc plus(Map<String, NDArray> taskFisher, Block block, NDManager manager) {
        Map<String, NDArray> sum = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : taskFisher.entrySet()) {
            NDArray old = fisher.get(e.getKey());
            NDArray s = old == null ? e.getValue().duplicate() : old.add(e.getValue());
            s.attach(manager);
            sum.put(e.getKey(), s);
        }
        return new Ewc(sum, copyParameters(block, sum, manager));
    }

    /**
     * Estimates the diagonal empirical Fisher information of a model's trainable parameters on
     * a dataset, with the network in inference mode (no dropout).
     *
     * @param model the trained model
     * @param data the task's training data
     * @param inputShapes the block's input shapes
     * @param loss the training loss
     * @param maxBatches the most batches to use; 0 for all
     * @param manager where the result lives
     * @return parameter name to Fisher diagonal, same shapes as the parameters
     */
    public static Map<String, NDArray> fisher(
            Model model, Dataset data, Shape[] inputShapes, Loss loss, int maxBatches, NDManager manager) {
        Device device = model.getNDManager().getDevice();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optDevices(new Device[] {device});
        Map<String, NDArray> sums = new LinkedHashMap<>();
        int batches = 0;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(inputShapes);
            for (Batch batch : trainer.iterateDataset(data)) {
                try (batch) {
                    try (GradientCollector gc = GradientCollectors.open(trainer)) {
                        NDList preds = trainer.evaluate(batch.getData());
                        gc.backward(loss.evaluate(batch.getLabels(), preds));
                    }
                    for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                        Parameter param = p.getValue();
                        if (!param.requiresGradient() || !param.isInitialized()) {
                            continue;
                        }
                        NDArray g = param.getArray().getGradient();
                        NDArray sq = g.square();
                        NDArray sum = sums.get(p.getKey());
                        if (sum == null) {
                            sq.attach(manager);
                            sums.put(p.getKey(), sq);
                        } else {
                            sum.addi(sq);
                            sq.close();
                        }
                        g.close();
                    }
                }
                batches++;
                if (maxBatches > 0 && batches >= maxBatches) {
                    break;
                }
            }
        } catch (IOException | TranslateException e) {
            throw new LstmForgeException(
                    "cannot read the training data for the Fisher information: " + Messages.describe(e), e);
        }
        if (batches == 0) {
            throw new LstmForgeException("the training data is empty; the Fisher information needs at least one batch");
        }
        for (NDArray s : sums.values()) {
            s.divi(batches);
        }
        return sums;
    }

    /**
     * Computes {@code λ · Σ_i F_i (θ_i − θ*_i)²} for the block's current parameters, recorded for
     * gradients when called inside a gradient collector.
     *
     * @param block the block being trained
     * @param lambda the weight
     * @param manager where the intermediate arrays live (the batch's manager)
     * @return the penalty, a scalar
     */
    public NDArray penalty(Block block, double lambda, NDManager manager) {
        NDArray total = null;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray f = fisher.get(p.getKey());
            NDArray star = theta.get(p.getKey());
            if (f == null || star == null || !p.getValue().isInitialized()) {
                continue;
            }
            NDArray d = keep(p.getValue().getArray().sub(star), manager);
            NDArray term = keep(keep(keep(d.mul(d), manager).mul(f), manager).sum(), manager);
            total = total == null ? term : keep(total.add(term), manager);
        }
        if (total == null) {
            return manager.create(0f);
        }
        return keep(total.mul((float) lambda), manager);
    }

    private static NDArray keep(NDArray a, NDManager manager) {
        a.attach(manager);
        return a;
    }

    /**
     * Returns the Fisher diagonals.
     *
     * @return parameter name to Fisher
     */
    public Map<String, NDArray> fisher() {
        return Map.copyOf(fisher);
    }

    /**
     * Returns the anchored parameter values.
     *
     * @return parameter name to value
     */
    public Map<String, NDArray> theta() {
        return Map.copyOf(theta);
    }

    /**
     * Reads a model folder's anchor.
     *
     * @param modelDir the model folder
     * @param manager where the arrays live
     * @return the anchor, or empty when the folder has none
     * @throws LstmForgeException if the file is damaged, naming it
     */
    public static Optional<Ewc> read(Path modelDir, NDManager manager) {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> f = new LinkedHashMap<>();
            Map<String, NDArray> t = new LinkedHashMap<>();
            for (NDArray a : list) {
                String name = a.getName() == null ? "" : a.getName();
                if (name.startsWith(FISHER)) {
                    f.put(name.substring(FISHER.length()), a);
                } else if (name.startsWith(THETA)) {
                    t.put(name.substring(THETA.length()), a);
                }
            }
            if (f.isEmpty() || !f.keySet().equals(t.keySet())) {
                throw new LstmForgeException(Messages.path(file) + " is damaged: it holds Fisher values for "
                        + f.keySet() + " but parameter values for " + t.keySet() + "; retrain the version");
            }
            return Optional.of(new Ewc(f, t));
        } catch (IOException | RuntimeException e) {
            if (e instanceof LstmForgeException l) {
                throw l;
            }
            throw new LstmForgeException("cannot read " + Messages.path(file) + ": " + Messages.describe(e), e);
        }
    }

    /**
     * Writes the anchor into a model folder.
     *
     * @param modelDir the (pending) model folder
     * @throws IOException if writing fails
     */
    public void write(Path modelDir) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : fisher.entrySet()) {
            NDArray f = e.getValue().duplicate();
            f.setName(FISHER + e.getKey());
            NDArray t = theta.get(e.getKey()).duplicate();
            t.setName(THETA + e.getKey());
            list.add(f);
            list.add(t);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(modelDir.resolve(FILE_NAME)))) {
            list.encode(out);
        } finally {
            list.close();
        }
    }

    private static Map<String, NDArray> copyParameters(Block block, Map<String, NDArray> names, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (names.containsKey(p.getKey()) && p.getValue().isInitialized()) {
                NDArray c = p.getValue().getArray().duplicate();
                c.attach(manager);
                out.put(p.getKey(), c);
            }
        }
        return out;
    }
}
