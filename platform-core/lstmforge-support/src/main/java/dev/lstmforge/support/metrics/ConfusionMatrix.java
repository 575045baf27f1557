package dev.lstmforge.support.metrics;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A multi-class confusion matrix, {@code count(actual, predicted)}, and the classification
 * metrics derived from it: accuracy, per-class precision, recall and F1, their macro averages and
 * the multi-class G-Mean. Immutable.
 *
 * <p>Definitions, for class c with tp = count(c, c), fp = predicted as c but not c, fn = c but
 * predicted otherwise; zero-over-zero is 0, as in {@link Confusion}:
 *
 * <ul>
 *   <li>accuracy = sum of the diagonal / total;
 *   <li>precision(c) = tp / (tp + fp), recall(c) = tp / (tp + fn), f1(c) = 2tp / (2tp + fp + fn);
 *   <li>macro precision, recall and F1: the unweighted means over the <em>present</em> classes,
 *       those that occur among the actual or the predicted labels (so a class absent from a test
 *       set, and never predicted, neither helps nor hurts);
 *   <li>G-Mean: the geometric mean of the recalls of the classes that occur among the actual
 *       labels; 0 as soon as one of them is never recognised. For two classes it equals
 *       {@link Confusion#gMean()}, sqrt(TPR * TNR).
 * </ul>
 *
 * <pre>{@code
 * ConfusionMatrix m = ConfusionMatrix.of(predicted, actual, List.of("yes", "no", "up"));
 * m.accuracy();          // share on the diagonal
 * m.f1(0);               // F1 of "yes" against the rest
 * m.metrics();           // {accuracy, macro_precision, macro_recall, macro_f1, g_mean, f1_yes, ...}
 * System.out.println(m.table());
 * }</pre>
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final long[][] counts;

    private ConfusionMatrix(List<String> classes, long[][] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /**
     * Counts predictions against the truth.
     *
     * @param predicted predicted class indices
     * @param actual true class indices, same length
     * @param classes the class names; indices run from 0 to {@code classes.size() - 1}
     * @return the matrix
     * @throws DataException if the lengths differ or an index is out of range
     */
    public static ConfusionMatrix of(int[] predicted, int[] actual, List<String> classes) {
        if (predicted.length != actual.length) {
            throw new DataException(
                    "predicted and actual labels differ in length: " + predicted.length + " vs " + actual.length);
        }
        int k = classes.size();
        if (k < 2) {
            throw new DataException("a confusion matrix needs at least 2 classes, got " + classes);
        }
        long[][] c = new long[k][k];
        for (int i = 0; i < predicted.length; i++) {
            c[check(actual[i], k, "actual", i)][check(predicted[i], k, "predicted", i)]++;
        }
        return new ConfusionMatrix(List.copyOf(classes), c);
    }

    /**
     * Counts predictions against the truth, naming the classes {@code "0", "1", ...}.
     *
     * @param predicted predicted class indices
     * @param actual true class indices, same length
     * @param classes the number of classes
     * @return the matrix
     */
    public static ConfusionMatrix of(int[] predicted, int[] actual, int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return of(predicted, actual, names);
    }

    /**
     * Wraps counts already tallied.
     *
     * @param classes the class names
     * @param counts {@code counts[actual][predicted]}, square, no negative entry (copied)
     * @return the matrix
     * @throws DataException if the shape does not match the classes or a count is negative
     */
    public static ConfusionMatrix fromCounts(List<String> classes, long[][] counts) {
        int k = classes.size();
        if (k < 2 || counts.length != k) {
            throw new DataException("confusion counts must be " + k + " x " + k + " for classes " + classes);
        }
        long[][] c = new long[k][];
        for (int a = 0; a < k; a++) {
            if (counts[a].length != k) {
                throw new DataException(
                        "confusion counts row " + a + " has " + counts[a].length + " entries; need " + k);
            }
            for (long v : counts[a]) {
                if (v < 0) {
                    throw new DataException("confusion counts row " + a + " has a negative count " + v);
                }
            }
            c[a] = counts[a].clone();
        }
        return new ConfusionMatrix(List.copyOf(classes), c);
    }

    private static int check(int cls, int k, String which, int i) {
        if (cls < 0 || cls >= k) {
            throw new DataException(which + " label " + i + " is class " + cls + "; classes run from 0 to " + (k - 1));
        }
        return cls;
    }

    /**
     * Returns the class names.
     *
     * @return the names, index order
     */
    public List<String> classes() {
        return classes;
    }

    /**
     * Returns the number of classes.
     *
     * @return the class count
     */
    public int size() {
        return classes.size();
    }

    /**
     * Returns how often class {@code actual} was predicted as {@code predicted}.
     *
     * @param actual the true class index
     * @param predicted the predicted class index
     * @return the count
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /**
     * Returns the number of samples counted.
     *
     * @return the total
     */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }

    /**
     * Returns how many samples truly belong to a class.
     *
     * @param c the class index
     * @return the row sum
     */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) {
            s += v;
        }
        return s;
    }

    /**
     * Returns how many samples were predicted as a class.
     *
     * @param c the class index
     * @return the column sum
     */
    public long predicted(int c) {
        long s = 0;
        for (long[] row : counts) {
            s += row[c];
        }
        return s;
    }

    /**
     * Returns the one-vs-rest binary matrix of a class (positive = that class).
     *
     * @param c the class index
     * @return the binary confusion
     */
    public Confusion oneVsRest(int c) {
        long tp = counts[c][c];
        long fn = support(c) - tp;
        long fp = predicted(c) - tp;
        return new Confusion(tp, fp, total() - tp - fn - fp, fn);
    }

    /**
     * Returns the share of samples on the diagonal; 0 for an empty matrix.
     *
     * @return the accuracy in [0, 1]
     */
    public double accuracy() {
        long t = total();
        long d = 0;
        for (int c = 0; c < counts.length; c++) {
            d += counts[c][c];
        }
        return t == 0 ? 0 : (double) d / t;
    }

    /**
     * Returns the precision of one class.
     *
     * @param c the class index
     * @return the precision in [0, 1]
     */
    public double precision(int c) {
        return oneVsRest(c).precision();
    }

    /**
     * Returns the recall of one class.
     *
     * @param c the class index
     * @return the recall in [0, 1]
     */
    public double recall(int c) {
        return oneVsRest(c).recall();
    }

    /**
     * Returns the F1 of one class.
     *
     * @param c the class index
     * @return F1 in [0, 1]
     */
    public double f1(int c) {
        return oneVsRest(c).f1();
    }

    /**
     * Returns the mean precision over the present classes.
     *
     * @return the macro precision in [0, 1]
     */
    public double macroPrecision() {
        return macro(0);
    }

    /**
     * Returns the mean recall over the present classes (the balanced accuracy when every class
     * occurs among the actual labels).
     *
     * @return the macro recall in [0, 1]
     */
    public double macroRecall() {
        return macro(1);
    }

    /**
     * Returns the mean F1 over the present classes.
     *
     * @return the macro F1 in [0, 1]
     */
    public double macroF1() {
        return macro(2);
    }

    private double macro(int which) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            if (support(c) == 0 && predicted(c) == 0) {
                continue;
            }
            Confusion o = oneVsRest(c);
            sum += which == 0 ? o.precision() : which == 1 ? o.recall() : o.f1();
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Returns the geometric mean of the recalls of the classes that occur among the actual
     * labels; 0 for an empty matrix.
     *
     * @return the G-Mean in [0, 1]
     */
    public double gMean() {
        double logSum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            if (support(c) == 0) {
                continue;
            }
            double r = recall(c);
            if (r == 0) {
                return 0;
            }
            logSum += Math.log(r);
            n++;
        }
        return n == 0 ? 0 : Math.exp(logSum / n);
    }

    /**
     * Returns the element-wise sum with another matrix over the same classes.
     *
     * @param o the other matrix
     * @return the sum
     * @throws DataException if the classes differ
     */
    public ConfusionMatrix plus(ConfusionMatrix o) {
        if (!classes.equals(o.classes)) {
            throw new DataException(
                    "cannot add confusion matrices over different classes: " + classes + " and " + o.classes);
        }
        long[][] c = new long[counts.length][counts.length];
        for (int a = 0; a < c.length; a++) {
            for (int p = 0; p < c.length; p++) {
                c[a][p] = counts[a][p] + o.counts[a][p];
            }
        }
        return new ConfusionMatrix(classes, c);
    }

    /**
     * Returns the metrics under snake_case names: {@code accuracy}, {@code macro_precision},
     * {@code macro_recall}, {@code macro_f1}, {@code g_mean}, then {@code precision_<class>},
     * {@code recall_<class>} and {@code f1_<class>} for each class, the class name in snake case
     * ({@code "Jumping Jack"} becomes {@code jumping_jack}; the class index when two names would
     * collide).
     *
     * @return the metrics, in that order
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("macro_precision", macroPrecision());
        m.put("macro_recall", macroRecall());
        m.put("macro_f1", macroF1());
        m.put("g_mean", gMean());
        List<String> keys = classKeys();
        for (int c = 0; c < counts.length; c++) {
            Confusion o = oneVsRest(c);
            m.put("precision_" + keys.get(c), o.precision());
            m.put("recall_" + keys.get(c), o.recall());
            m.put("f1_" + keys.get(c), o.f1());
        }
        return m;
    }

    private List<String> classKeys() {
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < classes.size(); c++) {
            String k = snake(classes.get(c));
            keys.add(k.isEmpty() || !seen.add(k) ? Integer.toString(c) : k);
        }
        return keys;
    }

    /**
     * Turns a class name into a metric-name part: lower case, runs of other characters than
     * letters and digits become one underscore.
     *
     * @param name the class name
     * @return for example {@code "jumping_jack"} for {@code "Jumping Jack"}
     */
    public static String snake(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /**
     * Returns the matrix as a text table for reports: one row per actual class, one column per
     * predicted class, and each row's recall.
     *
     * @return the table
     */
    public String table() {
        int first = "actual/predicted".length();
        int w = 6;
        for (String c : classes) {
            first = Math.max(first, c.length());
            w = Math.max(w, c.length());
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", "actual/predicted"));
        for (String c : classes) {
            b.append(String.format(Locale.ROOT, " %" + w + "s", c));
        }
        b.append(" recall\n");
        for (int a = 0; a < counts.length; a++) {
            b.append(String.format(Locale.ROOT, "%-" + first + "s", classes.get(a)));
            for (int p = 0; p < counts.length; p++) {
                b.append(String.format(Locale.ROOT, " %" + w + "d", counts[a][p]));
            }
            b.append(String.format(Locale.ROOT, " %6.3f\n", recall(a)));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m
                && m.classes.equals(classes)
                && java.util.Arrays.deepEquals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return classes.hashCode() * 31 + java.util.Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + classes + java.util.Arrays.deepToString(counts);
    }
}
