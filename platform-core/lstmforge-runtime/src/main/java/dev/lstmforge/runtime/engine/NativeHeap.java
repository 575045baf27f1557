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
 * {@code malloc_trim(0)} once per epoch returns the free pages of the holes as well as the top
 * ({@code MADV_DONTNEED}); it takes 4-9 ms and the next epoch faults back only what it uses.
 * Measured: 280-291 MiB peak over five runs. The refaulting costs speed where an epoch is short
 * and its working set large: a window-240 epoch of 1,800 windows (about 1.2 s) trained at 1,490-
 * 1,805 samples/s instead of 1,774-2,174 (two runs each, epochs 2-4).
 *
 * <p>It does something only with glibc (Linux); elsewhere, or with {@code
 * -Dlstmforge.mallocTrim=false}, {@link #release()} does nothing.
 *
 * <pre>{@code
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     trainOneEpoch();
 *     NativeHeap.release();
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
        return TRIM != null && TRIM.invokeInt(new Object[] {0L}) == 1;
    }
}
