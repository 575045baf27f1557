package dev.lstmforge.runtime.continual;

/**
 * The figures of a continual-learning run from its accuracy matrix {@code R}, where
 * {@code R[i][j]} is the quality on task {@code j}'s test part after training task {@code i}
 * (Lopez-Paz and Ranzato, 2017; Chaudhry et al., 2018):
 *
 * <ul>
 *   <li>average final quality: {@code (1/T) Σ_j R[T−1][j]};
 *   <li>backward transfer (BWT): {@code (1/(T−1)) Σ_{j<T−1} (R[T−1][j] − R[j][j])}, negative when
 *       learning later tasks made earlier ones worse;
 *   <li>forgetting: {@code (1/(T−1)) Σ_{j<T−1} max_{j≤l<T−1} (R[l][j] − R[T−1][j])}, the mean drop
 *       from each earlier task's best.
 * </ul>
 *
 * <p>For a metric where lower is better (an error such as RMSE) the differences are negated, so
 * a negative BWT and a positive forgetting always mean the same thing: earlier tasks got worse.
 *
 * <pre>{@code
 * ContinualMetrics m = ContinualMetrics.of(new double[][] {{0.9, 0.2}, {0.6, 0.95}}, true);
 * m.bwt();         // -0.3
 * m.forgetting();  //  0.3
 * }</pre>
 *
 * @param average the average final quality
 * @param bwt the backward transfer
 * @param forgetting the average forgetting
 */
public record ContinualMetrics(double average, double bwt, double forgetting) {

    /**
     * Computes the figures.
     *
     * @param r the square matrix, {@code r[i][j]} after task {@code i} on task {@code j}
     * @param higherIsBetter whether larger values of the metric are better
     * @return the figures; BWT and forgetting are 0 for a single task
     */
    public static ContinualMetrics of(double[][] r, boolean higherIsBetter) {
        int t = r.length;
        if (t == 0) {
            throw new IllegalArgumentException("the accuracy matrix is empty");
        }
        for (double[] row : r) {
            if (row.length != t) {
                throw new IllegalArgumentException("the accuracy matrix must be square, has a row of " + row.length
                        + " values and " + t + " rows");
            }
        }
        double sign = higherIsBetter ? 1 : -1;
        double avg = 0;
        for (int j = 0; j < t; j++) {
            avg += r[t - 1][j];
        }
        avg /= t;
        if (t == 1) {
            return new ContinualMetrics(avg, 0, 0);
        }
        double bwt = 0;
        double forgetting = 0;
        for (int j = 0; j < t - 1; j++) {
            bwt += sign * (r[t - 1][j] - r[j][j]);
            double best = Double.NEGATIVE_INFINITY;
            for (int l = j; l < t - 1; l++) {
                best = Math.max(best, sign * r[l][j]);
            }
            forgetting += best - sign * r[t - 1][j];
        }
        return new ContinualMetrics(avg, bwt / (t - 1), forgetting / (t - 1));
    }
}
