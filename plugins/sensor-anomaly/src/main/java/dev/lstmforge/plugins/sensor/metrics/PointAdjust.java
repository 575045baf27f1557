package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.support.DataException;

/**
 * The point-adjust protocol common in time-series anomaly detection papers (Xu et al. 2018,
 * "Donut"): an anomaly segment is a maximal run of consecutive points labelled true; if a detector
 * flags at least one point of a segment, every point of that segment counts as flagged.
 * Predictions outside the segments are left as they are.
 *
 * <p>Point-adjusted scores are known to be optimistic (a single lucky alert in a long segment earns
 * the whole segment); report them next to unadjusted ones.
 */
public final class PointAdjust {

    private PointAdjust() {}

    /**
     * Applies point adjustment. O(n); the inputs are not modified.
     *
     * @param predicted the detector's point predictions
     * @param actual the true point labels, same length
     * @return the adjusted predictions: {@code predicted}, plus every point of each true segment
     *     that contains at least one predicted point
     * @throws DataException if the lengths differ
     */
    public static boolean[] adjust(boolean[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new DataException(
                    "predicted and actual labels differ in length: " + predicted.length + " vs " + actual.length);
        }
        boolean[] out = predicted.clone();
        int n = actual.length;
        int i = 0;
        while (i < n) {
            if (!actual[i]) {
                i++;
                continue;
            }
            int j = i;
            boolean hit = false;
            while (j < n && actual[j]) {
                hit |= predicted[j];
                j++;
            }
            if (hit) {
                for (int q = i; q < j; q++) {
                    out[q] = true;
                }
            }
            i = j;
        }
        return out;
    }
}
