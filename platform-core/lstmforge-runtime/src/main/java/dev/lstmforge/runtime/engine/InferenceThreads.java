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
 * the answer the training-time evaluation saw. It also gives the thread the engine profile's
 * {@code inferenceThreads} ({@link EngineThreads}). On PyTorch the call is one flag set and one
 * thread-count query; on MXNet, which keeps no gradient mode per thread, one thread-count set.
 *
 * <pre>{@code
 * InferenceThreads.enter(model);
 * Output out = predictor.predict(input);
 * }</pre>
 */
public final class InferenceThreads {

    private InferenceThreads() {}

    /**
     * Turns gradient recording off on this thread (PyTorch) and sets its prediction thread
     * count.
     *
     * @param model the model about to predict
     */
    public static void enter(Model model) {
        String engine = model.getNDManager().getEngine().getEngineName();
        if ("PyTorch".equals(engine)) {
            JniUtils.setGradMode(false);
        }
        EngineThreads.forInference(engine);
    }
}
