package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.data.Clip;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.spi.HeatmapSpec;
import dev.lstmforge.support.metrics.ConfusionMatrix;
import dev.lstmforge.support.metrics.regression.BinomialTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores predictions on the test clips: accuracy, macro and per-class precision, recall and F1
 * and the confusion matrix (shared classification metrics), the majority-class baseline with an
 * exact binomial test of the accuracy against it, and the accuracy per held-out speaker or fold.
 */
final class AudioEvaluation {

    /** The accuracy "beats" the baseline only below this one-sided p-value. */
    static final double ALPHA = 0.05;

    private AudioEvaluation() {}

    static Evaluation build(AudioData data, int[] predicted, int[] actual) {
        AudioState state = data.state();
        List<Clip> clips = data.testClips();
        ConfusionMatrix cm = ConfusionMatrix.of(predicted, actual, state.classes);
        int n = actual.length;
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (predicted[i] == actual[i]) {
                correct++;
            }
        }
        // the majority baseline always answers the class most common in TRAINING
        int[] trainCounts = new int[state.classes.size()];
        List<String> classes = state.classes;
        data.plan().train().forEach(c -> trainCounts[classes.indexOf(c.label())]++);
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
        double baseline = (double) majorityHits / n;
        // test against the larger of chance and the majority rate, so "beats" means beating both
        double nullRate = Math.max(baseline, 1.0 / classes.size());
        double p = BinomialTest.upperTail(correct, n, nullRate);
        double accuracy = (double) correct / n;

        Evaluation.Builder b = Evaluation.builder().metrics(cm.metrics());
        b.metric("test_clips", n);
        b.metric("majority_baseline_accuracy", baseline);
        b.metric("p_value_vs_baseline", p);
        Map<String, long[]> perGroup = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String g = clips.get(i).group();
            if (g != null) {
                long[] hits = perGroup.computeIfAbsent(g, k -> new long[2]);
                hits[0] += predicted[i] == actual[i] ? 1 : 0;
                hits[1]++;
            }
        }
        if (perGroup.size() > 1 || !state.testGroups.isEmpty()) {
            for (Map.Entry<String, long[]> e : perGroup.entrySet()) {
                b.metric("accuracy_" + ConfusionMatrix.snake(e.getKey()), (double) e.getValue()[0] / e.getValue()[1]);
            }
        }
        String verdict = p < ALPHA
                ? String.format(
                        Locale.ROOT,
                        "beats the majority-class baseline (%.1f%%) and chance (%.1f%%): one-sided binomial p = %.2g",
                        100 * baseline,
                        100.0 / classes.size(),
                        p)
                : String.format(
                        Locale.ROOT,
                        "is NOT significantly better than the majority-class baseline (%.1f%%) or chance (%.1f%%):"
                                + " one-sided binomial p = %.2g",
                        100 * baseline,
                        100.0 / classes.size(),
                        p);
        b.summary(String.format(
                Locale.ROOT,
                "%s streams: accuracy %.1f%% (%d/%d test clips), macro-F1 %.3f; the model %s. Split: %s.",
                state.streams,
                100 * accuracy,
                correct,
                n,
                cm.macroF1(),
                verdict,
                state.split));
        b.section("Confusion matrix (rows: actual class, columns: predicted)", cm.table());
        long[][] counts = new long[cm.size()][cm.size()];
        for (int a = 0; a < cm.size(); a++) {
            for (int q = 0; q < cm.size(); q++) {
                counts[a][q] = cm.count(a, q);
            }
        }
        b.heatmap(HeatmapSpec.confusion("Confusion matrix, " + state.streams + " streams, test set", classes, counts));
        StringBuilder d = new StringBuilder();
        d.append("Data: ")
                .append(state.dataSource)
                .append(" (")
                .append(state.layout)
                .append(")\n");
        d.append("Split: ").append(state.split).append('\n');
        d.append(String.format(
                Locale.ROOT,
                "Features: %d Hz mono, MFCC n_mfcc=%d n_fft=%d hop=%d n_mels=%d fmin=%.0f fmax=%.0f top_db=%.0f;"
                        + " waveform in chunks of %d samples\n",
                state.sampleRate,
                state.nMfcc,
                state.nFft,
                state.hopLength,
                state.nMels,
                state.fmin,
                state.mfccConfig().effectiveFmax(),
                state.topDb,
                state.hopLength));
        if (!perGroup.isEmpty()) {
            d.append("Accuracy per ")
                    .append(clips.get(0).group().startsWith("fold") ? "fold" : "speaker")
                    .append(" in the test set:");
            perGroup.forEach((g, h) ->
                    d.append(String.format(Locale.ROOT, " %s %.1f%% (%d/%d);", g, 100.0 * h[0] / h[1], h[0], h[1])));
            d.append('\n');
        }
        data.notes().forEach(note -> d.append("Note: ").append(note).append('\n'));
        b.section("Data and split", d.toString());
        return b.build();
    }
}
