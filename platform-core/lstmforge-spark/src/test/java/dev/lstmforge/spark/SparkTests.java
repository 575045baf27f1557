package dev.lstmforge.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** The shared local Spark session and generated price data of the tests. */
final class SparkTests {

    private SparkTests() {}

    /**
     * One local[2] session for all test classes; Spark allows one context per JVM. It uses Kryo,
     * the serializer most clusters set and the stricter one: a class it cannot build fails here.
     */
    static synchronized SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("lstmforge-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    static ForgeSettings settings() {
        return ForgeSettings.of(Path.of(System.getProperty("lstmforge.test.pluginsDir")))
                .withEnginesDir(Path.of(System.getProperty("lstmforge.test.enginesDir")));
    }

    /** A random walk of weekday closes, {@code Date,Close} rows for one ticker. */
    static List<Row> priceRows(String ticker, int rows, long seed) {
        Random rnd = new Random(seed);
        List<Row> out = new ArrayList<>(rows);
        double close = 50 + rnd.nextInt(100);
        LocalDate day = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < rows; i++) {
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            close *= Math.exp(0.0005 + 0.015 * rnd.nextGaussian());
            out.add(RowFactory.create(ticker, day.toString(), String.format(Locale.ROOT, "%.4f", close)));
            day = day.plusDays(1);
        }
        return out;
    }

    /** The same walk as a Yahoo-style CSV file, to train on. */
    static Path prices(Path file, String ticker, int rows, long seed) throws IOException {
        StringBuilder sb = new StringBuilder("Date,Close\n");
        for (Row r : priceRows(ticker, rows, seed)) {
            sb.append(r.getString(1)).append(',').append(r.getString(2)).append('\n');
        }
        return Files.writeString(file, sb);
    }
}
