package dev.lstmforge.support.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BucketedSequencesTest {

    private static List<Sequence> items(int n, Random r) {
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(50);
            float[] s = new float[len * 2];
            Arrays.fill(s, i + 1);
            out.add(new Sequence(new float[][] {s}, len, i % 3));
        }
        return out;
    }

    @Test
    void everyItemOnceAndBatchesHoldSimilarLengths() {
        List<Sequence> all = items(103, new Random(1));
        BucketedSequences ds = new BucketedSequences(BucketedSequences.Items.of(all), new int[] {2}, 10, new Random(5));
        List<int[]> plan = ds.plan();
        Set<Integer> seen = new HashSet<>();
        long padded = 0;
        long unsortedPadded = 0;
        for (int[] b : plan) {
            int max = 0;
            for (int i : b) {
                assertThat(seen.add(i)).isTrue();
                max = Math.max(max, all.get(i).length());
            }
            for (int i : b) {
                padded += max - all.get(i).length();
            }
        }
        for (int start = 0; start < all.size(); start += 10) {
            int max = 0;
            int end = Math.min(all.size(), start + 10);
            for (int i = start; i < end; i++) {
                max = Math.max(max, all.get(i).length());
            }
            for (int i = start; i < end; i++) {
                unsortedPadded += max - all.get(i).length();
            }
        }
        assertThat(seen).hasSize(103);
        assertThat(plan).hasSize(11);
        // bucketing pads far less than batching in the given order
        assertThat(padded * 5).isLessThan(unsortedPadded);
    }

    @Test
    void shuffledPassesDifferAndAFixedOrderDoesNot() {
        List<Sequence> all = items(40, new Random(2));
        BucketedSequences shuffled =
                new BucketedSequences(BucketedSequences.Items.of(all), new int[] {2}, 8, new Random(5));
        BucketedSequences fixed = new BucketedSequences(BucketedSequences.Items.of(all), new int[] {2}, 8, null);
        assertThat(flat(shuffled.plan())).isNotEqualTo(flat(shuffled.plan()));
        assertThat(flat(fixed.plan())).isEqualTo(flat(fixed.plan()));
    }

    private static List<Integer> flat(List<int[]> plan) {
        List<Integer> out = new ArrayList<>();
        plan.forEach(b -> Arrays.stream(b).forEach(out::add));
        return out;
    }

    @Test
    void batchesArePaddedWithZerosAfterEachItem() {
        List<Sequence> all =
                List.of(new Sequence(new float[][] {{1, 1, 2, 2}}, 2, 0), new Sequence(new float[][] {{3, 3}}, 1, 2));
        BucketedSequences ds = new BucketedSequences(BucketedSequences.Items.of(all), new int[] {2}, 4, null);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (Batch b : ds.getData(m)) {
                try (b) {
                    NDList data = b.getData();
                    assertThat(data.get(0).getShape()).isEqualTo(new Shape(2, 2, 2));
                    // sorted by length: the 1-step item first
                    assertThat(data.get(0).toFloatArray()).containsExactly(3, 3, 0, 0, 1, 1, 2, 2);
                    assertThat(data.get(1).toIntArray()).containsExactly(1, 2);
                    assertThat(b.getLabels().head().toFloatArray()).containsExactly(2, 0);
                }
            }
        }
    }

    @Test
    void stepsMayHaveAShapeAsVideoFramesDo() {
        // two "clips" of 2x3 frames: 1 and 2 steps, values = 100 * clip + index
        float[] a = new float[6];
        float[] b = new float[12];
        for (int i = 0; i < b.length; i++) {
            if (i < a.length) {
                a[i] = i;
            }
            b[i] = 100 + i;
        }
        List<Sequence> group = List.of(new Sequence(new float[][] {a}, 1, 0), new Sequence(new float[][] {b}, 2, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDList in = BucketedSequences.pad(m, group, new Shape[] {new Shape(2, 3)});
            assertThat(in.get(0).getShape()).isEqualTo(new Shape(2, 2, 2, 3));
            assertThat(in.get(0).get("0, 0, 1, 2").getFloat()).isEqualTo(5f);
            assertThat(in.get(0).get("0, 1").toFloatArray()).containsOnly(0f);
            assertThat(in.get(0).get("1, 1, 0, 0").getFloat()).isEqualTo(106f);
            assertThat(in.get(1).toIntArray()).containsExactly(1, 2);
        }
    }

    @Test
    void singleExamplesSurviveEncodingAndPadIntoTheSameBatchAsTheDatasetMakes() {
        List<Sequence> all = items(7, new Random(3));
        BucketedSequences ds = new BucketedSequences(BucketedSequences.Items.of(all), new int[] {2}, 7, null);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ds.size()).isEqualTo(7);
            List<ai.djl.training.dataset.Record> examples = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                ai.djl.training.dataset.Record r = ds.get(m, i);
                assertThat(r.getData().head().getShape())
                        .isEqualTo(new Shape(all.get(i).length(), 2));
                // through the bytes a rehearsal memory keeps, as another engine would read them
                examples.add(new ai.djl.training.dataset.Record(
                        NDList.decode(m, r.getData().encode()),
                        NDList.decode(m, r.getLabels().encode())));
            }
            ai.djl.training.dataset.Record batch = ds.batch(m, examples);
            NDList expected = BucketedSequences.pad(m, all, new int[] {2});
            assertThat(batch.getData().get(0).toFloatArray())
                    .containsExactly(expected.get(0).toFloatArray());
            assertThat(batch.getData().get(1).toIntArray())
                    .containsExactly(expected.get(1).toIntArray());
            float[] labels = batch.getLabels().head().toFloatArray();
            for (int i = 0; i < 7; i++) {
                assertThat(labels[i]).isEqualTo(all.get(i).label());
            }
        }
    }
}
