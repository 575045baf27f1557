package dev.lstmforge.plugins.stock.feature;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.plugins.stock.data.PriceCsvReader;
import dev.lstmforge.plugins.stock.data.PriceSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** Shared fixtures for the feature tests. */
final class TestSeries {

    private TestSeries() {}

    /** {@code n} consecutive weekdays starting Monday 2020-01-06. */
    static List<LocalDate> weekdays(int n) {
        List<LocalDate> dates = new ArrayList<>(n);
        LocalDate d = LocalDate.of(2020, 1, 6);
        while (dates.size() < n) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(d);
            }
            d = d.plusDays(1);
        }
        return dates;
    }

    /** A series with the given close function and a volume of {@code 1000 + 10 * i}. */
    static PriceSeries series(int n, IntToDoubleFunction close) {
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = close.applyAsDouble(i);
            v[i] = 1000 + 10 * i;
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("Close", c);
        cols.put("Volume", v);
        return PriceSeries.of("synthetic.csv", weekdays(n), cols);
    }

    /** A wavy, trending, positive series. */
    static PriceSeries wavy(int n) {
        return series(n, i -> 50 + 0.1 * i + 5 * Math.sin(i / 4.0) + 2 * Math.cos(i / 1.7));
    }

    /** The real AAPL data under {@code -Dlstmforge.dataRoot}, or a skipped test. */
    static PriceSeries aapl() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        Path file = Path.of(root, "stock", "AAPL.csv");
        assumeTrue(Files.isRegularFile(file), "missing " + file);
        return PriceCsvReader.read(file);
    }
}
