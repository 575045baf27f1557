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
 * <p>The warm-up and the measurement run the same loop, {@link #timed}, on the same call. When
 * the measurement had a loop of its own, the compiler went quiet during the warm-up and then
 * compiled the new loop with the whole request path inlined into it while it was being measured
 * (401 ms of compilation in 5,000 measured requests, p99 2.2× the p50).
 *
 * <pre>{@code
 * Runnable call = () -> model.predict(body, props);
 * WarmUp.Result w = WarmUp.untilJitQuiet(call, 100, 60);
 * long[] nanos = WarmUp.timed(call, 5000);
 * }</pre>
 */
final class WarmUp {

    /** Calls per round; the compiler's time is read after each. */
    static final int ROUND = 500;

    /** Compilation milliseconds in a round below which the compiler counts as quiet. */
    static final long QUIET_MILLIS = 2;

    /** Quiet rounds in a row that end the warm-up. */
    static final int QUIET_ROUNDS = 2;

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
     * Calls {@code call} in rounds: at least {@code minCalls} times and past HotSpot's
     * {@code Tier4InvocationThreshold}, so that a method the call runs once can have reached the
     * optimising compiler, then until {@link #QUIET_ROUNDS} rounds in a row pass with (almost) no
     * JIT compilation or {@code maxSeconds} have passed. Stopping at the first quiet round, at
     * 4,100 calls, left 498 ms of compilation for the 5,000 measured requests that followed.
     *
     * @param call one request
     * @param minCalls calls made at least
     * @param maxSeconds the longest the warm-up may take
     * @return calls made and whether the compiler went quiet
     */
    static Result untilJitQuiet(Runnable call, int minCalls, double maxSeconds) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        // a method called once a request reaches the optimising compiler only after this many
        // calls; a quiet round before then is a pause, not the end, of compiling
        long floor = Math.max(minCalls, c2InvocationThreshold() + ROUND);
        long calls = 0;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            while (calls < minCalls) {
                int n = (int) Math.min(ROUND, minCalls - calls);
                timed(call, n);
                calls += n;
            }
            return new Result(calls, false);
        }
        int quietRounds = 0;
        while (System.nanoTime() < deadline || calls < minCalls) {
            long before = jit.getTotalCompilationTime();
            timed(call, ROUND);
            calls += ROUND;
            quietRounds = jit.getTotalCompilationTime() - before < QUIET_MILLIS ? quietRounds + 1 : 0;
            if (calls >= floor && quietRounds >= QUIET_ROUNDS) {
                return new Result(calls, true);
            }
        }
        return new Result(calls, false);
    }

    /** HotSpot's {@code Tier4InvocationThreshold} (5,000 by default), or 5,000 on other JVMs. */
    static long c2InvocationThreshold() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Long.parseLong(bean.getVMOption("Tier4InvocationThreshold").getValue());
        } catch (RuntimeException e) {
            return 5_000;
        }
    }

    /**
     * Calls {@code call} {@code n} times and times each call.
     *
     * @param call one request
     * @param n calls
     * @return each call's nanoseconds, in call order
     */
    static long[] timed(Runnable call, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
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
