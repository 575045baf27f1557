package dev.lstmforge.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/**
 * Opens the gradient collector of a training step so that several models can train at once in
 * one process (tasks of a Spark executor, one model per entity).
 *
 * <p>DJL's PyTorch collector allows one collector in the whole process at a time (a static
 * flag), although PyTorch keeps its gradient mode per thread and each model's graph is its own:
 * a second training thread failed with "A PtGradientCollector is already collecting". For
 * PyTorch this opens a collector that does what DJL's does (gradient mode on for the calling
 * thread, backward from the loss with a gradient of ones) without the process-wide flag. Other
 * engines get their own collector.
 *
 * <pre>{@code
 * try (GradientCollector gc = GradientCollectors.open(trainer)) {
 *     NDArray loss = loss.evaluate(labels, trainer.forward(data, labels));
 *     gc.backward(loss);
 * }
 * trainer.step();
 * }</pre>
 */
public final class GradientCollectors {

    private GradientCollectors() {}

    /**
     * Opens a collector for one step on the calling thread.
     *
     * @param trainer the trainer whose step it is
     * @return the collector; close it before {@code trainer.step()}
     */
    public static GradientCollector open(Trainer trainer) {
        if ("PyTorch".equals(trainer.getManager().getEngine().getEngineName())) {
            return new ThreadGradients();
        }
        return trainer.newGradientCollector();
    }

    /** PyTorch's collector, per thread. */
    private static final class ThreadGradients implements GradientCollector {

        private final boolean wasOn;

        ThreadGradients() {
            wasOn = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
        }

        @Override
        public void backward(NDArray target) {
            try (NDArray ones = target.getManager().ones(target.getShape(), target.getDataType())) {
                JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
            }
        }

        /**
         * Not offered: DJL's version zeroes the gradients of every array of the process,
         * including those of models training on other threads. The trainer's step resets the
         * gradients of its own parameters.
         */
        @Override
        public void zeroGradients() {
            throw new UnsupportedOperationException(
                    "zeroGradients would touch every model of the process; the trainer's step resets its own");
        }

        @Override
        public void close() {
            if (!wasOn) {
                JniUtils.setGradMode(false);
            }
        }
    }
}
