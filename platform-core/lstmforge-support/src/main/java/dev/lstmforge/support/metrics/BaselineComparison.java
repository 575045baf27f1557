package dev.lstmforge.support.metrics;

import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.support.metrics.regression.McNemarTest;
import java.util.Locale;

/**
 * A model's test predictions against a real baseline's predictions on the same items, decided by
 * the exact McNemar test ({@link McNemarTest}): the model "beats" the baseline only when it is
 * right on significantly more of the items where exactly one of the two is right, and is called
 * "significantly worse" in the opposite case. Use it for a baseline that can actually compete (a
 * nearest-neighbour template matcher, a model without the LSTM), where the majority-class
 * baseline of {@link ClassifierScore} is too easy to be informative.
 *
 * <pre>{@code
 * BaselineComparison c = BaselineComparison.of("DTW template baseline", "dtw_baseline", predicted, baseline, actual);
 * c.verdict();   // "is NOT significantly better than the DTW template baseline (61.2%): 41 vs 35 ..."
 * c.addTo(evaluationBuilder);   // dtw_baseline_accuracy, p_value_vs_dtw_baseline
 * }</pre>
 *
 * @param name the baseline in words, for verdicts
 * @param key the metric-name stem, snake case
 * @param baselineAccuracy the baseline's accuracy on the test items
 * @param modelOnly items only the model gets right
 * @param baselineOnly items only the baseline gets right
 * @param pBetter one-sided exact McNemar p-value that the model is better
 * @param pWorse one-sided exact McNemar p-value that the model is worse
 */
public record BaselineComparison(
        String name,
        String key,
        double baselineAccuracy,
        long modelOnly,
        long baselineOnly,
        double pBetter,
        double pWorse) {

    /**
     * Compares predictions item by item.
     *
     * @param name the baseline in words
     * @param key the metric-name stem
     * @param predicted the model's predicted class per test item
     * @param baseline the baseline's predicted class per test item
     * @param actual the true class per test item
     * @return the comparison
     * @throws IllegalArgumentException when the arrays differ in length or are empty
     */
    public static BaselineComparison of(String name, String key, int[] predicted, int[] baseline, int[] actual) {
        if (predicted.length != actual.length || baseline.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("need as many model and baseline predictions as labels, at least one: "
                    + predicted.length + ", " + baseline.length + " and " + actual.length);
        }
        long modelOnly = 0;
        long baselineOnly = 0;
        long baselineRight = 0;
        for (int i = 0; i < actual.length; i++) {
            boolean m = predicted[i] == actual[i];
            boolean b = baseline[i] == actual[i];
            baselineRight += b ? 1 : 0;
            modelOnly += m && !b ? 1 : 0;
            baselineOnly += b && !m ? 1 : 0;
        }
        return new BaselineComparison(
                name,
                key,
                (double) baselineRight / actual.length,
                modelOnly,
                baselineOnly,
                McNemarTest.firstBetter(modelOnly, baselineOnly),
                McNemarTest.firstBetter(baselineOnly, modelOnly));
    }

    /** @return whether the model is significantly better than the baseline (p below {@link ClassifierScore#ALPHA}) */
    public boolean beats() {
        return pBetter < ClassifierScore.ALPHA;
    }

    /** @return whether the model is significantly worse than the baseline */
    public boolean worse() {
        return pWorse < ClassifierScore.ALPHA;
    }

    /**
     * Says in words how the model compares with the baseline.
     *
     * @return a phrase starting with "beats", "is NOT significantly better than" or "is
     *     significantly WORSE than"
     */
    public String verdict() {
        String head = beats() ? "beats" : worse() ? "is significantly WORSE than" : "is NOT significantly better than";
        return String.format(
                Locale.ROOT,
                "%s the %s (%.1f%%): right on %d test items the baseline gets wrong, wrong on %d it gets right,"
                        + " exact McNemar p = %.2g",
                head,
                name,
                100 * baselineAccuracy,
                modelOnly,
                baselineOnly,
                worse() ? pWorse : pBetter);
    }

    /**
     * Adds {@code <key>_accuracy} and {@code p_value_vs_<key>} (one-sided, model better) to an
     * evaluation.
     *
     * @param b the evaluation being built
     */
    public void addTo(Evaluation.Builder b) {
        b.metric(key + "_accuracy", baselineAccuracy);
        b.metric("p_value_vs_" + key, pBetter);
    }
}
