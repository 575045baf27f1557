package dev.lstmforge.plugins.sensor.data;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.csv.CsvTable;
import dev.lstmforge.support.data.IndexSort;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a sensor file (NAB, SKAB or similar) into a {@link SensorSeries}. The CSV syntax is the
 * support library's {@link CsvTable} (UTF-8, byte-order mark, comma/semicolon/tab detected from
 * the header, quotes, blank lines, null tokens such as {@code NaN}, {@code NA}, {@code null},
 * errors naming file, line and column); this class adds the sensor rules.
 *
 * <ul>
 *   <li>The time column is the first column named {@code timestamp}, {@code datetime},
 *       {@code time} or {@code date} (any case). Its cells must read
 *       {@code YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z]}; they are taken as UTC.
 *   <li>Columns named {@code anomaly} or {@code label} are point labels (0/1, also written
 *       "0.0"/"1.0" or true/false; a row is anomalous when any label column holds 1). A column
 *       named {@code changepoint} is read into {@link SensorSeries#changepoints()}. Neither is a
 *       sensor.
 *   <li>Every other column is a sensor column. A column without a single numeric cell (an id or
 *       text column) is dropped with a repair note; when no sensor column is left the file is
 *       rejected. A non-numeric cell (e.g. "abc") in a column that is numeric elsewhere is an
 *       error naming line, column and value.
 * </ul>
 *
 * <p>Repairs (each recorded in {@link SensorSeries#repairs()}, which the project reports as
 * warnings):
 *
 * <ul>
 *   <li>Missing cells in a sensor column are filled by linear interpolation in time between the
 *       nearest valid neighbours; cells before the first or after the last valid value take that
 *       nearest value.
 *   <li>Rows out of time order are sorted by timestamp (stable: rows with equal timestamps keep
 *       their file order). The note gives the number of steps back in time and the first one.
 *   <li>Rows whose timestamp repeats an earlier one are dropped, keeping the first row in file
 *       order. The note gives the count and the timestamps.
 * </ul>
 *
 * <p>Errors are {@link DataException}s; line numbers are 1-based file lines, the header being
 * line 1.
 */
public final class SensorCsvReader {

    private static final List<String> TIME_NAMES = List.of("timestamp", "datetime", "time", "date");
    private static final List<String> LABEL_NAMES = List.of("anomaly", "label");
    private static final String CHANGEPOINT_NAME = "changepoint";

    private SensorCsvReader() {}

    /**
     * Reads a sensor file; the series' source is the file name.
     *
     * @param file the CSV file
     * @return the series, sorted by time, without duplicate timestamps, with missing cells filled
     * @throws DataException if the file cannot be read or is not usable (see class docs)
     */
    public static SensorSeries read(Path file) {
        return new Parser(CsvTable.read(file)).parse();
    }

    /**
     * Reads sensor data from a character stream (the caller closes it).
     *
     * @param reader the text, header first
     * @param source the name used as {@link SensorSeries#source()} and in messages
     * @return the series
     * @throws DataException if the text cannot be read or is not usable (see class docs)
     */
    public static SensorSeries read(Reader reader, String source) {
        return new Parser(CsvTable.read(reader, source)).parse();
    }

    /** One parse: the sensor rules applied to one table. */
    private static final class Parser {
        private final CsvTable table;
        private final String src;
        private final List<String> notes = new ArrayList<>();
        private final String[] names;
        private int timeCol = -1;
        private int[] labelCols;
        private int changepointCol = -1;
        private int[] sensorCols;

        // one entry per table row
        private final int n;
        private final long[] times;
        private final int[] lines;
        private final double[] vals;
        private final boolean[] labels;
        private final boolean[] cps;

        // per sensor column statistics
        private final int[] numericCount;
        private final int[] badCount;
        private final int[] firstBadLine;
        private final String[] firstBadValue;
        private int labelMissing;
        private int cpMissing;

        Parser(CsvTable table) {
            this.table = table;
            this.src = table.source();
            this.names = table.columns().toArray(new String[0]);
            readHeader();
            n = table.size();
            times = new long[n];
            lines = new int[n];
            vals = new double[n * sensorCols.length];
            labels = new boolean[n];
            cps = new boolean[n];
            numericCount = new int[sensorCols.length];
            badCount = new int[sensorCols.length];
            firstBadLine = new int[sensorCols.length];
            firstBadValue = new String[sensorCols.length];
        }

        SensorSeries parse() {
            if (table.blankLines() > 0) {
                notes.add("skipped " + table.blankLines() + " blank line(s)");
            }
            if (n == 0) {
                throw new DataException(src + " has a header but no data rows");
            }
            for (int r = 0; r < n; r++) {
                readRow(r);
            }
            return finish();
        }

        private void readHeader() {
            List<Integer> labelList = new ArrayList<>();
            List<Integer> sensorList = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                String lower = names[i].toLowerCase(Locale.ROOT);
                if (timeCol < 0 && TIME_NAMES.contains(lower)) {
                    timeCol = i;
                } else if (LABEL_NAMES.contains(lower)) {
                    labelList.add(i);
                } else if (changepointCol < 0 && lower.equals(CHANGEPOINT_NAME)) {
                    changepointCol = i;
                } else {
                    sensorList.add(i);
                }
            }
            if (timeCol < 0) {
                throw new DataException(src + " line " + table.headerLine() + ": no time column (expected one named "
                        + "timestamp, datetime, time or date, any case); columns are: " + String.join(", ", names));
            }
            if (sensorList.isEmpty()) {
                throw new DataException(
                        src + " has no numeric sensor columns; columns are: " + String.join(", ", names));
            }
            labelCols = labelList.stream().mapToInt(Integer::intValue).toArray();
            sensorCols = sensorList.stream().mapToInt(Integer::intValue).toArray();
            if (labelCols.length > 1) {
                StringBuilder b = new StringBuilder();
                for (int c : labelCols) {
                    b.append(b.length() == 0 ? "" : " and ")
                            .append('\'')
                            .append(names[c])
                            .append('\'');
                }
                notes.add("label columns " + b + " combined: a row is anomalous when any of them is 1");
            }
        }

        private void readRow(int r) {
            String timeText = table.text(r, timeCol);
            long t = TimeText.parseMillis(timeText);
            if (t == TimeText.INVALID) {
                throw table.error(
                        r,
                        timeCol,
                        "cannot parse timestamp '" + timeText
                                + "' (expected YYYY-MM-DD HH:MM:SS, optionally with fractional seconds)");
            }
            times[r] = t;
            lines[r] = table.line(r);
            int base = r * sensorCols.length;
            for (int k = 0; k < sensorCols.length; k++) {
                double v = Double.NaN;
                if (!table.isMissing(r, sensorCols[k])) {
                    String cell = table.text(r, sensorCols[k]).strip();
                    v = CsvTable.parseDecimal(cell);
                    if (Double.isNaN(v)) {
                        if (badCount[k]++ == 0) {
                            firstBadLine[k] = lines[r];
                            firstBadValue[k] = cell;
                        }
                    } else {
                        numericCount[k]++;
                    }
                }
                vals[base + k] = v;
            }
            boolean anomalous = false;
            for (int c : labelCols) {
                int flag = readFlag(r, c);
                if (flag < 0) {
                    labelMissing++;
                } else if (flag == 1) {
                    anomalous = true;
                }
            }
            labels[r] = anomalous;
            if (changepointCol >= 0) {
                int flag = readFlag(r, changepointCol);
                if (flag < 0) {
                    cpMissing++;
                }
                cps[r] = flag == 1;
            }
        }

        /** Reads a 0/1 flag cell: 0, 1, or -1 when missing. */
        private int readFlag(int r, int col) {
            if (table.isMissing(r, col)) {
                return -1;
            }
            String cell = table.text(r, col).strip();
            double v = CsvTable.parseDecimal(cell);
            if (v == 0.0 || cell.equalsIgnoreCase("false")) {
                return 0;
            }
            if (v == 1.0 || cell.equalsIgnoreCase("true")) {
                return 1;
            }
            throw table.error(r, col, "label value '" + cell + "' is not 0 or 1");
        }

        /** True for a rejected cell such as {@code 1e999}: decimal syntax, but too large to be finite. */
        private static boolean isInfinite(String cell) {
            return cell.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+");
        }

        private SensorSeries finish() {
            // 1. decide which candidate columns are sensors
            int s = sensorCols.length;
            boolean[] keep = new boolean[s];
            int worstBad = -1;
            for (int k = 0; k < s; k++) {
                String name = names[sensorCols[k]];
                if (numericCount[k] == 0) {
                    notes.add(
                            badCount[k] > 0
                                    ? "column '" + name + "' dropped: it holds no numeric value (line "
                                            + firstBadLine[k] + " has '" + firstBadValue[k] + "')"
                                    : "column '" + name + "' dropped: all " + n + " cells are empty");
                    continue;
                }
                keep[k] = true;
                if (badCount[k] > 0 && (worstBad < 0 || firstBadLine[k] < firstBadLine[worstBad])) {
                    worstBad = k;
                }
            }
            if (worstBad >= 0) {
                String bad = firstBadValue[worstBad];
                throw DataException.at(
                        src,
                        firstBadLine[worstBad],
                        names[sensorCols[worstBad]],
                        "'" + bad
                                + "' is not " + (isInfinite(bad) ? "a finite number" : "a number")
                                + " (the column is numeric elsewhere; " + badCount[worstBad] + " such cell(s) in it)");
            }
            int kept = 0;
            for (boolean b : keep) {
                if (b) {
                    kept++;
                }
            }
            if (kept == 0) {
                throw new DataException(
                        src + " has no numeric sensor columns; columns are: " + String.join(", ", names));
            }

            // 2. sort by time when needed (stable)
            int stepsBack = 0;
            int firstBack = -1;
            for (int i = 1; i < n; i++) {
                if (times[i] < times[i - 1]) {
                    if (stepsBack++ == 0) {
                        firstBack = i;
                    }
                }
            }
            int[] order = null;
            if (stepsBack > 0) {
                notes.add("rows out of time order: " + stepsBack + " step(s) back in time, the first"
                        + " at line " + lines[firstBack] + " (" + TimeText.format(times[firstBack])
                        + " after " + TimeText.format(times[firstBack - 1]) + " at line "
                        + lines[firstBack - 1] + "); rows sorted by timestamp (stable)");
                order = IndexSort.ascending(times, n);
            }

            // 3. drop repeated timestamps, keeping the first row in file order
            int[] rowsKept = new int[n];
            int m = 0;
            int dropped = 0;
            int groups = 0;
            StringBuilder examples = new StringBuilder();
            int i = 0;
            while (i < n) {
                int row = order == null ? i : order[i];
                int j = i + 1;
                while (j < n && times[order == null ? j : order[j]] == times[row]) {
                    j++;
                }
                rowsKept[m++] = row;
                if (j - i > 1) {
                    dropped += j - i - 1;
                    if (groups++ < 3) {
                        examples.append(groups == 1 ? "" : ", ")
                                .append(TimeText.format(times[row]))
                                .append(" x")
                                .append(j - i)
                                .append(" (lines ");
                        for (int q = i; q < j && q < i + 3; q++) {
                            examples.append(q == i ? "" : ", ").append(lines[order == null ? q : order[q]]);
                        }
                        examples.append(j - i > 3 ? ", ...)" : ")");
                    }
                }
                i = j;
            }
            if (dropped > 0) {
                notes.add("dropped " + dropped + " row(s) repeating an earlier timestamp (the first"
                        + " row of each timestamp kept); " + groups + " timestamp(s) affected: "
                        + examples + (groups > 3 ? ", ..." : ""));
            }
            if (m < 2) {
                throw new DataException(
                        src + " has " + m + " data row(s) with distinct " + "timestamps; at least 2 are needed");
            }

            // 4. assemble the kept rows and columns
            long[] t = new long[m];
            int[] ln = new int[m];
            for (int r = 0; r < m; r++) {
                t[r] = times[rowsKept[r]];
                ln[r] = lines[rowsKept[r]];
            }
            List<String> cols = new ArrayList<>();
            int[] keptIdx = new int[kept];
            for (int k = 0, c = 0; k < s; k++) {
                if (keep[k]) {
                    keptIdx[c++] = k;
                    cols.add(names[sensorCols[k]]);
                }
            }
            double[][] v = new double[m][kept];
            for (int r = 0; r < m; r++) {
                int base = rowsKept[r] * s;
                double[] row = v[r];
                for (int c = 0; c < kept; c++) {
                    row[c] = vals[base + keptIdx[c]];
                }
            }

            // 5. fill missing cells; drop columns with nothing left
            boolean[] emptyCol = new boolean[kept];
            int emptyCount = 0;
            for (int c = 0; c < kept; c++) {
                if (!interpolate(v, t, ln, c, cols.get(c))) {
                    emptyCol[c] = true;
                    emptyCount++;
                    notes.add("column '" + cols.get(c) + "' dropped: no value left after dropping "
                            + "rows with repeated timestamps");
                }
            }
            if (emptyCount == kept) {
                throw new DataException(
                        src + " has no numeric sensor columns; columns are: " + String.join(", ", names));
            }
            if (emptyCount > 0) {
                List<String> cols2 = new ArrayList<>();
                for (int c = 0; c < kept; c++) {
                    if (!emptyCol[c]) {
                        cols2.add(cols.get(c));
                    }
                }
                for (int r = 0; r < m; r++) {
                    double[] row = new double[kept - emptyCount];
                    for (int c = 0, d = 0; c < kept; c++) {
                        if (!emptyCol[c]) {
                            row[d++] = v[r][c];
                        }
                    }
                    v[r] = row;
                }
                cols = cols2;
            }

            boolean[] lab = null;
            if (labelCols.length > 0) {
                lab = new boolean[m];
                for (int r = 0; r < m; r++) {
                    lab[r] = labels[rowsKept[r]];
                }
                if (labelMissing > 0) {
                    notes.add(labelMissing + " empty label cell(s) read as 0 (normal)");
                }
            }
            boolean[] cp = null;
            if (changepointCol >= 0) {
                cp = new boolean[m];
                for (int r = 0; r < m; r++) {
                    cp[r] = cps[rowsKept[r]];
                }
                if (cpMissing > 0) {
                    notes.add(cpMissing + " empty changepoint cell(s) read as 0");
                }
            }
            return new SensorSeries(src, List.copyOf(cols), t, v, lab, cp, List.copyOf(notes), false);
        }

        /**
         * Fills the NaN cells of column c by linear interpolation in time; edges take the nearest
         * value. Returns false when the column has no value at all.
         */
        private boolean interpolate(double[][] v, long[] t, int[] ln, int c, String name) {
            int m = t.length;
            int prev = -1;
            int filled = 0;
            int firstLine = -1;
            for (int r = 0; r < m; r++) {
                if (Double.isNaN(v[r][c])) {
                    continue;
                }
                if (r - prev > 1) {
                    if (firstLine < 0) {
                        firstLine = ln[prev + 1];
                    }
                    filled += r - prev - 1;
                    double right = v[r][c];
                    if (prev < 0) {
                        for (int q = 0; q < r; q++) {
                            v[q][c] = right;
                        }
                    } else {
                        double left = v[prev][c];
                        double span = (double) (t[r] - t[prev]);
                        for (int q = prev + 1; q < r; q++) {
                            v[q][c] = left + (right - left) * ((t[q] - t[prev]) / span);
                        }
                    }
                }
                prev = r;
            }
            if (prev < 0) {
                return false;
            }
            if (prev < m - 1) {
                if (firstLine < 0) {
                    firstLine = ln[prev + 1];
                }
                filled += m - 1 - prev;
                double last = v[prev][c];
                for (int q = prev + 1; q < m; q++) {
                    v[q][c] = last;
                }
            }
            if (filled > 0) {
                notes.add("column '" + name + "': " + filled + " empty/NaN cell(s) filled by linear"
                        + " interpolation in time (edges take the nearest value); first at line "
                        + firstLine);
            }
            return true;
        }
    }
}
