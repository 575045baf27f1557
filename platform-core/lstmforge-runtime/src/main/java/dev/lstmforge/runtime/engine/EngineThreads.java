package dev.lstmforge.runtime.engine;

import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Applies an engine profile's thread settings: {@code threads} on the threads that train,
 * {@code inferenceThreads} on the threads that predict.
 *
 * <p>PyTorch keeps its intra-op thread count per calling thread (OpenMP's and MKL's per-thread
 * settings), and a thread that never set it gets one thread per core. DJL sets it once, on the
 * thread that starts the engine, so a server's worker threads and an application's own threads
 * would all run with one per core. Here each thread gets the count of what it does, when it
 * starts doing it; the call is a thread-local compare when nothing changes.
 *
 * <pre>{@code
 * EngineThreads.configure(profile);   // EngineProfile.resolve does this
 * EngineThreads.forTraining();        // TrainingRunner, before the first step
 * EngineThreads.forInference();       // InferenceThreads.enter, before each prediction
 * }</pre>
 *
 * <p>With several engine profiles in one JVM the last one resolved decides.
 */
public final class EngineThreads {

    private static volatile int training;
    private static volatile int inference;
    private static volatile boolean pytorch;

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
        pytorch = profile.engine().equals("PyTorch");
        training = profile.threads();
        inference = profile.inferenceThreads();
        if (pytorch) {
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

    /** Gives the calling thread the profile's training thread count (PyTorch). */
    public static void forTraining() {
        apply(training > 0 ? training : Runtime.getRuntime().availableProcessors(), training > 0);
    }

    /** Gives the calling thread the profile's prediction thread count (PyTorch). */
    public static void forInference() {
        apply(inference > 0 ? inference : Runtime.getRuntime().availableProcessors(), inference > 0);
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
     * Sets {@code n} on this thread unless it already has it; a thread that never set a count
     * keeps the engine's default when {@code explicit} is false.
     *
     * <p>"Already has it" is asked of the engine, not only of this class's record: PyTorch's
     * bundled OpenMP library is also the one MXNet uses when it loads later in the same process
     * (they share the soname {@code libgomp.so.1}), and loading MXNet set the loading thread's
     * OpenMP count from 2 to 1 ({@code omp_get_max_threads} read through JNA before and after, on
     * 2 cores). Asking costs one JNI call.
     */
    private static void apply(int n, boolean explicit) {
        if (!pytorch) {
            return;
        }
        Integer c = CURRENT.get();
        if (c == null && !explicit) {
            return;
        }
        if (c != null && c == n && JniUtils.getNumThreads() == n) {
            return;
        }
        JniUtils.setNumThreads(n);
        CURRENT.set(n);
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
