package dev.lstmforge.support.metrics;

import dev.lstmforge.support.DataException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A binary confusion matrix (positive = the class of interest: an anomaly, a keyword, an action)
 * and the rates derived from it. For more than two classes see {@link ConfusionMatrix}, whose
 * {@link ConfusionMatrix#oneVsRest(int)} returns one of these per class.
 *
 * <p>Cases that would divide zero by zero are defined as 0, never NaN:
 *
 * <ul>
 *   <li>{@link #precision()} is 0 when nothing is predicted positive (tp + fp = 0);
 *   <li>{@link #recall()} / {@link #tpr()} is 0 when there are no actual positives (tp + fn = 0);
 *   <li>{@link #tnr()} is 0 when there are no actual negatives (tn + fp = 0), and {@link #fpr()}
 *       is 0 then too;
 *   <li>{@link #f1()} is 0 when tp = 0 (it equals 2tp / (2tp + fp + fn));
 *   <li>{@link #accuracy()} is 0 for an empty matrix.
 * </ul>
 *
 * <pre>{@code
 * Confusion c = Confusion.of(new boolean[] {true, true, false}, new boolean[] {true, false, false});
 * c.precision();  // 0.5
 * c.recall();     // 1.0
 * c.gMean();      // sqrt(1.0 * 0.5)
 * }</pre>
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
     * @throws IllegalArgumentException if a count is negative (a programming error)
     */
    public Confusion {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException(
                    "confusion counts must not be negative: tp " + tp + ", fp " + fp + ", tn " + tn + ", fn " + fn);
        }
    }

    /**
     * Counts a prediction against the truth, point by point.
     *
     * @param predicted predicted labels
     * @param actual true labels, same length
     * @return the confusion matrix
     * @throws DataException if the lengths differ
     */
    public static Confusion of(boolean[] predicted, boolean[] actual) {
        if (predicted.length != actual.length) {
            throw new DataException(
                    "predicted and actual labels differ in length: " + predicted.length + " vs " + actual.length);
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
     * Returns the element-wise sum of two matrices (to pool several files).
     *
     * @param o the other matrix
     * @return the summed matrix
     */
    public Confusion plus(Confusion o) {
        return new Confusion(tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
    }

    /**
     * Returns the number of points counted.
     *
     * @return tp + fp + tn + fn
     */
    public long total() {
        return tp + fp + tn + fn;
    }

    /**
     * Returns the precision tp / (tp + fp); 0 when nothing is predicted positive.
     *
     * @return the precision in [0, 1]
     */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /**
     * Returns the recall tp / (tp + fn), the same as {@link #tpr()}; 0 without actual positives.
     *
     * @return the recall in [0, 1]
     */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /**
     * Returns the true-positive rate (sensitivity) tp / (tp + fn); 0 without actual positives.
     *
     * @return the rate in [0, 1]
     */
    public double tpr() {
        return recall();
    }

    /**
     * Returns the true-negative rate (specificity) tn / (tn + fp); 0 without actual negatives.
     *
     * @return the rate in [0, 1]
     */
    public double tnr() {
        return ratio(tn, tn + fp);
    }

    /**
     * Returns the false-positive rate fp / (fp + tn); 0 without actual negatives.
     *
     * @return the rate in [0, 1]
     */
    public double fpr() {
        return ratio(fp, fp + tn);
    }

    /**
     * Returns F1, the harmonic mean of precision and recall, computed as 2tp / (2tp + fp + fn); 0
     * when tp = 0.
     *
     * @return F1 in [0, 1]
     */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * Returns the accuracy (tp + tn) / total; 0 for an empty matrix.
     *
     * @return the accuracy in [0, 1]
     */
    public double accuracy() {
        return ratio(tp + tn, total());
    }

    /**
     * Returns the geometric mean of the true-positive and true-negative rates, sqrt(TPR * TNR),
     * with the 0/0 rules above (so it is 0 when either class is absent). Unlike accuracy it does
     * not reward always predicting the majority class.
     *
     * @return the G-Mean in [0, 1]
     */
    public double gMean() {
        return Math.sqrt(tpr() * tnr());
    }

    /**
     * Returns the usual rates under snake_case names, each with a prefix: {@code precision},
     * {@code recall}, {@code f1}, {@code g_mean}, {@code accuracy}.
     *
     * @param prefix put before each name, for example {@code "event_"}; may be empty
     * @return the metrics, in that order
     */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "precision", precision());
        m.put(prefix + "recall", recall());
        m.put(prefix + "f1", f1());
        m.put(prefix + "g_mean", gMean());
        m.put(prefix + "accuracy", accuracy());
        return m;
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }
}
