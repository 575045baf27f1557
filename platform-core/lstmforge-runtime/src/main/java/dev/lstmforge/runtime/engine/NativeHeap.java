package dev.lstmforge.runtime.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Gives the pages that the engines have freed back to the operating system, between epochs.
 *
 * <p>The launcher keeps glibc from handing large blocks back after each use (one malloc arena,
 * no trimming: see {@code bin/lstmforge}), because an engine's training step would otherwise
 * fault in its tens of MB of fresh pages every time. The price is fragmentation: the engines'
 * tensors come and go at ever higher addresses of the one heap, the pages of the holes they
 * leave stay resident, and a process that uses 65-100 MB of C heap holds several hundred. A
 * default stock training peaked at 331-503 MiB RSS over six runs, growing with every epoch
 * ({@code /usr/bin/time}, maximum resident set size).
 * {@code malloc_trim(0)} returns the free pages of the holes as well as the top ({@code
 * MADV_DONTNEED}); it takes 4-9 ms, and the next step faults back in what it uses. The training
 * runner calls it after an epoch, at most every two seconds ({@link #releaseNowAndThen()}).
 * Measured on the default stock training: peak 331-343 MiB over three runs (280-291 MiB over
 * five when it trimmed after every epoch, which cost short epochs about a tenth of their speed:
 * a window-240 epoch of 1,800 windows, about 1.2 s, trained at 1,490-1,805 samples/s instead of
 * 1,774-2,174).
 *
 * <p>It does something only with glibc (Linux); elsewhere, or with {@code
 * -Dlstmforge.mallocTrim=false}, {@link #release()} does nothing.
 *
 * <pre>{@code
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     trainOneEpoch();
 *     NativeHeap.releaseNowAndThen();
 * }
 * }</pre>
 */
public final class NativeHeap {

    /** The system property that turns trimming off when set to {@code false}. */
    public static final String PROPERTY = "lstmforge.mallocTrim";

    private static final Function TRIM = lookup();

    private NativeHeap() {}

    private static Function lookup() {
        if (!"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            try {
                return NativeLibrary.getInstance("c").getFunction("malloc_trim");
            } catch (UnsatisfiedLinkError e) {
                return null; // not glibc (musl has no malloc_trim)
            }
        }
        return null;
    }

    /**
     * Whether this process can trim its C heap.
     *
     * @return true on glibc with trimming not turned off
     */
    public static boolean available() {
        return TRIM != null;
    }

    /**
     * Returns the C heap's free pages to the operating system.
     *
     * @return true if glibc reported memory released
     */
    public static boolean release() {
        if (TRIM == null) {
            return false;
        }
        lastRelease = System.nanoTime();
        return TRIM.invokeInt(new Object[] {0L}) == 1;
    }

    /**
     * Like {@link #release()}, unless this process released less than two seconds ago: the pages
     * a trim gives back are faulted in again by the next step that needs them, which cost short
     * epochs about a tenth of their speed when it happened after every epoch. Fragmentation
     * grew by about 5 MB per second of stock training (100 MB in 20 s), so a trim every two
     * seconds keeps it to about 10 MB.
     *
     * @return true if this call trimmed and glibc reported memory released
     */
    public static boolean releaseNowAndThen() {
        long last = lastRelease;
        if (System.nanoTime() - last < MIN_INTERVAL_NANOS) {
            return false;
        }
        return release();
    }

    /** The least time between two trims of {@link #releaseNowAndThen()}. */
    static final long MIN_INTERVAL_NANOS = 2_000_000_000L;

    private static volatile long lastRelease = System.nanoTime();
}
