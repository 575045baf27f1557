package dev.lstmforge.plugins.text.evaluator;

import java.util.HashSet;
import java.util.Set;

/** Measures of how repetitive a generated token sequence is. */
public final class TextSamples {

    private TextSamples() {}

    /**
     * Returns the share of distinct n-grams among all n-grams of a sequence: 1 means no n-gram
     * repeats, values near 0 mean the text loops.
     *
     * @param ids the token ids
     * @param n the n-gram length, at least 1
     * @return distinct n-grams / n-grams, or NaN when the sequence is shorter than {@code n}
     */
    public static double distinctNgramRatio(int[] ids, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        int total = ids.length - n + 1;
        if (total <= 0) {
            return Double.NaN;
        }
        Set<NGram> seen = new HashSet<>();
        for (int i = 0; i < total; i++) {
            seen.add(new NGram(ids, i, n));
        }
        return seen.size() / (double) total;
    }

    /** A view of {@code n} ids of an array, compared by content. */
    private static final class NGram {
        private final int[] ids;
        private final int from;
        private final int n;
        private final int hash;

        NGram(int[] ids, int from, int n) {
            this.ids = ids;
            this.from = from;
            this.n = n;
            int h = 1;
            for (int i = from; i < from + n; i++) {
                h = 31 * h + ids[i];
            }
            hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NGram g) || g.n != n || g.hash != hash) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (ids[from + i] != g.ids[g.from + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
