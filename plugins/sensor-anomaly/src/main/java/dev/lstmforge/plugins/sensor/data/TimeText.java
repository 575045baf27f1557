package dev.lstmforge.plugins.sensor.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parsing and formatting of the sensor files' timestamps, all read as UTC wall-clock times.
 * Package-private helper for the reader and the label loader.
 */
final class TimeText {

    /** Returned by {@link #parseMillis(String)} for text that is not a timestamp. */
    static final long INVALID = Long.MIN_VALUE;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private TimeText() {}

    /**
     * Parses {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM} or {@code YYYY-MM-DD HH:MM:SS}, with
     * optional fractional seconds (any number of digits, '.' or ','), an optional 'T' instead of
     * the blank and an optional trailing 'Z'. Surrounding blanks and double quotes are ignored.
     *
     * @param text the cell text
     * @return epoch milliseconds (UTC; fractions below a millisecond are truncated), or
     *     {@link #INVALID}
     */
    static long parseMillis(String text) {
        int b = 0;
        int e = text.length();
        while (b < e && (text.charAt(b) <= ' ' || text.charAt(b) == '"')) {
            b++;
        }
        while (e > b && (text.charAt(e - 1) <= ' ' || text.charAt(e - 1) == '"')) {
            e--;
        }
        if (e > b && text.charAt(e - 1) == 'Z') {
            e--;
        }
        int len = e - b;
        if (len < 10 || text.charAt(b + 4) != '-' || text.charAt(b + 7) != '-') {
            return INVALID;
        }
        int year = digits(text, b, 4);
        int month = digits(text, b + 5, 2);
        int day = digits(text, b + 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return INVALID;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        if (len > 10) {
            char sep = text.charAt(b + 10);
            if ((sep != ' ' && sep != 'T') || len < 16 || text.charAt(b + 13) != ':') {
                return INVALID;
            }
            hour = digits(text, b + 11, 2);
            minute = digits(text, b + 14, 2);
            if (hour < 0 || minute < 0) {
                return INVALID;
            }
            int p = b + 16;
            if (p < e) {
                if (text.charAt(p) != ':' || p + 3 > e) {
                    return INVALID;
                }
                second = digits(text, p + 1, 2);
                if (second < 0) {
                    return INVALID;
                }
                p += 3;
                if (p < e) {
                    char dot = text.charAt(p);
                    if ((dot != '.' && dot != ',') || p + 1 >= e) {
                        return INVALID;
                    }
                    int scale = 100;
                    for (int i = p + 1; i < e; i++) {
                        char c = text.charAt(i);
                        if (c < '0' || c > '9') {
                            return INVALID;
                        }
                        millis += (c - '0') * scale;
                        scale /= 10;
                    }
                }
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return days * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
        } catch (DateTimeException ex) {
            return INVALID;
        }
    }

    /** Reads {@code n} decimal digits at {@code at}, or -1 when any is not a digit. */
    private static int digits(String s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Formats epoch milliseconds as {@code YYYY-MM-DD HH:MM:SS}, adding {@code .mmm} when the
     * milliseconds are not zero.
     */
    static String format(long millis) {
        LocalDateTime t = toLocal(millis);
        String s = String.format(
                "%04d-%02d-%02d %02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        int ms = t.getNano() / 1_000_000;
        return ms == 0 ? s : s + String.format(".%03d", ms);
    }

    /**
     * Formats epoch milliseconds as {@code YYYY-MM-DD HH:MM}, falling back to {@link #format} when
     * seconds or milliseconds are not zero.
     */
    static String formatShort(long millis) {
        if (Math.floorMod(millis, 60_000L) != 0) {
            return format(millis);
        }
        LocalDateTime t = toLocal(millis);
        return String.format(
                "%04d-%02d-%02d %02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
    }

    /**
     * Describes a sampling step as an adjective: {@code 5-minute}, {@code 1-second},
     * {@code 1-hour}, {@code 1-day}, else in milliseconds.
     */
    static String step(long millis) {
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"day", "hour", "minute", "second"};
        for (int u = 0; u < units.length; u++) {
            if (millis >= units[u] && millis % units[u] == 0) {
                return millis / units[u] + "-" + names[u];
            }
        }
        return millis + "-millisecond";
    }

    /**
     * Describes a duration briefly: {@code 12 s}, {@code 30 min}, {@code 45 h}, {@code 3.5 d},
     * with at most one decimal.
     */
    static String duration(long millis) {
        double s = millis / 1000.0;
        if (s < 60) {
            return one(s) + " s";
        }
        if (s < 3_600) {
            return one(s / 60) + " min";
        }
        if (s < 3 * 86_400) {
            return one(s / 3_600) + " h";
        }
        return one(s / 86_400) + " d";
    }

    private static String one(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(java.util.Locale.ROOT, "%.1f", r);
    }

    /** Converts epoch milliseconds to a UTC local date-time. */
    static LocalDateTime toLocal(long millis) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }
}
