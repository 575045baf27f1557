package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.data.Clip;
import dev.lstmforge.spi.Evaluation;
import dev.lstmforge.support.metrics.BaselineComparison;
import dev.lstmforge.support.metrics.ClassifierScore;
import dev.lstmforge.support.metrics.ConfusionMatrix;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores predictions on the test clips: accuracy, macro and per-class precision, recall and F1
 * and the confusion matrix (shared classification metrics), the majority-class baseline with an
 * exact binomial test of the accuracy against it, the DTW template baseline with an exact McNemar
 * test of the model against it (when it ran), and the accuracy per held-out speaker or fold.
 */
final class AudioEvaluation {

    private AudioEvaluation() {}

    static Evaluation build(AudioData data, int[] predicted, int[] actual, BaselineComparison dtw) {
        AudioState state = data.state();
        List<Clip> clips = data.testClips();
        int n = actual.length;
        int[] trainCounts = new int[state.classes.size()];
        List<String> classes = state.classes;
        data.plan().train().forEach(c -> trainCounts[classes.indexOf(c.label())]++);
        ClassifierScore score = ClassifierScore.of(predicted, actual, classes, trainCounts);
        Evaluation.Builder b = Evaluation.builder();
        score.addTo(b, "clips", "Confusion matrix, " + state.streams + " streams, test set");
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
        if (dtw != null) {
            dtw.addTo(b);
        }
        b.summary(String.format(
                Locale.ROOT,
                "%s streams: accuracy %.1f%% (%d/%d test clips), macro-F1 %.3f; the model %s%s. Split: %s.",
                state.streams,
                100 * score.accuracy(),
                score.correct(),
                n,
                score.confusion().macroF1(),
                score.verdict(),
                dtw == null ? "" : "; it " + dtw.verdict(),
                state.split));
        StringBuilder d = new StringBuilder();
        d.append("Data: ")
                .append(state.dataSource)
                .append(" (")
                .append(state.layout)
                .append(")\n");
        d.append("Split: ").append(state.split).append('\n');
        d.append(String.format(
                Locale.ROOT,
                "Features: %d Hz mono, %s n_fft=%d hop=%d n_mels=%d fmin=%.0f fmax=%.0f top_db=%.0f;"
                        + " waveform in chunks of %d samples\n",
                state.sampleRate,
                state.logMel() ? "log-mel bands" : "MFCC n_mfcc=" + state.nMfcc,
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
