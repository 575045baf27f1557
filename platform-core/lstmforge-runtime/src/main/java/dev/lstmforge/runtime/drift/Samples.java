package dev.lstmforge.runtime.drift;

import java.util.Arrays;

/** Checks and small helpers shared by the drift classes; not part of the API. */
final class Samples {

    private Samples() {}

    /**
     * Rejects a null or empty sample and any value that is not finite.
     *
     * @param what names the sample in messages, for example {@code "feature 'close', current"}
     */
    static void requireFinite(double[] values, String what) {
        if (values == null) {
            throw new IllegalArgumentException(what + ": no values (null)");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(what + ": no values (empty sample)");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        what + ": value at index " + i + " is " + values[i] + "; only finite values are allowed");
            }
        }
    }

    /** Returns a sorted copy; {@code -0.0} becomes {@code 0.0} so equal values stay equal. */
    static double[] sortedCopy(double[] values) {
        double[] s = values.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += 0.0; // -0.0 + 0.0 == +0.0
        }
        Arrays.sort(s);
        return s;
    }

    /** Checks that {@code values} is sorted ascending. */
    static boolean isSorted(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
