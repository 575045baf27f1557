package dev.lstmforge.support.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndexSortTest {

    @Test
    void sortsAndKeepsEqualKeysInIndexOrder() {
        assertThat(IndexSort.ascending(new long[] {30, 10, 20, 10, 99}, 4)).containsExactly(1, 3, 2, 0);
        assertThat(IndexSort.descending(new double[] {0.2, 0.9, 0.2, Double.NEGATIVE_INFINITY, 0.9}))
                .containsExactly(1, 4, 0, 2, 3);
        assertThat(IndexSort.descending(new double[0])).isEmpty();
    }

    @Test
    void agreesWithTheJdkStableSortOnRandomKeys() {
        Random r = new Random(3);
        double[] s = new double[1001];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt(50);
        }
        Integer[] expected = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
        Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
        assertThat(IndexSort.descending(s))
                .containsExactly(Arrays.stream(expected).mapToInt(i -> i).toArray());
    }
}
