package dev.lstmforge.runtime.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@code /proc/cpuinfo} says about this machine's processor, read once: the model, vendor,
 * family, instruction-set flags and the highest clock any core reports now. Benchmarks print it
 * beside their figures, and the store-compatibility fixtures record it, since the instruction
 * sets an engine picks can change its floating-point answers.
 *
 * <p>Where the file is missing or unreadable (not Linux) every text field is {@code "unknown"},
 * the flags are empty and the clock is 0.
 *
 * <pre>{@code
 * CpuInfo cpu = CpuInfo.read();
 * String model = cpu.model();              // "AMD EPYC ..."
 * boolean avx512 = cpu.flags().contains("avx512f");
 * }</pre>
 *
 * @param model the first processor's {@code model name}
 * @param vendor its {@code vendor_id}
 * @param family its {@code cpu family}
 * @param flags its {@code flags}
 * @param ghz the highest {@code cpu MHz} of all processors, in GHz (0 where unknown)
 */
public record CpuInfo(String model, String vendor, String family, Set<String> flags, double ghz) {

    private static final String UNKNOWN = "unknown";

    /**
     * Reads {@code /proc/cpuinfo}.
     *
     * @return this machine's processor, or an all-unknown description where the file cannot be read
     */
    public static CpuInfo read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return new CpuInfo(UNKNOWN, UNKNOWN, UNKNOWN, Set.of(), 0);
        }
    }

    /**
     * Parses the lines of a {@code /proc/cpuinfo}; the first processor's fields win.
     *
     * @param lines the file's lines
     * @return the description
     */
    static CpuInfo parse(List<String> lines) {
        String model = null;
        String vendor = null;
        String family = null;
        Set<String> flags = null;
        double ghz = 0;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "model name" -> model = model == null ? value : model;
                case "vendor_id" -> vendor = vendor == null ? value : vendor;
                case "cpu family" -> family = family == null ? value : family;
                case "flags" -> flags = flags == null ? Set.copyOf(List.of(value.split("\\s+"))) : flags;
                case "cpu MHz" -> {
                    try {
                        ghz = Math.max(ghz, Double.parseDouble(value) / 1000);
                    } catch (NumberFormatException e) {
                        // a clock this kernel does not report as a number: keep the others
                    }
                }
                default -> {
                    // other fields are not needed
                }
            }
        }
        return new CpuInfo(
                model == null ? UNKNOWN : model,
                vendor == null ? UNKNOWN : vendor,
                family == null ? UNKNOWN : family,
                flags == null ? Set.of() : flags,
                ghz);
    }
}
