package dev.lstmforge.support.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The classic template-matching baseline for sequence classification: a query sequence gets the
 * label of the training sequence nearest to it under dynamic time warping (DTW). Sequences are
 * frame-major {@code float[]}s of {@code width} values per frame; the distance between two frames
 * is Euclidean, a warping path may step in either sequence or both at once, and a path's cost is
 * divided by the two lengths' sum so that long and short templates compete fairly. It learns
 * nothing beyond storing the training set, which is why a model that does not beat it (see
 * {@link BaselineComparison}) has not learned much more than what the features already separate.
 *
 * <p>A search over the templates abandons a template as soon as every path through the current
 * row already costs more than the best full match so far, which gives the same answer as the full
 * computation at a fraction of its work. Thread-safe: {@link #classifyAll} runs queries in
 * parallel.
 *
 * <pre>{@code
 * DtwNearestNeighbour nn = new DtwNearestNeighbour(trainFrames, trainLabels, 40);
 * int label = nn.classify(queryFrames);
 * double d = DtwNearestNeighbour.distance(a, b, 40);   // 0 for a sequence and its time-stretched copy
 * }</pre>
 */
public final class DtwNearestNeighbour {

    private final float[][] templates;
    private final int[] labels;
    private final int width;

    /**
     * Stores the templates.
     *
     * @param templates training sequences, {@code frames * width} values each, at least one frame
     * @param labels each template's class
     * @param width values per frame, at least 1
     * @throws IllegalArgumentException when there are no templates, the counts differ, or a
     *     template is empty or not a whole number of frames
     */
    public DtwNearestNeighbour(List<float[]> templates, int[] labels, int width) {
        if (width < 1 || templates.isEmpty() || templates.size() != labels.length) {
            throw new IllegalArgumentException("DTW baseline needs width >= 1 and one label per template, at least one;"
                    + " got width " + width + ", " + templates.size() + " templates, " + labels.length + " labels");
        }
        this.templates = templates.toArray(float[][]::new);
        for (int i = 0; i < this.templates.length; i++) {
            check(this.templates[i], width, "template " + i);
        }
        this.labels = labels.clone();
        this.width = width;
    }

    /**
     * Returns the label of the template nearest to a query (the first on ties).
     *
     * @param query {@code frames * width} values, at least one frame
     * @return the nearest template's label
     */
    public int classify(float[] query) {
        check(query, width, "query");
        double best = Double.POSITIVE_INFINITY;
        int label = labels[0];
        int n = query.length / width;
        double[] prev = new double[maxFrames() + 1];
        double[] cur = new double[prev.length];
        for (int k = 0; k < templates.length; k++) {
            double d = cost(query, templates[k], width, best * (n + templates[k].length / width), prev, cur);
            double normalised = d / (n + templates[k].length / width);
            if (normalised < best) {
                best = normalised;
                label = labels[k];
            }
        }
        return label;
    }

    /**
     * Classifies many queries in parallel.
     *
     * @param queries the query sequences
     * @return each query's nearest template label, in order
     */
    public int[] classifyAll(List<float[]> queries) {
        return IntStream.range(0, queries.size())
                .parallel()
                .map(i -> classify(queries.get(i)))
                .toArray();
    }

    /**
     * Returns the length-normalised DTW distance: the cheapest warping path's summed frame
     * distances over the sum of the two lengths in frames.
     *
     * @param a a sequence, {@code frames * width} values, at least one frame
     * @param b another
     * @param width values per frame
     * @return the distance, at least 0
     */
    public static double distance(float[] a, float[] b, int width) {
        check(a, width, "a");
        check(b, width, "b");
        int m = b.length / width;
        double[] prev = new double[m + 1];
        double[] cur = new double[m + 1];
        return cost(a, b, width, Double.POSITIVE_INFINITY, prev, cur) / (a.length / width + m);
    }

    private int maxFrames() {
        int max = 0;
        for (float[] t : templates) {
            max = Math.max(max, t.length / width);
        }
        return max;
    }

    /**
     * The cheapest path's total cost, or +infinity once every path through a row costs at least
     * {@code bound}: costs only grow along a path, so such a template cannot win.
     */
    private static double cost(float[] a, float[] b, int width, double bound, double[] prev, double[] cur) {
        int n = a.length / width;
        int m = b.length / width;
        Arrays.fill(prev, 0, m + 1, Double.POSITIVE_INFINITY);
        prev[0] = 0;
        for (int i = 1; i <= n; i++) {
            cur[0] = Double.POSITIVE_INFINITY;
            double rowMin = Double.POSITIVE_INFINITY;
            int ai = (i - 1) * width;
            for (int j = 1; j <= m; j++) {
                int bj = (j - 1) * width;
                double sq = 0;
                for (int c = 0; c < width; c++) {
                    double d = a[ai + c] - b[bj + c];
                    sq += d * d;
                }
                double step = Math.min(prev[j - 1], Math.min(prev[j], cur[j - 1]));
                double v = Math.sqrt(sq) + step;
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin >= bound) {
                return Double.POSITIVE_INFINITY;
            }
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }

    private static void check(float[] x, int width, String what) {
        if (x.length == 0 || x.length % width != 0) {
            throw new IllegalArgumentException(
                    "DTW " + what + ": " + x.length + " values is not a whole number of frames of " + width);
        }
    }
}
