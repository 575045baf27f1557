package dev.lstmforge.plugins.sensor.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A deterministic generator of labelled multivariate sensor data, for tests and smoke runs that
 * must not depend on downloaded files.
 *
 * <p>Normal behaviour: rows are one minute apart from 2024-01-01 00:00 UTC. Each channel is
 * {@code level + amp * sin(2 pi t / period + phase) + amp * load * f(t) + amp * trend * t / rows
 * + noise}, where the period is about a day (1440 rows, +-5 % per channel), the phases of all
 * channels lie within +-0.4 rad of each other, {@code f} is one slowly varying AR(1) factor shared
 * by all channels (so the channels are correlated) and the noise is white with a tenth of the
 * amplitude.
 *
 * <p>Anomalies: segments of four kinds are injected in rotation (spike, level shift, drift, stuck
 * sensor) on a randomly chosen channel each, never in the first 20 % of the rows (so that part can
 * train a normal-behaviour model) and at least a few rows apart. Every row of a segment is
 * labelled. With {@code base = max(3, min(60, target / 4))}, segments other than spikes are
 * {@code base / 2} to {@code 3 base / 2} rows long (spikes: 1 to 3 rows), at least
 * {@code max(3, base / 2)} rows apart, and the last one is cut so that the labelled rows add up
 * to {@code round(anomalyFraction * rows)}, unless the series is too crowded to place them all (then
 * fewer, see {@link Result#injected()}).
 * <ul>
 *   <li>{@link Kind#SPIKE}: the channel jumps by +-6 standard deviations of that channel.</li>
 *   <li>{@link Kind#LEVEL_SHIFT}: the channel is offset by +-3 standard deviations.</li>
 *   <li>{@link Kind#DRIFT}: an offset growing linearly from 0 to +-4 standard deviations.</li>
 *   <li>{@link Kind#STUCK}: the channel repeats the last value before the segment.</li>
 * </ul>
 * The same seed and arguments give the same data on every JVM ({@link java.util.Random}).
 */
public final class SyntheticSensors {

    /** The first timestamp, 2024-01-01 00:00 UTC, in epoch milliseconds. */
    public static final long START_MILLIS = 1_704_067_200_000L;

    /** The longest typical anomaly segment ({@code base} length cap), in rows. */
    static final int MAX_BASE_LENGTH = 60;

    /** Rows per simulated day (one row per minute). */
    public static final int ROWS_PER_DAY = 1440;

    /** The kinds of injected anomaly. */
    public enum Kind {
        /** A short jump of a few rows. */
        SPIKE,
        /** A constant offset over the segment. */
        LEVEL_SHIFT,
        /** An offset that grows linearly over the segment. */
        DRIFT,
        /** The sensor repeats one value (its last reading before the segment). */
        STUCK
    }

    /**
     * One injected anomaly.
     *
     * @param kind what was injected
     * @param channel the affected column index
     * @param from first affected row, inclusive
     * @param to last affected row, exclusive
     */
    public record Injected(Kind kind, int channel, int from, int to) {

        /**
         * The number of affected (and labelled) rows.
         *
         * @return {@code to - from}
         */
        public int length() {
            return to - from;
        }
    }

    /**
     * The generated data and what was injected into it.
     *
     * @param series the labelled series (source "synthetic (seed N)")
     * @param injected the anomalies in row order
     */
    public record Result(SensorSeries series, List<Injected> injected) {}

    private SyntheticSensors() {}

    /**
     * Generates a labelled series.
     *
     * @param seed the random seed; equal seeds give equal data
     * @param rows number of rows, at least 2
     * @param channels number of sensor columns, at least 1
     * @param anomalyFraction wanted share of labelled rows, in [0, 0.25] (e.g. 0.01)
     * @return the series and the list of injected anomalies
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Result generate(long seed, int rows, int channels, double anomalyFraction) {
        if (rows < 2) {
            throw new IllegalArgumentException("rows must be at least 2, got " + rows);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        if (!(anomalyFraction >= 0 && anomalyFraction <= 0.25)) {
            throw new IllegalArgumentException("anomalyFraction must be in [0, 0.25], got " + anomalyFraction);
        }
        Random rnd = new Random(seed);
        double[][] v = new double[rows][channels];

        // shared slow factor f(t): AR(1), scaled to unit variance
        double phi = 0.995;
        double innov = Math.sqrt(1 - phi * phi);
        double[] f = new double[rows];
        f[0] = rnd.nextGaussian();
        for (int t = 1; t < rows; t++) {
            f[t] = phi * f[t - 1] + innov * rnd.nextGaussian();
        }
        double commonPhase = rnd.nextDouble() * 2 * Math.PI;
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double level = 20 + 60 * rnd.nextDouble();
            double amp = 1 + 4 * rnd.nextDouble();
            double period = ROWS_PER_DAY * (0.95 + 0.1 * rnd.nextDouble());
            double phase = commonPhase + 0.8 * (rnd.nextDouble() - 0.5);
            double load = 0.3 + 0.5 * rnd.nextDouble();
            double trend = rnd.nextDouble() - 0.5;
            double noise = 0.1 * amp;
            double w = 2 * Math.PI / period;
            double sum = 0;
            double sumSq = 0;
            for (int t = 0; t < rows; t++) {
                double x = level
                        + amp * (Math.sin(w * t + phase) + load * f[t] + trend * t / rows)
                        + noise * rnd.nextGaussian();
                v[t][c] = x;
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / rows;
            std[c] = Math.sqrt(Math.max(sumSq / rows - mean * mean, 0)) + noise;
        }

        boolean[] labels = new boolean[rows];
        List<Injected> injected = new ArrayList<>();
        int target = (int) Math.round(anomalyFraction * rows);
        if (target > 0) {
            inject(rnd, v, std, labels, injected, target);
        }
        long[] times = new long[rows];
        for (int t = 0; t < rows; t++) {
            times[t] = START_MILLIS + 60_000L * t;
        }
        List<String> cols = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            cols.add("sensor" + c);
        }
        injected.sort((a, b) -> Integer.compare(a.from(), b.from()));
        SensorSeries s = new SensorSeries(
                "synthetic (seed " + seed + ")", List.copyOf(cols), times, v, labels, null, List.of(), false);
        return new Result(s, Collections.unmodifiableList(injected));
    }

    private static void inject(
            Random rnd, double[][] v, double[] std, boolean[] labels, List<Injected> out, int target) {
        int rows = v.length;
        int channels = v[0].length;
        int lo = Math.max(1, rows / 5);
        int base = Math.max(3, Math.min(MAX_BASE_LENGTH, target / 4));
        int gap = Math.max(3, base / 2);
        boolean[] taken = new boolean[rows]; // rows inside a segment or its gap
        int remaining = target;
        Kind[] kinds = Kind.values();
        int next = 0;
        while (remaining > 0) {
            Kind kind = kinds[next++ % kinds.length];
            int len = kind == Kind.SPIKE ? 1 + rnd.nextInt(3) : base / 2 + rnd.nextInt(Math.max(1, base + 1));
            len = Math.max(1, Math.min(len, remaining));
            int from = place(rnd, taken, lo, rows, len, gap);
            if (from < 0) {
                return; // too crowded: stop below the target
            }
            int to = from + len;
            int ch = rnd.nextInt(channels);
            double sign = rnd.nextBoolean() ? 1 : -1;
            switch (kind) {
                case SPIKE:
                    for (int t = from; t < to; t++) {
                        v[t][ch] += sign * 6 * std[ch];
                    }
                    break;
                case LEVEL_SHIFT:
                    for (int t = from; t < to; t++) {
                        v[t][ch] += sign * 3 * std[ch];
                    }
                    break;
                case DRIFT:
                    for (int t = from; t < to; t++) {
                        v[t][ch] += sign * 4 * std[ch] * (t - from + 1) / len;
                    }
                    break;
                case STUCK:
                default:
                    double held = v[from - 1][ch];
                    for (int t = from; t < to; t++) {
                        v[t][ch] = held;
                    }
                    break;
            }
            for (int t = from; t < to; t++) {
                labels[t] = true;
            }
            int g0 = Math.max(0, from - gap);
            int g1 = Math.min(rows, to + gap);
            for (int t = g0; t < g1; t++) {
                taken[t] = true;
            }
            out.add(new Injected(kind, ch, from, to));
            remaining -= len;
        }
    }

    /** A start row in [lo, rows - len] whose segment does not touch a taken row, or -1. */
    private static int place(Random rnd, boolean[] taken, int lo, int rows, int len, int gap) {
        int hi = rows - len; // inclusive
        if (hi < lo) {
            return -1;
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int from = lo + rnd.nextInt(hi - lo + 1);
            if (free(taken, from, len)) {
                return from;
            }
        }
        int start = lo + rnd.nextInt(hi - lo + 1);
        for (int k = 0; k <= hi - lo; k++) {
            int from = lo + (start - lo + k) % (hi - lo + 1);
            if (free(taken, from, len)) {
                return from;
            }
        }
        return -1;
    }

    private static boolean free(boolean[] taken, int from, int len) {
        for (int t = from; t < from + len; t++) {
            if (taken[t]) {
                return false;
            }
        }
        return true;
    }
}
