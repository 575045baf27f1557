package dev.lstmforge.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineThreadsTest {

    @TempDir
    Path dir;

    /** Resolves a PyTorch profile with {@code threads=2} and {@code inferenceThreads=1}. */
    private void resolveTwoTrainingThreadsOneForInference() throws IOException {
        resolve(2);
    }

    private void resolve(int trainingThreads) throws IOException {
        resolve("PyTorch", trainingThreads);
    }

    private void resolve(String engine, int trainingThreads) throws IOException {
        Path file = dir.resolve("t.properties");
        Files.writeString(file, "engine=" + engine + "\nthreads=" + trainingThreads + "\ninferenceThreads=1\n");
        EngineProfile.read(file).resolve(w -> {});
        Engine.getEngine(engine);
    }

    /** OpenMP's count for the calling thread, as the OpenMP library that MXNet uses reports it. */
    private static int mxnetOmpThreads() throws IOException {
        String mxnet = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.endsWith("/libmxnet.so"))
                .map(l -> l.substring(l.indexOf('/')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("libmxnet.so is not loaded"));
        // dlsym on libmxnet's handle searches the libraries it depends on: its OpenMP runtime
        return NativeLibrary.getInstance(mxnet)
                .getFunction("omp_get_max_threads")
                .invokeInt(new Object[0]);
    }

    @Test
    void eachThreadGetsTheCountOfWhatItDoes() throws IOException, InterruptedException {
        resolveTwoTrainingThreadsOneForInference();

        AtomicIntegerArray seen = new AtomicIntegerArray(6);
        Thread worker = new Thread(() -> {
            seen.set(0, EngineThreads.current());
            EngineThreads.forInference("PyTorch");
            seen.set(1, EngineThreads.current());
            seen.set(2, JniUtils.getNumThreads());
            EngineThreads.forTraining("PyTorch");
            seen.set(3, EngineThreads.current());
            seen.set(4, JniUtils.getNumThreads());
            EngineThreads.forInference("PyTorch");
            seen.set(5, JniUtils.getNumThreads());
        });
        worker.start();
        worker.join();

        assertThat(seen.get(0)).as("a fresh thread has set nothing").isZero();
        assertThat(seen.get(1)).isEqualTo(1);
        assertThat(seen.get(2)).as("PyTorch's own count after forInference").isEqualTo(1);
        assertThat(seen.get(3)).isEqualTo(2);
        assertThat(seen.get(4)).as("PyTorch's own count after forTraining").isEqualTo(2);
        assertThat(seen.get(5)).isEqualTo(1);
    }

    /**
     * MXNet, loading after PyTorch, sets the loading thread's OpenMP count to 1 in the OpenMP
     * library the two share; the next training on that thread must get its count back.
     */
    @Test
    void aCountChangedBehindItsBackIsSetAgain() throws IOException, InterruptedException {
        resolveTwoTrainingThreadsOneForInference();

        AtomicIntegerArray seen = new AtomicIntegerArray(2);
        Thread worker = new Thread(() -> {
            EngineThreads.forTraining("PyTorch");
            JniUtils.setNumThreads(1); // what MXNet's start does to the shared OpenMP library
            EngineThreads.forTraining("PyTorch");
            seen.set(0, JniUtils.getNumThreads());
            EngineThreads.forInference("PyTorch");
            JniUtils.setNumThreads(2);
            EngineThreads.forInference("PyTorch");
            seen.set(1, JniUtils.getNumThreads());
        });
        worker.start();
        worker.join();

        assertThat(seen.get(0)).as("training count restored").isEqualTo(2);
        assertThat(seen.get(1)).as("inference count restored").isEqualTo(1);
    }

    /**
     * The shipped profile says {@code threads=0} (one per core). A thread whose count MXNet set
     * to 1 must get one per core back before it trains: the two-engine benchmark run trained
     * PyTorch at one thread's speed because "one per core" was never set again.
     */
    @Test
    void onePerCoreIsSetAgainOnAThreadThatNeverSetACount() throws IOException, InterruptedException {
        resolve(0);
        int perCore = EngineThreads.perCore(System.getenv("OMP_NUM_THREADS"));
        int other = perCore == 1 ? 2 : 1;

        AtomicIntegerArray seen = new AtomicIntegerArray(2);
        Thread worker = new Thread(() -> {
            JniUtils.setNumThreads(other); // what MXNet's start does to the shared OpenMP library
            seen.set(0, EngineThreads.current());
            EngineThreads.forTraining("PyTorch");
            seen.set(1, JniUtils.getNumThreads());
        });
        worker.start();
        worker.join();

        assertThat(seen.get(0))
                .as("the thread had set nothing through EngineThreads")
                .isZero();
        assertThat(seen.get(1)).as("one per core restored").isEqualTo(perCore);
    }

    @Test
    void onePerCoreMeansTheUsersOmpNumThreadsElseTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(EngineThreads.perCore("3")).isEqualTo(3);
        assertThat(EngineThreads.perCore(" 4 ")).isEqualTo(4);
        assertThat(EngineThreads.perCore(null)).isEqualTo(cores);
        assertThat(EngineThreads.perCore("0")).isEqualTo(cores);
        assertThat(EngineThreads.perCore("many")).isEqualTo(cores);
    }

    /**
     * MXNet runs its operators on the calling thread (NaiveEngine) with that thread's OpenMP
     * count, which its start had set to 1: MXNet alone trained at hidden 256 at 630 samples/s
     * instead of 1,041-1,123 with the count set.
     */
    @Test
    void mxnetGetsTheCountOnTheThreadThatTrains() throws Exception {
        resolve("MXNet", 0);
        int perCore = EngineThreads.perCore(System.getenv("OMP_NUM_THREADS"));
        int other = perCore == 1 ? 2 : 1;
        var mxnet = ai.djl.mxnet.jna.LibUtils.loadLibrary();

        AtomicIntegerArray seen = new AtomicIntegerArray(3);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                mxnet.MXSetNumOMPThreads(other);
                seen.set(0, mxnetOmpThreads());
                EngineThreads.forTraining("MXNet");
                seen.set(1, mxnetOmpThreads());
                EngineThreads.forInference("MXNet");
                seen.set(2, mxnetOmpThreads());
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        worker.start();
        worker.join();

        assertThat(failed.get()).isNull();
        assertThat(seen.get(0)).as("set behind its back").isEqualTo(other);
        assertThat(seen.get(1)).as("training: one per core").isEqualTo(perCore);
        assertThat(seen.get(2)).as("inference: inferenceThreads").isEqualTo(1);
    }
}
