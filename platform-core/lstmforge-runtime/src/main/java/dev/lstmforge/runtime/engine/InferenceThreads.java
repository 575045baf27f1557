package dev.lstmforge.runtime.engine;

import ai.djl.Model;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Puts the calling thread in inference mode for a model's engine before a prediction.
 *
 * <p>PyTorch keeps its gradient mode per thread. DJL turns it off on the thread that starts the
 * engine, but a thread created later (a server worker, an executor) starts with it on. Then
 * PyTorch takes another LSTM code path, and the same request gets a different answer on that
 * thread: a stock forecast moved by 0.3% (91.6779 instead of 91.4176, measured in
 * {@code StockModelServingTest}). Calling {@link #enter} before each prediction gives every thread
 * the answer the training-time evaluation saw. The call is one flag set; MXNet needs nothing.
 *
 * <pre>{@code
 * InferenceThreads.enter(model);
 * Output out = predictor.predict(input);
 * }</pre>
 */
public final class InferenceThreads {

    private InferenceThreads() {}

    /**
     * Turns gradient recording off on this thread when the model runs on PyTorch.
     *
     * @param model the model about to predict
     */
    public static void enter(Model model) {
        if ("PyTorch".equals(model.getNDManager().getEngine().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }

    /** The system property DJL's PyTorch engine reads for its intra-op threads. */
    static final String PYTORCH_THREADS = "ai.djl.pytorch.num_threads";

    /**
     * For a server: unless the engine profile (or the user) sets PyTorch's thread count, gives
     * each forward pass one intra-op thread. Call it before the engine starts. With the engine's
     * default (one thread per core) the threads of small, frequent forward passes spin between
     * calls and take the cores from the network and client threads: on 2 cores the stock model
     * served one request at a time had a p99 of 2.2 s at 32 clients with the default and 160 ms
     * with one thread ({@code lstmforge bench --server}). Workers give parallelism instead.
     *
     * <pre>{@code
     * InferenceThreads.preferOneThreadPerWorker();
     * try (LstmForge forge = LstmForge.builder()...build()) { ... }
     * }</pre>
     *
     * @return true when the setting was made here, false when one was already there
     */
    public static boolean preferOneThreadPerWorker() {
        if (System.getProperty(PYTORCH_THREADS) != null) {
            return false;
        }
        System.setProperty(PYTORCH_THREADS, "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        return true;
    }
}
