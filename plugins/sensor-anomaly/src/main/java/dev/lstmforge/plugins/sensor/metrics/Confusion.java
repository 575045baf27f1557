package dev.lstmforge.plugins.sensor.metrics;

import dev.lstmforge.plugins.sensor.data.SensorDataException;

/**
 * A binary confusion matrix (positive = anomalous) and the rates derived from it.
 *
 * <p>Cases that would divide zero by zero are defined as 0, never NaN:
 * <ul>
 *   <li>{@link #precision()} is 0 when nothing is predicted positive (tp + fp = 0);</li>
 *   <li>{@link #recall()} / {@link #tpr()} is 0 when there are no actual positives (tp + fn = 0);</li>
 *   <li>{@link #tnr()} is 0 when there are no actual negatives (tn + fp = 0), and
 *       {@link #fpr()} is 0 then too;</li>
 *   <li>{@link #f1()} is 0 when tp = 0 (it equals 2tp / (2tp + fp + fn));</li>
 *   <li>{@link #accuracy()} is 0 for an empty matrix.</li>
 * </ul>
 *
 * @param tp true positives: predicted and actual positive
 * @param fp false positives: predicted positive, actually negative
 * @param tn true negatives: predicted and actual negative
 * @param fn false negatives: predicted negative, actually positive
 */
public record Confusion(long tp, long fp, long tn, long fn) {

    /**
     * Checks that no count is negative.
     *
     * @param tp true positives
     * @param fp false positives
     * @param tn true negatives
     * @param fn false negatives
     * @throws IllegalArgumentException if a count is negative
     */
    public Confusion {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("confusion counts must not be negative: tp " + tp
                    + ", fp " + fp + ", tn " + tn + ", fn " + fn);
        }
    }

    /**
     * Counts a prediction against the truth, point by point.
     *
     * @param predicted predicted labels
     * @param actual true labels, same length
     * @return the confusion matrix
     * @throws SensorDataException if the lengths differ
     */
    public static Confusion of(boolean[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new SensorDataException("predicted and actual labels differ in length: "
                    + predicted.length + " vs " + actual.length);
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i]) {
                if (actual[i]) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[i]) {
                fn++;
            }
        }
        return new Confusion(tp, fp, predicted.length - tp - fp - fn, fn);
    }

    /**
     * The element-wise sum of two matrices (to pool several files).
     *
     * @param o the other matrix
     * @return the summed matrix
     */
    public Confusion plus(Confusion o) {
        return new Confusion(tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
    }

    /**
     * The number of points counted.
     *
     * @return tp + fp + tn + fn
     */
    public long total() {
        return tp + fp + tn + fn;
    }

    /**
     * Precision tp / (tp + fp); 0 when nothing is predicted positive.
     *
     * @return the precision in [0, 1]
     */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /**
     * Recall tp / (tp + fn), the same as {@link #tpr()}; 0 when there are no actual positives.
     *
     * @return the recall in [0, 1]
     */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /**
     * True-positive rate (sensitivity) tp / (tp + fn); 0 when there are no actual positives.
     *
     * @return the rate in [0, 1]
     */
    public double tpr() {
        return recall();
    }

    /**
     * True-negative rate (specificity) tn / (tn + fp); 0 when there are no actual negatives.
     *
     * @return the rate in [0, 1]
     */
    public double tnr() {
        return ratio(tn, tn + fp);
    }

    /**
     * False-positive rate fp / (fp + tn); 0 when there are no actual negatives.
     *
     * @return the rate in [0, 1]
     */
    public double fpr() {
        return ratio(fp, fp + tn);
    }

    /**
     * F1, the harmonic mean of precision and recall, computed as 2tp / (2tp + fp + fn); 0 when
     * tp = 0.
     *
     * @return F1 in [0, 1]
     */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * Accuracy (tp + tn) / total; 0 for an empty matrix.
     *
     * @return the accuracy in [0, 1]
     */
    public double accuracy() {
        return ratio(tp + tn, total());
    }

    /**
     * The geometric mean of the true-positive and true-negative rates, sqrt(TPR * TNR), with the
     * 0/0 rules above (so it is 0 when either class is absent).
     *
     * @return the G-mean in [0, 1]
     */
    public double gMean() {
        return Math.sqrt(tpr() * tnr());
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }
}
