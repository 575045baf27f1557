package dev.lstmforge.support.metrics;

import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HeatmapSpec;
import dev.lstmforge.support.metrics.regression.BinomialTest;
import java.util.List;
import java.util.Locale;

/**
 * How every classification plugin scores its test predictions: the confusion matrix with
 * accuracy, macro and per-class precision, recall and F1; the majority-class baseline (always
 * answering the class most common in <em>training</em>); and an exact one-sided binomial test of
 * the accuracy against the larger of that baseline and chance, so that "beats" is a tested claim.
 *
 * <pre>{@code
 * ClassifierScore s = ClassifierScore.of(predicted, actual, classes, trainCounts);
 * s.verdict();      // "beats the majority-class baseline (10.0%) and chance (10.0%): one-sided binomial p = 3e-40"
 * Evaluation.Builder b = Evaluation.builder();
 * s.addTo(b, "clips", "Confusion matrix, test set");
 * }</pre>
 */
public final class ClassifierScore {

    /** The accuracy "beats" the baseline only below this one-sided p-value. */
    public static final double ALPHA = 0.05;

    private final ConfusionMatrix cm;
    private final long correct;
    private final int n;
    private final double baseline;
    private final double pValue;

    private ClassifierScore(ConfusionMatrix cm, long correct, int n, double baseline, double pValue) {
        this.cm = cm;
        this.correct = correct;
        this.n = n;
        this.baseline = baseline;
        this.pValue = pValue;
    }

    /**
     * Scores predictions.
     *
     * @param predicted predicted class per test item
     * @param actual true class per test item, same length, at least one
     * @param classes the class names, in index order
     * @param trainCounts training items per class (for the majority baseline)
     * @return the score
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or the counts
     *     do not match the classes
     */
    public static ClassifierScore of(int[] predicted, int[] actual, List<String> classes, int[] trainCounts) {
        if (predicted.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException(
                    "need as many predictions as labels, at least one: " + predicted.length + " vs " + actual.length);
        }
        if (trainCounts.length != classes.size()) {
            throw new IllegalArgumentException(
                    trainCounts.length + " training counts for " + classes.size() + " classes");
        }
        ConfusionMatrix cm = ConfusionMatrix.of(predicted, actual, classes);
        long correct = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] == actual[i]) {
                correct++;
            }
        }
        int majority = 0;
        for (int k = 1; k < trainCounts.length; k++) {
            if (trainCounts[k] > trainCounts[majority]) {
                majority = k;
            }
        }
        long majorityHits = 0;
        for (int a : actual) {
            if (a == majority) {
                majorityHits++;
            }
        }
        int n = actual.length;
        double baseline = (double) majorityHits / n;
        double nullRate = Math.max(baseline, 1.0 / classes.size());
        return new ClassifierScore(cm, correct, n, baseline, BinomialTest.upperTail(correct, n, nullRate));
    }

    /**
     * Returns the index of the largest value (the first, on ties): the predicted class.
     *
     * @param scores probabilities or logits, at least one
     * @return the index
     */
    public static int argmax(float[] scores) {
        int best = 0;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        return best;
    }

    /** @return the confusion matrix */
    public ConfusionMatrix confusion() {
        return cm;
    }

    /** @return correctly classified test items */
    public long correct() {
        return correct;
    }

    /** @return test items */
    public int count() {
        return n;
    }

    /** @return the accuracy, correct over count */
    public double accuracy() {
        return (double) correct / n;
    }

    /** @return the majority-class baseline's accuracy on the test items */
    public double majorityBaseline() {
        return baseline;
    }

    /** @return the one-sided binomial p-value of the accuracy against max(baseline, chance) */
    public double pValue() {
        return pValue;
    }

    /** @return whether the accuracy is significantly above both the baseline and chance */
    public boolean beatsBaseline() {
        return pValue < ALPHA;
    }

    /**
     * Says in words whether the model beats the baseline and chance, with the p-value.
     *
     * @return the verdict, starting with "beats" or "is NOT significantly better"
     */
    public String verdict() {
        double chance = 100.0 / cm.size();
        return beatsBaseline()
                ? String.format(
                        Locale.ROOT,
                        "beats the majority-class baseline (%.1f%%) and chance (%.1f%%): one-sided binomial p %s",
                        100 * baseline,
                        chance,
                        pValue < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "= %.2g", pValue))
                : String.format(
                        Locale.ROOT,
                        "is NOT significantly better than the majority-class baseline (%.1f%%) or chance (%.1f%%):"
                                + " one-sided binomial p = %.2g",
                        100 * baseline,
                        chance,
                        pValue);
    }

    /**
     * Adds the metrics ({@link ConfusionMatrix#metrics()}, {@code test_<unit>},
     * {@code majority_baseline_accuracy}, {@code p_value_vs_baseline}), the confusion table and
     * its heatmap to an evaluation.
     *
     * @param b the evaluation being built
     * @param unit what a test item is, plural ("clips", "sequences")
     * @param heatmapTitle the heatmap's title
     */
    public void addTo(Evaluation.Builder b, String unit, String heatmapTitle) {
        b.metrics(cm.metrics());
        b.metric("test_" + unit, n);
        b.metric("majority_baseline_accuracy", baseline);
        b.metric("p_value_vs_baseline", pValue);
        b.section("Confusion matrix (rows: actual class, columns: predicted)", cm.table());
        long[][] counts = new long[cm.size()][cm.size()];
        for (int a = 0; a < cm.size(); a++) {
            for (int q = 0; q < cm.size(); q++) {
                counts[a][q] = cm.count(a, q);
            }
        }
        b.heatmap(HeatmapSpec.confusion(heatmapTitle, cm.classes(), counts));
    }
}
