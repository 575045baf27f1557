package dev.lstmforge.plugins.sensor.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a delimited sensor file (NAB, SKAB or similar) into a {@link SensorSeries}.
 *
 * <p>Format rules:
 * <ul>
 *   <li>The first line is the header. The delimiter is ';' or ',', whichever occurs more often in
 *       the header. Cells may be wrapped in double quotes; blanks around cells are ignored; CRLF and
 *       LF line ends, a UTF-8 byte-order mark and a missing final newline are all accepted; blank
 *       lines are skipped.</li>
 *   <li>The time column is the first column named {@code timestamp}, {@code datetime},
 *       {@code time} or {@code date} (any case). Its cells must read
 *       {@code YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z]}; they are taken as UTC.</li>
 *   <li>Columns named {@code anomaly} or {@code label} are point labels (0/1, also written
 *       "0.0"/"1.0"; a row is anomalous when any label column holds 1). A column named
 *       {@code changepoint} is read into {@link SensorSeries#changepoints()}. Neither is a
 *       sensor.</li>
 *   <li>Every other column is a sensor column. A column without a single numeric cell (an id or
 *       text column) is dropped with a repair note; when no sensor column is left the file is
 *       rejected. A non-numeric cell (e.g. "abc") in a column that is numeric elsewhere is an
 *       error naming line, column and value.</li>
 * </ul>
 *
 * <p>Repairs (each recorded in {@link SensorSeries#repairs()}):
 * <ul>
 *   <li>Empty, {@code NaN}, {@code NA}, {@code N/A} or {@code null} cells in a sensor column are
 *       filled by linear interpolation in time between the nearest valid neighbours; cells before
 *       the first or after the last valid value take that nearest value.</li>
 *   <li>Rows out of time order are sorted by timestamp (stable: rows with equal timestamps keep
 *       their file order). The note gives the number of steps back in time and the first one.</li>
 *   <li>Rows whose timestamp repeats an earlier one are dropped, keeping the first row in file
 *       order. The note gives the count and the timestamps.</li>
 * </ul>
 * Errors are reported as {@link SensorDataException} with file, line, column and value; the line
 * numbers are 1-based file lines with the header as line 1.
 */
public final class SensorCsvReader {

    private static final List<String> TIME_NAMES = List.of("timestamp", "datetime", "time", "date");
    private static final List<String> LABEL_NAMES = List.of("anomaly", "label");
    private static final String CHANGEPOINT_NAME = "changepoint";

    private SensorCsvReader() {
    }

    /**
     * Reads a sensor file. The series' source is the path as given.
     *
     * @param file the CSV file
     * @return the series, sorted by time, without duplicate timestamps, with missing cells filled
     * @throws SensorDataException if the file cannot be read or is not usable (see class docs)
     */
    public static SensorSeries read(Path file) {
        try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new SensorDataException("sensor file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new SensorDataException("cannot read sensor file " + file + ": " + e, e);
        }
    }

    /**
     * Reads sensor data from a character stream (the caller closes it).
     *
     * @param reader the text, header first
     * @param source the name used as {@link SensorSeries#source()} and in messages
     * @return the series
     * @throws SensorDataException if the text cannot be read or is not usable (see class docs)
     */
    public static SensorSeries read(Reader reader, String source) {
        BufferedReader in = reader instanceof BufferedReader
                ? (BufferedReader) reader : new BufferedReader(reader);
        try {
            return new Parser(source).parse(in);
        } catch (IOException e) {
            throw new SensorDataException("cannot read sensor data " + source + ": " + e, e);
        }
    }

    /** One parse: the mutable state of reading a single file. */
    private static final class Parser {
        private final String src;
        private final List<String> notes = new ArrayList<>();
        private String[] cells = new String[16];
        private int cellCount;

        // header
        private String[] names;
        private char delim;
        private int timeCol = -1;
        private int[] labelCols = new int[0];
        private int changepointCol = -1;
        private int[] sensorCols;

        // growable row storage
        private int n;
        private long[] times = new long[1024];
        private int[] lines = new int[1024];
        private double[] vals;
        private boolean[] labels = new boolean[1024];
        private boolean[] cps = new boolean[1024];

        // per sensor column statistics
        private int[] numericCount;
        private int[] missingCount;
        private int[] badCount;
        private int[] firstBadLine;
        private String[] firstBadValue;
        private int labelMissing;
        private int cpMissing;

        Parser(String src) {
            this.src = src;
        }

        SensorSeries parse(BufferedReader in) throws IOException {
            String header = in.readLine();
            if (header == null) {
                throw new SensorDataException(src + " is empty; expected a header line such as "
                        + "'timestamp,value'");
            }
            if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
                header = header.substring(1);
            }
            readHeader(header);
            int s = sensorCols.length;
            vals = new double[1024 * s];
            numericCount = new int[s];
            missingCount = new int[s];
            badCount = new int[s];
            firstBadLine = new int[s];
            firstBadValue = new String[s];

            int lineNo = 1;
            int pendingBlank = 0;
            int blankInside = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    pendingBlank++;
                    continue;
                }
                blankInside += pendingBlank;
                pendingBlank = 0;
                readRow(line, lineNo);
            }
            if (blankInside > 0) {
                notes.add("skipped " + blankInside + " blank line(s) between data rows");
            }
            if (n == 0) {
                throw new SensorDataException(src + " has a header but no data rows");
            }
            return finish();
        }

        private void readHeader(String header) {
            int semis = 0;
            int commas = 0;
            for (int i = 0; i < header.length(); i++) {
                char c = header.charAt(i);
                if (c == ';') {
                    semis++;
                } else if (c == ',') {
                    commas++;
                }
            }
            delim = semis > commas ? ';' : ',';
            split(header);
            int width = cellCount;
            if (width > 1 && cells[width - 1].isEmpty()) {
                width--; // trailing delimiter in the header
            }
            names = Arrays.copyOf(cells, width);
            List<Integer> labelList = new ArrayList<>();
            List<Integer> sensorList = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                String name = names[i];
                if (name.isEmpty()) {
                    throw new SensorDataException(src + " line 1: column " + (i + 1)
                            + " has an empty name; header is '" + header + "'");
                }
                for (int j = 0; j < i; j++) {
                    if (names[j].equals(name)) {
                        throw new SensorDataException(src + " line 1: column name '" + name
                                + "' appears twice (columns " + (j + 1) + " and " + (i + 1) + ")");
                    }
                }
                String lower = name.toLowerCase(Locale.ROOT);
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
                throw new SensorDataException(src + " line 1: no time column (expected one named "
                        + "timestamp, datetime, time or date, any case); columns are: "
                        + String.join(", ", names));
            }
            if (sensorList.isEmpty()) {
                throw new SensorDataException(src + " has no numeric sensor columns; columns are: "
                        + String.join(", ", names));
            }
            labelCols = labelList.stream().mapToInt(Integer::intValue).toArray();
            sensorCols = sensorList.stream().mapToInt(Integer::intValue).toArray();
            if (labelCols.length > 1) {
                StringBuilder b = new StringBuilder();
                for (int c : labelCols) {
                    b.append(b.length() == 0 ? "" : " and ").append('\'').append(names[c]).append('\'');
                }
                notes.add("label columns " + b + " combined: a row is anomalous when any of them is 1");
            }
        }

        private void readRow(String line, int lineNo) {
            split(line);
            if (cellCount < names.length) {
                throw new SensorDataException(src + " line " + lineNo + ": found " + cellCount
                        + " cell(s) but the header has " + names.length + " columns (delimiter '"
                        + delim + "'): '" + abbreviate(line) + "'");
            }
            for (int i = names.length; i < cellCount; i++) {
                if (!cells[i].isEmpty()) {
                    throw new SensorDataException(src + " line " + lineNo + ": found " + cellCount
                            + " cells but the header has " + names.length + " columns (delimiter '"
                            + delim + "'); extra value '" + cells[i] + "'");
                }
            }
            if (n == times.length) {
                grow();
            }
            String timeText = cells[timeCol];
            long t = TimeText.parseMillis(timeText);
            if (t == TimeText.INVALID) {
                throw new SensorDataException(src + " line " + lineNo + ", column '" + names[timeCol]
                        + "': cannot parse timestamp '" + timeText
                        + "' (expected YYYY-MM-DD HH:MM:SS, optionally with fractional seconds)");
            }
            times[n] = t;
            lines[n] = lineNo;
            int base = n * sensorCols.length;
            for (int k = 0; k < sensorCols.length; k++) {
                String cell = cells[sensorCols[k]];
                double v;
                if (isMissing(cell)) {
                    v = Double.NaN;
                    missingCount[k]++;
                } else {
                    v = parseNumber(cell);
                    if (Double.isNaN(v)) {
                        if (badCount[k]++ == 0) {
                            firstBadLine[k] = lineNo;
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
                int flag = readFlag(c, lineNo);
                if (flag < 0) {
                    labelMissing++;
                } else if (flag == 1) {
                    anomalous = true;
                }
            }
            labels[n] = anomalous;
            if (changepointCol >= 0) {
                int flag = readFlag(changepointCol, lineNo);
                if (flag < 0) {
                    cpMissing++;
                }
                cps[n] = flag == 1;
            }
            n++;
        }

        /** Reads a 0/1 flag cell: 0, 1, or -1 when empty. */
        private int readFlag(int col, int lineNo) {
            String cell = cells[col];
            if (isMissing(cell)) {
                return -1;
            }
            double v = parseNumber(cell);
            if (v == 0.0) {
                return 0;
            }
            if (v == 1.0) {
                return 1;
            }
            if (cell.equalsIgnoreCase("true")) {
                return 1;
            }
            if (cell.equalsIgnoreCase("false")) {
                return 0;
            }
            throw new SensorDataException(src + " line " + lineNo + ", column '" + names[col]
                    + "': label value '" + cell + "' is not 0 or 1");
        }

        private void grow() {
            int cap = times.length * 2;
            times = Arrays.copyOf(times, cap);
            lines = Arrays.copyOf(lines, cap);
            vals = Arrays.copyOf(vals, cap * sensorCols.length);
            labels = Arrays.copyOf(labels, cap);
            cps = Arrays.copyOf(cps, cap);
        }

        private SensorSeries finish() {
            // 1. decide which candidate columns are sensors
            int s = sensorCols.length;
            boolean[] keep = new boolean[s];
            int worstBad = -1;
            for (int k = 0; k < s; k++) {
                String name = names[sensorCols[k]];
                if (numericCount[k] == 0) {
                    notes.add(badCount[k] > 0
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
                throw new SensorDataException(src + " line " + firstBadLine[worstBad] + ", column '"
                        + names[sensorCols[worstBad]] + "': '" + firstBadValue[worstBad]
                        + "' is not a finite number (the column is numeric elsewhere; "
                        + badCount[worstBad] + " such cell(s) in it)");
            }
            int kept = 0;
            for (boolean b : keep) {
                if (b) {
                    kept++;
                }
            }
            if (kept == 0) {
                throw new SensorDataException(src + " has no numeric sensor columns; columns are: "
                        + String.join(", ", names));
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
                        examples.append(groups == 1 ? "" : ", ").append(TimeText.format(times[row]))
                                .append(" x").append(j - i).append(" (lines ");
                        for (int q = i; q < j && q < i + 3; q++) {
                            examples.append(q == i ? "" : ", ")
                                    .append(lines[order == null ? q : order[q]]);
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
                throw new SensorDataException(src + " has " + m + " data row(s) with distinct "
                        + "timestamps; at least 2 are needed");
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
                throw new SensorDataException(src + " has no numeric sensor columns; columns are: "
                        + String.join(", ", names));
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

        /** Splits a line into {@link #cells}/{@link #cellCount}, honouring double quotes. */
        private void split(String line) {
            cellCount = 0;
            int len = line.length();
            int start = 0;
            boolean quoted = false;
            for (int i = 0; i <= len; i++) {
                char ch = i < len ? line.charAt(i) : delim;
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == delim && (!quoted || i == len)) {
                    if (cellCount == cells.length) {
                        cells = Arrays.copyOf(cells, cells.length * 2);
                    }
                    cells[cellCount++] = clean(line, start, i);
                    start = i + 1;
                }
            }
        }

        private static String clean(String line, int b, int e) {
            while (b < e && line.charAt(b) <= ' ') {
                b++;
            }
            while (e > b && line.charAt(e - 1) <= ' ') {
                e--;
            }
            if (e - b >= 2 && line.charAt(b) == '"' && line.charAt(e - 1) == '"') {
                return line.substring(b + 1, e - 1).replace("\"\"", "\"").trim();
            }
            return line.substring(b, e);
        }

        private String abbreviate(String line) {
            return line.length() <= 80 ? line : line.substring(0, 77) + "...";
        }
    }

    /** True for cells that mean "no value": empty, NaN, NA, N/A, null (any case). */
    private static boolean isMissing(String cell) {
        int len = cell.length();
        if (len == 0) {
            return true;
        }
        if (len > 4) {
            return false;
        }
        return cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("na")
                || cell.equalsIgnoreCase("n/a") || cell.equalsIgnoreCase("null");
    }

    /** Parses a finite decimal number, or returns NaN for anything else. */
    private static double parseNumber(String cell) {
        char c = cell.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
            return Double.NaN;
        }
        char last = cell.charAt(cell.length() - 1);
        if (!(last >= '0' && last <= '9') && last != '.') {
            return Double.NaN; // rejects Java-only suffixes such as 1d or 2f
        }
        try {
            double v = Double.parseDouble(cell);
            return Double.isInfinite(v) ? Double.NaN : v;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
