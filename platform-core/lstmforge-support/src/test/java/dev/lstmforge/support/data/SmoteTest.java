package dev.lstmforge.support.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmoteTest {

    /** 200 negatives around 0 and 20 positives around 3, in 6 dimensions. */
    private static float[][] x;

    private static boolean[] y;

    static {
        Random r = new Random(123);
        x = new float[220][6];
        y = new boolean[220];
        for (int i = 0; i < 220; i++) {
            boolean pos = i % 11 == 5;
            y[i] = pos;
            for (int f = 0; f < 6; f++) {
                x[i][f] = (float) ((pos ? 3 : 0) + r.nextGaussian());
            }
        }
    }

    private static int count(boolean[] b, boolean v) {
        int n = 0;
        for (boolean q : b) {
            if (q == v) {
                n++;
            }
        }
        return n;
    }

    @Test
    void countRuleRoundsUpWithATolerance() {
        assertThat(Smote.syntheticCount(5, 10, 1.0)).isEqualTo(5);
        assertThat(Smote.syntheticCount(10, 10, 1.0)).isZero();
        assertThat(Smote.syntheticCount(12, 10, 1.0)).isZero();
        assertThat(Smote.syntheticCount(1, 7, 0.5)).isEqualTo(3); // ceil(3.5) = 4 wanted
        assertThat(Smote.syntheticCount(2, 10, 0.3)).isEqualTo(1); // 0.3 * 10 = 3.0000000000000004
        assertThat(Smote.syntheticCount(3, 10, 0.3)).isZero();
        assertThat(Smote.syntheticCount(0, 30, 0.1)).isEqualTo(3); // 0.1 * 30 = 3.0000000000000004
        assertThat(Smote.syntheticCount(2, 101, 0.5)).isEqualTo(49); // ceil(50.5) = 51 wanted
    }

    @Test
    void resampleAddsExactlyTheRuleCountAndReachesTheRatio() {
        for (double ratio : new double[] {1.0, 0.5, 0.3, 0.11}) {
            Smote.Result r = new Smote(5, ratio, 1).resample(x, y);
            int pos = count(r.y(), true);
            int neg = count(r.y(), false);
            assertThat(neg).isEqualTo(200);
            assertThat(r.synthetic()).isEqualTo(Smote.syntheticCount(20, 200, ratio));
            assertThat(pos).isEqualTo(Math.max(20, (int) Math.ceil(ratio * 200 - 1e-9)));
            assertThat(r.x()).hasNumberOfRows(220 + r.synthetic());
        }
    }

    @Test
    void everySyntheticPointLiesOnASegmentToOneOfItsBaseSamplesKNearestMinorityNeighbours() {
        int k = 5;
        Smote.Result r = new Smote(k, 1.0, 42).resample(x, y);
        assertThat(r.synthetic()).isEqualTo(180);
        assertThat(r.kUsed()).isEqualTo(k);
        List<Integer> minority = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i]) {
                minority.add(i);
            }
        }
        for (int j = 0; j < r.synthetic(); j++) {
            float[] s = r.x()[220 + j];
            assertThat(r.y()[220 + j]).isTrue();
            // generic SMOTE property: on a segment from some minority sample to one of its kNN
            boolean found = false;
            for (int a : minority) {
                for (int b : nearest(a, minority, k)) {
                    if (onSegment(s, x[a], x[b])) {
                        found = true;
                    }
                }
            }
            assertThat(found)
                    .as("synthetic %d lies on a minority kNN segment", j)
                    .isTrue();
            // and, as documented, the base sample is minority sample j mod m (round-robin)
            int base = minority.get(j % minority.size());
            assertThat(nearest(base, minority, k)).anyMatch(b -> onSegment(s, x[base], x[b]));
        }
    }

    @Test
    void withTwoMinoritySamplesEverySyntheticPointIsBetweenThem() {
        float[][] xs = {{0, 0}, {10, 10}, {1, 1}, {5, 5}, {2, 0}};
        boolean[] ys = {false, false, true, false, true};
        Smote.Result r = new Smote(5, 1.0, 9).resample(xs, ys);
        assertThat(r.synthetic()).isEqualTo(1);
        assertThat(r.kUsed()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.contains("kNeighbors lowered from 5 to 1"));
        assertThat(onSegment(r.x()[5], xs[2], xs[4])).isTrue();
    }

    @Test
    void isRepeatableWithTheSameSeedAndDiffersWithAnother() {
        Smote.Result a = new Smote(5, 1.0, 7).resample(x, y);
        Smote.Result b = new Smote(5, 1.0, 7).resample(x, y);
        Smote.Result c = new Smote(5, 1.0, 8).resample(x, y);
        assertThat(a.x()).isDeepEqualTo(b.x());
        assertThat(a.y()).containsExactly(b.y());
        boolean anyDifferent = false;
        for (int j = 220; j < a.x().length; j++) {
            anyDifferent |= !java.util.Arrays.equals(a.x()[j], c.x()[j]);
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void leavesTheOriginalsAndTheMajorityUntouched() {
        float[][] copy = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        boolean[] yCopy = y.clone();
        Smote.Result r = new Smote(3, 0.5, 5).resample(x, y);
        assertThat(x).isDeepEqualTo(copy);
        assertThat(y).containsExactly(yCopy);
        for (int i = 0; i < x.length; i++) {
            assertThat(r.x()[i]).containsExactly(copy[i]);
            assertThat(r.y()[i]).isEqualTo(yCopy[i]);
        }
        for (int j = x.length; j < r.x().length; j++) {
            assertThat(r.y()[j]).isTrue();
        }
    }

    @Test
    void nothingToDoWhenTheMinorityAlreadyMeetsTheRatio() {
        float[][] xs = {{0}, {1}, {2}, {3}};
        boolean[] ys = {true, false, true, false};
        Smote.Result r = new Smote(5, 0.8, 1).resample(xs, ys);
        assertThat(r.synthetic()).isZero();
        assertThat(r.x()).hasNumberOfRows(4);
        assertThat(r.notes()).singleElement().asString().contains("no synthetic samples needed");
        // also with a single positive: nothing needs interpolating
        Smote.Result one = new Smote(5, 0.5, 1).resample(new float[][] {{0}, {1}}, new boolean[] {true, false});
        assertThat(one.synthetic()).isZero();
    }

    @Test
    void explainsImpossibleInputs() {
        assertThatThrownBy(() ->
                        new Smote(1).resample(new float[][] {{0}, {1}, {2}}, new boolean[] {true, false, false}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("at least 2 positive (minority) samples")
                .hasMessageContaining("got 1");
        assertThatThrownBy(() -> new Smote(1).resample(new float[][] {{0}, {1}}, new boolean[] {true, true}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("all 2 samples are positive");
        assertThatThrownBy(() -> new Smote(1).resample(new float[][] {{0}, {1}}, new boolean[] {true}))
                .hasMessageContaining("2 vectors but 1 labels");
        assertThatThrownBy(() -> new Smote(1).resample(new float[][] {{0}, {1, 2}}, new boolean[] {true, false}))
                .hasMessageContaining("vector 1 has 2 features");
        assertThatThrownBy(() -> new Smote(5, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Smote(5, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Smote(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        Smote d = new Smote(3);
        assertThat(d.kNeighbors()).isEqualTo(Smote.DEFAULT_K);
        assertThat(d.ratio()).isEqualTo(1.0);
        assertThat(d.seed()).isEqualTo(3);
    }

    /** The k nearest other minority samples of a, by brute force (test's own implementation). */
    private static List<Integer> nearest(int a, List<Integer> minority, int k) {
        List<Integer> others = new ArrayList<>(minority);
        others.remove(Integer.valueOf(a));
        others.sort(Comparator.comparingDouble(b -> dist2(x[a], x[b])));
        return others.subList(0, k);
    }

    private static double dist2(float[] p, float[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += (p[i] - (double) q[i]) * (p[i] - (double) q[i]);
        }
        return s;
    }

    /** True when s = a + u (b - a) for some u in [0, 1], up to float rounding. */
    private static boolean onSegment(float[] s, float[] a, float[] b) {
        double dot = 0;
        double len2 = 0;
        for (int i = 0; i < s.length; i++) {
            dot += ((double) s[i] - a[i]) * ((double) b[i] - a[i]);
            len2 += ((double) b[i] - a[i]) * ((double) b[i] - a[i]);
        }
        double u = dot / len2;
        if (u < -1e-6 || u > 1 + 1e-6) {
            return false;
        }
        double res = 0;
        for (int i = 0; i < s.length; i++) {
            double d = a[i] + u * ((double) b[i] - a[i]) - s[i];
            res += d * d;
        }
        return Math.sqrt(res) <= 1e-5 * (1 + Math.sqrt(len2));
    }
}
