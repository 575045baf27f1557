package dev.lstmforge.runtime.engine;

import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Applies an engine profile's thread settings: {@code threads} on the threads that train,
 * {@code inferenceThreads} on the threads that predict.
 *
 * <p>Both engines run their operators with the OpenMP thread count of the calling thread
 * (MXNet with its NaiveEngine), and a thread that never set it gets one per core. DJL sets it
 * once, on the thread that starts the engine, so a server's worker threads and an application's
 * own threads would all run with one per core, and MXNet's start sets its thread to 1. Here each
 * thread gets the count of what it does, each time it starts doing it: one query (PyTorch) or one
 * set (MXNet) through the engine's library.
 *
 * <pre>{@code
 * EngineThreads.configure(profile);        // EngineProfile.resolve does this
 * EngineThreads.forTraining("PyTorch");    // TrainingRunner, before every epoch
 * EngineThreads.forInference("MXNet");     // InferenceThreads.enter, before each prediction
 * }</pre>
 *
 * <p>With several engine profiles in one JVM the last one resolved decides.
 */
public final class EngineThreads {

    /** The last resolved profile's counts, "one per core" (0) already made a number; 0 before any. */
    private static volatile int training;

    private static volatile int inference;

    /** The count this thread last set, or null if it never set one. */
    private static final ThreadLocal<Integer> CURRENT = new ThreadLocal<>();

    private EngineThreads() {}

    /**
     * Takes a profile's settings and sets what its engine reads when it loads. Call before the
     * engine's first use.
     *
     * @param profile the engine profile
     */
    static void configure(EngineProfile profile) {
        int perCore = perCore(System.getenv("OMP_NUM_THREADS"));
        training = profile.threads() > 0 ? profile.threads() : perCore;
        inference = profile.inferenceThreads() > 0 ? profile.inferenceThreads() : perCore;
        if (profile.engine().equals("PyTorch")) {
            if (profile.threads() > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(profile.threads()));
            }
            if (profile.interopThreads() > 0) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(profile.interopThreads()));
            }
        } else {
            if (!profile.mxnetEngineType().isEmpty()) {
                setEnvIfAbsent("MXNET_ENGINE_TYPE", profile.mxnetEngineType());
            }
            if (profile.threads() > 0) {
                setEnvIfAbsent("OMP_NUM_THREADS", Integer.toString(profile.threads()));
            }
        }
    }

    /**
     * Gives the calling thread the profile's training thread count.
     *
     * @param engineName the engine that will train on this thread ({@code PyTorch} or {@code MXNet})
     */
    public static void forTraining(String engineName) {
        apply(engineName, training);
    }

    /**
     * Gives the calling thread the profile's prediction thread count.
     *
     * @param engineName the engine that will predict on this thread
     */
    public static void forInference(String engineName) {
        apply(engineName, inference);
    }

    /**
     * What a count of 0 ("one per core") means: the user's {@code OMP_NUM_THREADS} when it holds
     * a positive number, as PyTorch's own default reads it, else the cores this JVM may use.
     *
     * @param omp the environment's {@code OMP_NUM_THREADS}, or null
     * @return the thread count
     */
    static int perCore(String omp) {
        if (omp != null) {
            try {
                int n = Integer.parseInt(omp.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // not a number: PyTorch ignores it too
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The intra-op thread count this thread last set here.
     *
     * @return the count, or 0 if this thread has not set one
     */
    public static int current() {
        Integer c = CURRENT.get();
        return c == null ? 0 : c;
    }

    /**
     * Sets {@code n} OpenMP threads for operators that the calling thread runs.
     *
     * <p>PyTorch is asked first and set only when its count differs. MXNet cannot be asked, so
     * its count is set every time ({@code MXSetNumOMPThreads}, one call into the library). The
     * count must be set again even where nothing here changed it: PyTorch's bundled OpenMP
     * library is also the one MXNet uses when it loads later in the same process (they share
     * the soname {@code libgomp.so.1}), and loading MXNet set the loading thread's OpenMP count
     * from 2 to 1 ({@code omp_get_max_threads} read through JNA before and after, on 2 cores).
     * MXNet does that in a process of its own too. Trainings on that thread then ran at one
     * thread's speed: at hidden 256, PyTorch 637 samples/s instead of 1,049-1,171, and MXNet
     * alone 630 instead of 1,041-1,123.
     */
    private static void apply(String engineName, int n) {
        if (n == 0) {
            return; // no profile resolved yet: the engine keeps its own counts
        }
        if ("PyTorch".equals(engineName)) {
            if (JniUtils.getNumThreads() != n) {
                JniUtils.setNumThreads(n);
            }
        } else if ("MXNet".equals(engineName)) {
            MxnetOmp.set(n);
        } else {
            return;
        }
        CURRENT.set(n);
    }

    /** MXNet's library, looked up on first use: only a process that runs MXNet loads it. */
    private static final class MxnetOmp {
        private static final ai.djl.mxnet.jna.MxnetLibrary LIB = ai.djl.mxnet.jna.LibUtils.loadLibrary();

        static void set(int n) {
            LIB.MXSetNumOMPThreads(n);
        }
    }

    /**
     * Sets a variable in this process's C environment, where a native library that has not
     * loaded yet reads it; a value already there (the user's) is kept.
     */
    private static void setEnvIfAbsent(String name, String value) {
        if (System.getenv(name) != null
                || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows")) {
            return;
        }
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            setenv.invokeInt(new Object[] {name, value, 0});
        } catch (UnsatisfiedLinkError e) {
            // no C library to set it in: the engine keeps its default
        }
    }
}
