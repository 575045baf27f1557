package dev.lstmforge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.runtime.store.ModelStore;
import dev.lstmforge.runtime.store.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several models training at once in one process (tasks of a Spark executor): DJL's PyTorch
 * gradient collector allowed one in the whole process, and the store's file lock one commit per
 * process; both failed the second thread before.
 */
class ConcurrentTrainingTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pytorch-cpu", "mxnet-cpu"})
    void fourThreadsTrainIntoTheirOwnStoresAtOnce(String engine, @TempDir Path tmp) throws Exception {
        Path data = TinyForge.series(tmp.resolve("data.txt"), 1, 400);
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (LstmForge forge = TinyForge.open(tmp.resolve("models"), engine)) {
            List<Future<TrainResult>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                LstmForge view = forge.withStore(tmp.resolve("entity-" + i), 100 + i);
                runs.add(pool.submit(() -> {
                    start.await();
                    return view.train("tiny-test", data, Map.of("epochs", "6"));
                }));
            }
            for (int i = 0; i < n; i++) {
                TrainResult r = runs.get(i).get();
                assertThat(r.version().dir())
                        .isEqualTo(
                                tmp.resolve("entity-" + i).resolve("tiny-test").resolve("v1"));
                assertThat(r.history().epochs()).hasSize(6);
            }
            // the view shares the host: closing it does not stop the plugins of its parent
            forge.withStore(tmp.resolve("other"), 1).close();
            assertThat(forge.train("tiny-test", data, Map.of("epochs", "1"))
                            .version()
                            .version())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsCommittingToOneProjectGetDistinctVersions(@TempDir Path tmp) throws Exception {
        ModelStore store = new ModelStore(tmp);
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ModelVersion>> commits = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                commits.add(pool.submit(() -> {
                    try (ModelStore.Pending p = store.begin("p")) {
                        Files.writeString(p.dir().resolve("who.txt"), "writer " + id);
                        start.await();
                        return p.commit();
                    }
                }));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<ModelVersion> c : commits) {
                versions.add(c.get().version());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }
}
