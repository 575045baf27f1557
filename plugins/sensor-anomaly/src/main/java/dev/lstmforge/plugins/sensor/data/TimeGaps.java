package dev.lstmforge.plugins.sensor.data;

import java.util.Arrays;
import java.util.Optional;

/**
 * Finds gaps in a series' timestamps far longer than its usual step. Windows across such a gap
 * join readings that are hours apart as if they were consecutive, so the user should know.
 *
 * <p>The step is the median difference between consecutive timestamps; a gap is a difference
 * above {@code factor} times the step.
 *
 * <pre>{@code
 * TimeGaps.of(series, 10).warning().ifPresent(ctx::warn);
 * // "3 gaps longer than 10x the 5-minute step in machine_temperature.csv; longest 45 h after 2014-02-01 10:05"
 * }</pre>
 *
 * @param source the series' source, for the message
 * @param stepMillis the median step
 * @param factor how many steps make a gap
 * @param gaps how many gaps were found
 * @param longestMillis the longest gap, 0 when none
 * @param longestAfterMillis the timestamp the longest gap starts after
 */
public record TimeGaps(
        String source, long stepMillis, double factor, int gaps, long longestMillis, long longestAfterMillis) {

    /**
     * Scans a series.
     *
     * @param s the series, at least two rows
     * @param factor how many steps make a gap, above 1
     * @return the findings
     */
    public static TimeGaps of(SensorSeries s, double factor) {
        long[] t = s.epochMillisView();
        if (t.length < 3) {
            return new TimeGaps(s.source(), t.length == 2 ? t[1] - t[0] : 0, factor, 0, 0, 0);
        }
        long[] d = new long[t.length - 1];
        for (int i = 1; i < t.length; i++) {
            d[i - 1] = t[i] - t[i - 1];
        }
        long[] sorted = d.clone();
        Arrays.sort(sorted);
        long step = sorted[sorted.length / 2];
        int gaps = 0;
        long longest = 0;
        long after = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] > factor * step) {
                gaps++;
                if (d[i] > longest) {
                    longest = d[i];
                    after = t[i];
                }
            }
        }
        return new TimeGaps(s.source(), step, factor, gaps, longest, after);
    }

    /**
     * Returns the warning to show, when there is at least one gap.
     *
     * @return for example {@code "3 gaps longer than 10x the 5-minute step in a.csv; longest 45 h after
     *     2014-02-01 10:05"}
     */
    public Optional<String> warning() {
        if (gaps == 0) {
            return Optional.empty();
        }
        String f = factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
        return Optional.of(gaps + (gaps == 1 ? " gap" : " gaps") + " longer than " + f + "x the "
                + TimeText.step(stepMillis) + " step in " + source + "; longest " + TimeText.duration(longestMillis)
                + " after " + TimeText.formatShort(longestAfterMillis));
    }
}
