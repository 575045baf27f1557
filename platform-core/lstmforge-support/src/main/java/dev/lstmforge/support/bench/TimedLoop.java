package dev.lstmforge.support.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Runs an operation over and over for a while, after a warm-up, and reports how many times it ran
 * per second of wall time and per second of this thread's CPU time (which other load on the
 * machine does not inflate). For the figures a plugin gives the benchmark suite; the JMH
 * benchmarks remain the place for careful measurement.
 *
 * <pre>{@code
 * TimedLoop.Result r = TimedLoop.run(() -> mfcc.compute(clip, clip.length, out), 0.5, 2.0);
 * double realTime = r.perCpuSecond() * clipSeconds;
 * }</pre>
 */
public final class TimedLoop {

    private TimedLoop() {}

    /**
     * What a loop measured.
     *
     * @param operations how many times the operation ran after the warm-up
     * @param wallSeconds the wall time they took
     * @param cpuSeconds this thread's CPU time they took, or NaN where the JVM cannot tell
     */
    public record Result(long operations, double wallSeconds, double cpuSeconds) {
        /**
         * Returns operations per second of wall time.
         *
         * @return the rate
         */
        public double perSecond() {
            return operations / wallSeconds;
        }

        /**
         * Returns operations per second of this thread's CPU time.
         *
         * @return the rate, or NaN
         */
        public double perCpuSecond() {
            return operations / cpuSeconds;
        }
    }

    /**
     * Runs the loop.
     *
     * @param op the operation
     * @param warmupSeconds how long to run it unmeasured first
     * @param seconds how long to measure; at least one operation runs
     * @return the counts and times
     */
    public static Result run(Runnable op, double warmupSeconds, double seconds) {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpu ? mx.getCurrentThreadCpuTime() : 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long n = 0;
        do {
            op.run();
            n++;
        } while (System.nanoTime() < end);
        long wall = System.nanoTime() - t0;
        double cpuSeconds = cpu ? (mx.getCurrentThreadCpuTime() - cpu0) / 1e9 : Double.NaN;
        return new Result(n, wall / 1e9, cpuSeconds);
    }
}
