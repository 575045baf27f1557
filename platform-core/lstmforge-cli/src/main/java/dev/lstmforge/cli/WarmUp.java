package dev.lstmforge.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warm-up before a latency measurement that lasts until the JIT compiler has gone quiet, not a
 * fixed number of calls.
 *
 * <p>A fixed, short warm-up measures the compiler as much as the code: with 2,000 warm-up
 * requests the stock model's serving path still spent about 1 s compiling during the next 5,000
 * measured requests, and their p99 was 1.57-1.73× the p50; after 20,000 warm-up requests the
 * compiler spent 60 ms and the p99 was 1.40-1.44× (2 cores, PyTorch, one intra-op thread). A
 * server meets the first kind of tail only in its first seconds.
 *
 * <pre>{@code
 * WarmUp.Result w = WarmUp.untilJitQuiet(() -> model.predict(body, props), 100, 60);
 * }</pre>
 */
final class WarmUp {

    /** Calls per round; the compiler's time is read after each. */
    static final int ROUND = 500;

    /** Compilation milliseconds in a round below which the compiler counts as quiet. */
    static final long QUIET_MILLIS = 2;

    /**
     * What the warm-up did.
     *
     * @param calls calls made
     * @param quiet whether the last round compiled for less than {@link #QUIET_MILLIS} ms
     *     (false: stopped at the time limit, or the JVM does not report compilation time)
     */
    record Result(long calls, boolean quiet) {}

    private WarmUp() {}

    /**
     * Calls {@code call} at least {@code minCalls} times, then in rounds until a round passes
     * with (almost) no JIT compilation or {@code maxSeconds} have passed.
     *
     * @param call one request
     * @param minCalls calls made before the compiler is looked at
     * @param maxSeconds the longest the warm-up may take
     * @return calls made and whether the compiler went quiet
     */
    static Result untilJitQuiet(Runnable call, int minCalls, double maxSeconds) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        long calls = 0;
        for (; calls < minCalls; calls++) {
            call.run();
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return new Result(calls, false);
        }
        while (System.nanoTime() < deadline) {
            long before = jit.getTotalCompilationTime();
            for (int i = 0; i < ROUND; i++) {
                call.run();
            }
            calls += ROUND;
            if (jit.getTotalCompilationTime() - before < QUIET_MILLIS) {
                return new Result(calls, true);
            }
        }
        return new Result(calls, false);
    }

    /**
     * Milliseconds the JIT compiler has spent in this JVM so far.
     *
     * @return the total, or 0 where the JVM does not report it
     */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit == null || !jit.isCompilationTimeMonitoringSupported() ? 0 : jit.getTotalCompilationTime();
    }
}
