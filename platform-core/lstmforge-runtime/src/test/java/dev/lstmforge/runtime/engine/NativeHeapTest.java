package dev.lstmforge.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    /** Resident pages of this process, from /proc/self/statm, in bytes. */
    private static long residentBytes() throws IOException {
        String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        return Long.parseLong(f[1]) * 4096;
    }

    @Test
    void releasesTheFreedPagesOfHolesInTheHeap() throws IOException {
        assumeTrue(NativeHeap.available(), "needs glibc");
        // 96 MB in 1 KB blocks, every 64th kept: the freed ones leave 63 KB holes between live
        // blocks, which glibc keeps resident however its thresholds are set.
        int n = 96 * 1024;
        long[] blocks = new long[n];
        for (int i = 0; i < n; i++) {
            blocks[i] = Native.malloc(1024);
            for (int b = 0; b < 1024; b += 256) {
                new Pointer(blocks[i]).setByte(b, (byte) 1);
            }
        }
        for (int i = 0; i < n; i++) {
            if (i % 64 != 0) {
                Native.free(blocks[i]);
            }
        }
        long before = residentBytes();
        NativeHeap.release();
        long after = residentBytes();
        for (int i = 0; i < n; i += 64) {
            Native.free(blocks[i]);
        }
        assertThat(before - after)
                .as("resident bytes released (before %d, after %d)", before, after)
                .isGreaterThan(48L << 20);
    }
}
