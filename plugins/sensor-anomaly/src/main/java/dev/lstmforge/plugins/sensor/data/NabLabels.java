package dev.lstmforge.plugins.sensor.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.lstmforge.spi.ModelFiles;
import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The anomaly windows of the Numenta Anomaly Benchmark, read from {@code combined_windows.json}:
 * a JSON object mapping {@code "<category>/<file>.csv"} to a list of {@code [start, end]}
 * timestamp pairs such as {@code ["2013-12-10 06:25:00.000000", "2013-12-12 05:35:00.000000"]}.
 * Timestamps are taken as UTC, like those of {@link SensorCsvReader}.
 */
public final class NabLabels {

    /**
     * One labelled anomaly window, both ends inclusive, in UTC epoch milliseconds.
     *
     * @param startMillis first instant of the window
     * @param endMillis last instant of the window, not before {@code startMillis}
     */
    public record Window(long startMillis, long endMillis) {

        /**
         * Checks that the window is not reversed.
         *
         * @param startMillis first instant of the window
         * @param endMillis last instant of the window
         * @throws DataException if {@code endMillis < startMillis}
         */
        public Window {
            if (endMillis < startMillis) {
                throw new DataException("label window ends (" + TimeText.format(endMillis) + ") before it starts ("
                        + TimeText.format(startMillis) + ")");
            }
        }

        /**
         * Whether an instant lies inside the window (ends included).
         *
         * @param millis UTC epoch milliseconds
         * @return true when {@code startMillis <= millis <= endMillis}
         */
        public boolean contains(long millis) {
            return millis >= startMillis && millis <= endMillis;
        }

        /**
         * The window as {@code "YYYY-MM-DD HH:MM:SS .. YYYY-MM-DD HH:MM:SS"}.
         *
         * @return the readable window
         */
        @Override
        public String toString() {
            return TimeText.format(startMillis) + " .. " + TimeText.format(endMillis);
        }
    }

    private final String source;
    private final Map<String, List<Window>> windows;

    private NabLabels(String source, Map<String, List<Window>> windows) {
        this.source = source;
        this.windows = windows;
    }

    /**
     * Reads {@code combined_windows.json}.
     *
     * @param combinedWindowsJson the JSON file
     * @return the windows of every key in the file
     * @throws DataException if the file is missing, is not JSON or does not have the
     *     expected shape (naming the key, the window index and the value)
     */
    public static NabLabels read(Path combinedWindowsJson) {
        String src = combinedWindowsJson.toString();
        JsonObject root = readObject(combinedWindowsJson);
        Map<String, List<Window>> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            String key = e.getKey();
            if (!e.getValue().isJsonArray()) {
                throw new DataException(src + ", key '" + key + "': expected a list of "
                        + "[start, end] pairs but found " + abbreviate(e.getValue()));
            }
            JsonArray list = e.getValue().getAsJsonArray();
            List<Window> ws = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonElement pair = list.get(i);
                if (!pair.isJsonArray() || pair.getAsJsonArray().size() != 2) {
                    throw new DataException(src + ", key '" + key + "', window " + i
                            + ": expected [start, end] but found " + abbreviate(pair));
                }
                long start = time(src, key, i, pair.getAsJsonArray().get(0));
                long end = time(src, key, i, pair.getAsJsonArray().get(1));
                if (end < start) {
                    throw new DataException(src + ", key '" + key + "', window " + i
                            + ": end " + TimeText.format(end) + " is before start "
                            + TimeText.format(start));
                }
                ws.add(new Window(start, end));
            }
            map.put(key, List.copyOf(ws));
        }
        return new NabLabels(src, Collections.unmodifiableMap(map));
    }

    /**
     * Reads {@code combined_labels.json}: the same keys mapped to the anomaly timestamps
     * themselves (one instant per anomaly, each lying inside one of the key's windows).
     *
     * @param combinedLabelsJson the JSON file
     * @return key to ascending anomaly instants (UTC epoch milliseconds), in file key order
     * @throws DataException if the file is missing, is not JSON or has another shape
     */
    public static Map<String, long[]> readAnomalyTimes(Path combinedLabelsJson) {
        String src = combinedLabelsJson.toString();
        JsonObject root = readObject(combinedLabelsJson);
        Map<String, long[]> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (!e.getValue().isJsonArray()) {
                throw new DataException(src + ", key '" + e.getKey() + "': expected a list of "
                        + "timestamps but found " + abbreviate(e.getValue()));
            }
            JsonArray list = e.getValue().getAsJsonArray();
            long[] t = new long[list.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = time(src, e.getKey(), i, list.get(i));
            }
            java.util.Arrays.sort(t);
            map.put(e.getKey(), t);
        }
        return Collections.unmodifiableMap(map);
    }

    private static JsonObject readObject(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(r);
            if (!root.isJsonObject()) {
                throw new DataException(file + ": expected a JSON object mapping "
                        + "\"<category>/<file>.csv\" to labels, but found " + abbreviate(root));
            }
            return root.getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new DataException("NAB label file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new DataException("cannot read NAB label file " + file + ": " + e, e);
        } catch (JsonParseException e) {
            throw new DataException(file + " is not valid JSON: " + ModelFiles.jsonProblem(e), e);
        }
    }

    private static long time(String src, String key, int index, JsonElement el) {
        String text = el.isJsonPrimitive() ? el.getAsString() : el.toString();
        long t = el.isJsonPrimitive() ? TimeText.parseMillis(text) : TimeText.INVALID;
        if (t == TimeText.INVALID) {
            throw new DataException(src + ", key '" + key + "', entry " + index + ": cannot parse timestamp '" + text
                    + "' (expected YYYY-MM-DD HH:MM:SS[.ffffff])");
        }
        return t;
    }

    private static String abbreviate(JsonElement el) {
        String s = String.valueOf(el);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /**
     * The file the windows were read from.
     *
     * @return the path as given to {@link #read}
     */
    public String source() {
        return source;
    }

    /**
     * All keys in file order.
     *
     * @return an unmodifiable set of keys such as {@code "realKnownCause/nyc_taxi.csv"}
     */
    public Set<String> keys() {
        return windows.keySet();
    }

    /**
     * The windows of one series, in file order (NAB lists them by start time).
     *
     * @param key the full key ({@code "realKnownCause/nyc_taxi.csv"}) or a unique key suffix
     *     after a '/', such as the bare file name {@code "nyc_taxi.csv"}
     * @return the windows, possibly empty (NAB lists series without anomalies)
     * @throws DataException if no key matches, or a suffix matches several keys
     */
    public List<Window> windows(String key) {
        return windows.get(resolve(key));
    }

    /**
     * The full key that {@link #windows(String)} would use for {@code key}.
     *
     * @param key a full key or a unique suffix after '/'
     * @return the full key
     * @throws DataException if no key matches, or a suffix matches several keys
     */
    public String resolve(String key) {
        if (windows.containsKey(key)) {
            return key;
        }
        String suffix = key.startsWith("/") ? key : "/" + key;
        List<String> hits = new ArrayList<>();
        for (String k : windows.keySet()) {
            if (k.endsWith(suffix)) {
                hits.add(k);
            }
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        if (hits.size() > 1) {
            throw new DataException("label key '" + key + "' is ambiguous in " + source + ": it matches "
                    + String.join(", ", hits) + "; give the full key");
        }
        List<String> known = new ArrayList<>(windows.keySet());
        String name = key.substring(key.lastIndexOf('/') + 1);
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        String prefix = stem.length() > 3 ? stem.substring(0, 3) : stem;
        List<String> similar = new ArrayList<>();
        for (String k : known) {
            if (k.substring(k.lastIndexOf('/') + 1).startsWith(prefix)) {
                similar.add(k);
            }
        }
        List<String> shown = similar.isEmpty() ? known : similar;
        int cut = Math.min(5, shown.size());
        throw new DataException("no label windows for '" + key + "' in " + source
                + "; known keys include: " + String.join(", ", shown.subList(0, cut))
                + (shown.size() > cut ? ", ..." : "") + " (" + known.size() + " keys in all)");
    }

    /**
     * Point labels for a series from one key's windows: a row is true when its timestamp lies
     * inside any window (ends included). The message of a misplaced window names the key.
     *
     * @param s the series (label the full file, then slice, if you need a part)
     * @param key a full key or unique suffix, as for {@link #windows(String)}
     * @return one label per row of {@code s}
     * @throws DataException if the key is unknown or a window lies outside the series
     */
    public boolean[] pointLabels(SensorSeries s, String key) {
        String full = resolve(key);
        return label(s, windows.get(full), full);
    }

    /**
     * Point labels for a series: a row is true when its timestamp lies inside any of the windows
     * (ends included). Runs in O(rows + windows * log rows).
     *
     * @param s the series (label the full file, then slice, if you need a part)
     * @param w the windows, in any order; they may overlap
     * @return one label per row of {@code s}
     * @throws DataException if a window lies entirely before the first or after the last
     *     timestamp of the series, which means the labels belong to another file
     */
    public static boolean[] pointLabels(SensorSeries s, List<Window> w) {
        return label(s, w, null);
    }

    private static boolean[] label(SensorSeries s, List<Window> w, String key) {
        long[] t = s.epochMillisView();
        int n = t.length;
        boolean[] out = new boolean[n];
        for (Window win : w) {
            if (win.endMillis() < t[0] || win.startMillis() > t[n - 1]) {
                throw new DataException("label window " + TimeText.formatShort(win.startMillis())
                        + " .. " + TimeText.formatShort(win.endMillis())
                        + (key == null ? "" : " for " + key) + " lies outside " + s.source() + " ("
                        + TimeText.formatShort(t[0]) + " .. " + TimeText.formatShort(t[n - 1]) + ")");
            }
            int i = lowerBound(t, win.startMillis());
            while (i < n && t[i] <= win.endMillis()) {
                out[i++] = true;
            }
        }
        return out;
    }

    /** The first index whose value is at least {@code v} (n when none). */
    static int lowerBound(long[] t, long v) {
        // Timestamps are strictly increasing, so the JDK's search finds the only match.
        int i = java.util.Arrays.binarySearch(t, v);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * A one-line summary: source and number of keys.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "NabLabels(" + source + ", " + windows.size() + " keys)";
    }
}
