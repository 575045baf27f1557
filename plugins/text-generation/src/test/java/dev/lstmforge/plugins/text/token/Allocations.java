package dev.lstmforge.plugins.text.token;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Measures heap allocation by the current thread, for allocation-aware hot paths. */
public final class Allocations {

    private Allocations() {}

    /**
     * Runs {@code task} a few times to warm it up, then once more, and returns the bytes the
     * current thread allocated during that last run. Skips the test when the JVM cannot tell.
     *
     * @param task the code to measure
     * @return bytes allocated by one run
     */
    @SuppressWarnings("deprecation") // Thread.getId() is the Java 17 way; threadId() needs 19.
    public static long allocatedBytes(Runnable task) {
        java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
        assumeTrue(plain instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) plain;
        assumeTrue(
                bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 5; i++) {
            task.run();
        }
        long before = bean.getThreadAllocatedBytes(thread);
        task.run();
        return bean.getThreadAllocatedBytes(thread) - before;
    }
}
