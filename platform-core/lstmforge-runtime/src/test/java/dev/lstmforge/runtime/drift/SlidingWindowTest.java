package dev.lstmforge.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    @Test
    void wrapAroundKeepsExactlyTheLatestValuesOldestFirst() {
        SlidingWindow w = SlidingWindow.of(List.of("x"), 5);
        assertThat(w.snapshot().get("x")).isEmpty();
        for (int i = 1; i <= 3; i++) {
            w.add("x", i);
        }
        assertThat(w.values("x")).containsExactly(1, 2, 3);
        assertThat(w.size()).isEqualTo(3);
        for (int i = 4; i <= 12; i++) {
            w.add("x", i);
            int from = Math.max(1, i - 4);
            double[] expected = new double[i - from + 1];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = from + k;
            }
            assertThat(w.values("x")).as("after " + i).containsExactly(expected);
        }
        assertThat(w.size()).isEqualTo(5);
        assertThat(w.totalAdded()).isEqualTo(12);
        w.clear();
        assertThat(w.size()).isZero();
        assertThat(w.values("x")).isEmpty();
    }

    @Test
    void rowsFillEveryFeatureAndSnapshotsAreIndependentCopies() {
        SlidingWindow w = SlidingWindow.of(List.of("close", "volume"), 3);
        assertThat(w.capacity()).isEqualTo(3);
        for (int i = 0; i < 4; i++) {
            w.add(new double[] {i, 10 * i});
        }
        Map<String, double[]> s = w.snapshot();
        assertThat(s.keySet()).containsExactly("close", "volume");
        assertThat(s.get("close")).containsExactly(1, 2, 3);
        assertThat(s.get("volume")).containsExactly(10, 20, 30);
        s.get("close")[0] = -1;
        assertThat(w.values("close")).containsExactly(1, 2, 3);

        w.add("close", 4); // features may also fill unevenly
        assertThat(w.size("close")).isEqualTo(3);
        assertThat(w.values("close")).containsExactly(2, 3, 4);
        assertThat(w.values("volume")).containsExactly(10, 20, 30);
        assertThat(SlidingWindow.of(List.of("a")).capacity()).isEqualTo(SlidingWindow.DEFAULT_CAPACITY);
    }

    @Test
    void unevenFeaturesReportTheSmallestSize() {
        SlidingWindow w = SlidingWindow.of(List.of("a", "b"), 10);
        w.add("a", 1);
        w.add("a", 2);
        w.add("b", 3);
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.size("a")).isEqualTo(2);
    }

    @Test
    void rejectsBadInputWithoutAddingAnything() {
        SlidingWindow w = SlidingWindow.of(List.of("close", "volume"), 3);
        assertThatThrownBy(() -> w.add("close", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'close'");
        assertThatThrownBy(() -> w.add(new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'volume'");
        assertThatThrownBy(() -> w.add(new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.add("open", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'open'");
        assertThat(w.totalAdded()).isZero();
        assertThat(w.values("close")).isEmpty();
        assertThatThrownBy(() -> SlidingWindow.of(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlidingWindow.of(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAddsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        // Large enough to keep everything, so every single value can be accounted for.
        SlidingWindow big = SlidingWindow.of(List.of("a", "b"), threads * perThread);
        // Small, so the rings wrap constantly while the threads race.
        SlidingWindow small = SlidingWindow.of(List.of("a", "b"), 100);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    double v = id * perThread + i;
                    if (i % 2 == 0) {
                        big.add(new double[] {v, -v});
                        small.add(new double[] {v, -v});
                    } else {
                        big.add("a", v);
                        big.add("b", -v);
                        small.add("a", v);
                        small.add("b", -v);
                    }
                    if (i % 1000 == 0) {
                        small.snapshot(); // readers race with writers too
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        long total = 2L * threads * perThread;
        assertThat(big.totalAdded()).isEqualTo(total);
        assertThat(small.totalAdded()).isEqualTo(total);
        assertThat(big.size()).isEqualTo(threads * perThread);
        assertThat(small.size()).isEqualTo(100);
        double[] a = big.values("a");
        Arrays.sort(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isEqualTo(i);
        }
        double[] b = big.values("b");
        assertThat(Arrays.stream(b).map(x -> -x).sorted().toArray()).isEqualTo(a);
    }
}
