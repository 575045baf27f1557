package dev.lstmforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    /** Squares numbers; records every batch it was called with; fails a batch holding -1. */
    private static final class Squares implements DynamicBatcher.BatchFunction<Integer, Integer> {
        final List<List<Integer>> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate;
        final AtomicInteger closed;

        Squares(CountDownLatch gate, AtomicInteger closed) {
            this.gate = gate;
            this.closed = closed;
        }

        @Override
        public List<Integer> apply(List<Integer> batch) throws Exception {
            gate.await();
            calls.add(List.copyOf(batch));
            if (batch.contains(-1)) {
                throw new IllegalArgumentException("bad request: -1");
            }
            List<Integer> out = new ArrayList<>();
            for (int x : batch) {
                out.add(x * x);
            }
            return out;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static DynamicBatcher.Settings settings(int batch, long delayMillis, int queue, int workers) {
        return new DynamicBatcher.Settings(batch, Duration.ofMillis(delayMillis), queue, workers);
    }

    @Test
    void requestsQueuedTogetherRunAsOneBatchAndEachGetsItsOwnAnswer() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        Squares f = new Squares(gate, closed);
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        try (DynamicBatcher<Integer, Integer> b = new DynamicBatcher<>("sq", settings(8, 2000, 100, 1), () -> f)) {
            // the first request is taken at once and the worker then waits (the gate is shut
            // inside apply only after the batch is formed), so send all 8 before the delay ends
            for (int i = 1; i <= 8; i++) {
                results.add(b.submit(i));
            }
            gate.countDown();
            for (int i = 0; i < 8; i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * (i + 1));
            }
            assertThat(f.calls).containsExactly(List.of(1, 2, 3, 4, 5, 6, 7, 8));
            assertThat(b.stats().batches()).isEqualTo(1);
            assertThat(b.stats().requests()).isEqualTo(8);
        }
        assertThat(closed).hasValue(1);
    }

    @Test
    void aBatchNeverExceedsBatchSize() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Squares f = new Squares(gate, new AtomicInteger());
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        try (DynamicBatcher<Integer, Integer> b = new DynamicBatcher<>("sq", settings(4, 500, 100, 1), () -> f)) {
            for (int i = 0; i < 10; i++) {
                results.add(b.submit(i));
            }
            gate.countDown();
            for (int i = 0; i < 10; i++) {
                assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i * i);
            }
        }
        assertThat(f.calls).allSatisfy(c -> assertThat(c.size()).isBetween(1, 4));
        assertThat(f.calls.stream().mapToInt(List::size).sum()).isEqualTo(10);
        assertThat(f.calls.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aLoneRequestIsAnsweredWithoutAFullBatch() throws Exception {
        Squares f = new Squares(new CountDownLatch(0), new AtomicInteger());
        try (DynamicBatcher<Integer, Integer> b = new DynamicBatcher<>("sq", settings(32, 20, 10, 1), () -> f)) {
            assertThat(b.submit(7).get(10, TimeUnit.SECONDS)).isEqualTo(49);
        }
        assertThat(f.calls).containsExactly(List.of(7));
    }

    @Test
    void aBadRequestFailsAloneAndItsBatchMatesAreStillAnswered() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Squares f = new Squares(gate, new AtomicInteger());
        try (DynamicBatcher<Integer, Integer> b = new DynamicBatcher<>("sq", settings(3, 2000, 10, 1), () -> f)) {
            CompletableFuture<Integer> a = b.submit(2);
            CompletableFuture<Integer> bad = b.submit(-1);
            CompletableFuture<Integer> c = b.submit(3);
            gate.countDown();
            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(9);
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad request: -1");
        }
        // the batch of three, then each alone
        assertThat(f.calls).containsExactly(List.of(2, -1, 3), List.of(2), List.of(-1), List.of(3));
    }

    @Test
    void aFullQueueRefusesAtOnceAndNothingIsLost() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Squares f = new Squares(gate, new AtomicInteger());
        List<CompletableFuture<Integer>> accepted = new ArrayList<>();
        int refused = 0;
        try (DynamicBatcher<Integer, Integer> b = new DynamicBatcher<>("sq", settings(1, 0, 3, 1), () -> f)) {
            // the worker holds one request (blocked on the gate); the queue holds three more
            accepted.add(b.submit(0));
            while (b.queued() > 0) {
                Thread.onSpinWait();
            }
            for (int i = 1; i <= 10; i++) {
                CompletableFuture<Integer> r = b.submit(i);
                if (r.isCompletedExceptionally()) {
                    refused++;
                    assertThatThrownBy(r::join)
                            .hasCauseInstanceOf(DynamicBatcher.Rejected.class)
                            .hasMessageContaining("queue is full (3 requests waiting)");
                } else {
                    accepted.add(r);
                }
            }
            assertThat(accepted).hasSize(4);
            assertThat(refused).isEqualTo(7);
            gate.countDown();
            for (CompletableFuture<Integer> r : accepted) {
                r.get(10, TimeUnit.SECONDS);
            }
            assertThat(b.stats().rejected()).isEqualTo(7);
            assertThat(b.stats().requests()).isEqualTo(4);
        }
    }

    @Test
    void shutdownFinishesQueuedRequestsAndRefusesNewOnes() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger closed = new AtomicInteger();
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        DynamicBatcher<Integer, Integer> b =
                new DynamicBatcher<>("sq", settings(2, 0, 100, 2), () -> new Squares(gate, closed));
        for (int i = 0; i < 6; i++) {
            queued.add(b.submit(i));
        }
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.countDown();
        });
        opener.start();
        assertThat(b.shutdown(Duration.ofSeconds(10))).isTrue();
        for (int i = 0; i < 6; i++) {
            assertThat(queued.get(i).getNow(-1)).isEqualTo(i * i);
        }
        assertThatThrownBy(() -> b.submit(9).join())
                .hasCauseInstanceOf(DynamicBatcher.Rejected.class)
                .hasMessageContaining("shutting down");
        assertThat(closed).hasValue(2);
        opener.join();
    }

    @Test
    void aWorkerThatCannotLoadFailsItsRequestsWithTheReason() throws Exception {
        try (DynamicBatcher<Integer, Integer> b = new DynamicBatcher<>("broken", settings(4, 5, 10, 1), () -> {
            throw new IllegalStateException("cannot load model files");
        })) {
            assertThatThrownBy(() -> b.submit(1).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot load model files");
            assertThat(b.failure()).hasMessage("cannot load model files");
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> settings(0, 1, 1, 1)).hasMessageContaining("batch_size");
        assertThatThrownBy(() -> settings(1, -1, 1, 1)).hasMessageContaining("max_batch_delay");
        assertThatThrownBy(() -> settings(1, 1, 0, 1)).hasMessageContaining("job_queue_size");
        assertThatThrownBy(() -> settings(1, 1, 1, 0)).hasMessageContaining("workers");
    }
}
