package dev.lstmforge.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineThreadsTest {

    @TempDir
    Path dir;

    /** Resolves a PyTorch profile with {@code threads=2} and {@code inferenceThreads=1}. */
    private void resolveTwoTrainingThreadsOneForInference() throws IOException {
        Path file = dir.resolve("t.properties");
        Files.writeString(file, "engine=PyTorch\nthreads=2\ninferenceThreads=1\n");
        EngineProfile.read(file).resolve(w -> {});
        Engine.getEngine("PyTorch");
    }

    @Test
    void eachThreadGetsTheCountOfWhatItDoes() throws IOException, InterruptedException {
        resolveTwoTrainingThreadsOneForInference();

        AtomicIntegerArray seen = new AtomicIntegerArray(6);
        Thread worker = new Thread(() -> {
            seen.set(0, EngineThreads.current());
            EngineThreads.forInference();
            seen.set(1, EngineThreads.current());
            seen.set(2, JniUtils.getNumThreads());
            EngineThreads.forTraining();
            seen.set(3, EngineThreads.current());
            seen.set(4, JniUtils.getNumThreads());
            EngineThreads.forInference();
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
            EngineThreads.forTraining();
            JniUtils.setNumThreads(1); // what MXNet's start does to the shared OpenMP library
            EngineThreads.forTraining();
            seen.set(0, JniUtils.getNumThreads());
            EngineThreads.forInference();
            JniUtils.setNumThreads(2);
            EngineThreads.forInference();
            seen.set(1, JniUtils.getNumThreads());
        });
        worker.start();
        worker.join();

        assertThat(seen.get(0)).as("training count restored").isEqualTo(2);
        assertThat(seen.get(1)).as("inference count restored").isEqualTo(1);
    }
}
