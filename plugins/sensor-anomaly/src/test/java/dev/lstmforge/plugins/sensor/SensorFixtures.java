package dev.lstmforge.plugins.sensor;

import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.plugins.sensor.data.SyntheticSensors;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** CSV text for requests and bad-input cases. */
final class SensorFixtures {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SensorFixtures() {}

    /**
     * The generated series (the seed the contract host uses) as CSV, with the same column names
     * the model was trained on.
     */
    static String csv(int rows, boolean semicolons) {
        return csv(rows, semicolons, 0);
    }

    /** The same, with {@code offset} added to every sensor value. */
    static String csv(int rows, boolean semicolons, double offset) {
        SensorSeries s = SyntheticSensors.generate(7, rows, 4, 0.01).series();
        String sep = semicolons ? ";" : ",";
        StringBuilder sb = new StringBuilder("timestamp");
        for (String c : s.columns()) {
            sb.append(sep).append(c);
        }
        sb.append('\n');
        for (int r = 0; r < s.rows(); r++) {
            sb.append(s.timestamp(r).format(TIME));
            for (int c = 0; c < s.columns().size(); c++) {
                sb.append(sep).append(String.format(Locale.ROOT, "%.5f", s.value(r, c) + offset));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
