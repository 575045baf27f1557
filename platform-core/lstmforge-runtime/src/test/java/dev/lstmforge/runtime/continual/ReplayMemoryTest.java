package dev.lstmforge.runtime.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import dev.lstmforge.spi.Examples;
import dev.lstmforge.spi.LstmForgeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reservoir sampling, the bound per task, and the file's round trip and damage checks. */
class ReplayMemoryTest {

    @TempDir
    Path tmp;

    private static Examples ramp(NDManager m, int n, float offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = offset + i;
        }
        return Examples.stacked(new ArrayDataset.Builder()
                .setData(m.create(x, new Shape(n, 1)))
                .optLabels(m.create(x, new Shape(n, 1)))
                .setSampling(4, false)
                .build());
    }

    @Test
    void reservoirSamplingIsUniformAndBounded() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Examples ex = ramp(m, 100, 0);
            int[] chosen = new int[100];
            for (int run = 0; run < 400; run++) {
                ReplayMemory memory = new ReplayMemory();
                assertThat(memory.addTask("t", ex, 10, new Random(run), m)).isEqualTo(10);
                for (var r : memory.decode(m)) {
                    chosen[(int) r.getData().head().getFloat(0)]++;
                }
            }
            // each example has a 10% chance per run: 40 expected in 400 runs, none never or always
            for (int c : chosen) {
                assertThat(c).isBetween(15, 70);
            }
            ReplayMemory small = new ReplayMemory();
            assertThat(small.addTask("few", ramp(m, 3, 0), 10, new Random(1), m))
                    .isEqualTo(3);
        }
    }

    @Test
    void theFileRoundTripsAndADamagedOneIsNamed() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ReplayMemory memory = new ReplayMemory();
            memory.addTask("a.csv", ramp(m, 50, 0), 5, new Random(1), m);
            memory.addTask("b.csv", ramp(m, 50, 100), 5, new Random(2), m);
            memory.write(tmp);
            ReplayMemory back = ReplayMemory.read(tmp);
            assertThat(back.perTask())
                    .containsExactly(java.util.Map.entry("a.csv", 5), java.util.Map.entry("b.csv", 5));
            assertThat(back.decode(m).get(7).getData().head().getFloat(0)).isGreaterThanOrEqualTo(100f);

            Path file = tmp.resolve(ReplayMemory.FILE_NAME);
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> ReplayMemory.read(tmp))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining(ReplayMemory.FILE_NAME)
                    .hasMessageContaining("damaged");
            assertThat(ReplayMemory.read(tmp.resolve("nowhere")).size()).isZero();
        }
    }
}
