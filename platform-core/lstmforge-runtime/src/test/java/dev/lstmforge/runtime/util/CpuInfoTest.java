package dev.lstmforge.runtime.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

    @Test
    void theFirstProcessorsFieldsAndTheHighestClock() {
        CpuInfo cpu = CpuInfo.parse(List.of(
                "processor\t: 0",
                "vendor_id\t: AuthenticAMD",
                "cpu family\t: 26",
                "model name\t: AMD EPYC 9R45",
                "cpu MHz\t\t: 2596.094",
                "flags\t\t: fpu sse avx2 fma avx512f avx512_bf16",
                "",
                "processor\t: 1",
                "vendor_id\t: OtherVendor",
                "model name\t: Something else",
                "cpu MHz\t\t: 3100.5",
                "flags\t\t: fpu"));

        assertThat(cpu.model()).isEqualTo("AMD EPYC 9R45");
        assertThat(cpu.vendor()).isEqualTo("AuthenticAMD");
        assertThat(cpu.family()).isEqualTo("26");
        assertThat(cpu.flags()).containsExactlyInAnyOrder("fpu", "sse", "avx2", "fma", "avx512f", "avx512_bf16");
        assertThat(cpu.ghz()).isEqualTo(3.1005);
    }

    @Test
    void aFileWithoutTheFieldsSaysUnknown() {
        CpuInfo cpu = CpuInfo.parse(List.of("processor\t: 0", "cpu MHz\t\t: n/a", "no colon here"));

        assertThat(cpu.model()).isEqualTo("unknown");
        assertThat(cpu.vendor()).isEqualTo("unknown");
        assertThat(cpu.family()).isEqualTo("unknown");
        assertThat(cpu.flags()).isEmpty();
        assertThat(cpu.ghz()).isZero();
    }
}
