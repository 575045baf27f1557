package dev.lstmforge.plugins.video.data;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.csv.CsvTable;
import dev.lstmforge.support.csv.Utf8Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Finger-gesture trajectories: labelled sequences of (x, y) positions of the index-finger tip, the
 * keypoint input mode of the video plugin's LSTM head (a sequence of points instead of a sequence
 * of CNN frame features).
 *
 * <p>The format is that of the shared set {@code video/gesture_point_history/} (recorded from
 * webcam video with MediaPipe Hands; 4 classes, 16 steps):
 *
 * <ul>
 *   <li>{@code point_history.csv}: comma-separated, no header, one row per sequence:
 *       {@code label, x0, y0, x1, y1, ..., x15, y15}. The label is a class id from 0; the
 *       positions are relative to the first point and divided by the image size. Any number of
 *       steps is read, as long as every row has the same;
 *   <li>{@code point_history_classifier_label.csv}: the class names, one a line, line 1 naming
 *       class 0 (a UTF-8 byte-order mark is allowed). Without it, classes are named by their ids.
 * </ul>
 *
 * A first line of three or more fields whose first field is not a number (for example
 * {@code label,x0,y0,...}) is taken as a header: it is skipped, and the rows must have its width.
 * Blank lines are skipped. A bad row is a
 * {@link DataException} naming the file, the line, the field (for example {@code y3}) and the
 * value.
 *
 * <p>Neighbouring rows overlap heavily: the rows are sliding windows over continuous recordings,
 * and in the shared set row {@code i + 1} is row {@code i} moved on by one frame. A random split
 * would therefore test on near-copies of training rows. {@link #split} holds out whole contiguous
 * blocks instead and drops a guard of rows at every boundary between parts.
 *
 * <pre>{@code
 * GestureTrajectories g = GestureTrajectories.readShared(dataRoot);
 * g.classNames();                      // [Stop, Clockwise, Counter Clockwise, Move]
 * g.steps();                           // 16
 * GestureTrajectories.BlockSplit s = g.split(42);
 * float[][][] x = g.sequences(s.train());   // [rows][16][2]
 * int[] y = g.labels(s.train());
 * s.description();                     // "contiguous-block split (seed 42): ..."
 * }</pre>
 */
public final class GestureTrajectories {

    /** Where the shared set lies under the data root. */
    public static final String SHARED_FOLDER = "video/gesture_point_history";

    /** The trajectory file's name in the shared set (and in a folder given to {@link #read(Path)}). */
    public static final String DATA_FILE = "point_history.csv";

    /** The class-name file's name in the shared set. */
    public static final String LABEL_FILE = "point_history_classifier_label.csv";

    /** Features per step: x and y. */
    public static final int FEATURES = 2;

    /**
     * The default block size of the split, in rows. The shared set's 4 classes have 1,234 to 1,481
     * rows, so each class is cut into 12 to 14 blocks: enough to hold out about a fifth of them
     * and still vary where the held-out blocks lie.
     */
    public static final int DEFAULT_BLOCK_SIZE = 100;

    /**
     * The default guard, in rows, dropped at each boundary between parts: the shared set's history
     * length, 16. Rows 16 apart in a recording share no frame, so no held-out sequence contains a
     * point of a training sequence.
     */
    public static final int DEFAULT_GAP = 16;

    private final Path file;
    private final List<String> classNames;
    private final int steps;
    private final float[] values;
    private final int[] labels;
    private final int[] lines;

    private GestureTrajectories(
            Path file, List<String> classNames, int steps, float[] values, int[] labels, int[] lines) {
        this.file = file;
        this.classNames = List.copyOf(classNames);
        this.steps = steps;
        this.values = values;
        this.labels = labels;
        this.lines = lines;
    }

    /**
     * Reads the shared set, {@code dataRoot/video/gesture_point_history/}, with its class names.
     *
     * @param dataRoot the shared data root
     * @return the trajectories
     * @throws DataException if the folder or one of its two files is missing or malformed
     */
    public static GestureTrajectories readShared(Path dataRoot) {
        Path folder = dataRoot.resolve(SHARED_FOLDER);
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + ": the finger-gesture set is not there (expected " + DATA_FILE + " and "
                    + LABEL_FILE + " in this folder under the data root)");
        }
        Path labelFile = folder.resolve(LABEL_FILE);
        if (!Files.isRegularFile(labelFile)) {
            throw new DataException(labelFile + ": the class-name file of the finger-gesture set is missing");
        }
        return read(folder.resolve(DATA_FILE), labelFile);
    }

    /**
     * Reads trajectories in the shared set's format from a user path: a folder holding
     * {@value #DATA_FILE}, or a CSV file. The class names come from {@value #LABEL_FILE} in the
     * folder, or, for a file {@code NAME.csv}, from {@code NAME_classifier_label.csv} beside it;
     * without such a file the classes are named by their ids.
     *
     * @param path a folder or a CSV file
     * @return the trajectories
     * @throws DataException if the path is missing or a file is malformed
     */
    public static GestureTrajectories read(Path path) {
        Path csv = path;
        Path labelFile;
        if (Files.isDirectory(path)) {
            csv = path.resolve(DATA_FILE);
            if (!Files.isRegularFile(csv)) {
                throw new DataException(path + ": no " + DATA_FILE + " in this folder; give the trajectory CSV file"
                        + " (rows: label, x0, y0, ..., x15, y15) or a folder holding it");
            }
            labelFile = path.resolve(LABEL_FILE);
        } else {
            String name = Utf8Text.sourceName(path);
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            labelFile = path.resolveSibling(stem + "_classifier_label.csv");
        }
        return read(csv, Files.isRegularFile(labelFile) ? labelFile : null);
    }

    /**
     * Reads a trajectory CSV file and, if given, its class-name file.
     *
     * @param csv the rows {@code label, x0, y0, ..., xN, yN}
     * @param labelFile the class names, one a line, or null to name the classes by their ids
     * @return the trajectories
     * @throws DataException naming the file, line, field and value of the first problem
     */
    public static GestureTrajectories read(Path csv, Path labelFile) {
        List<String> names = labelFile == null ? null : readClassNames(labelFile);
        String source = Utf8Text.sourceName(csv);
        Parsed p = parse(Utf8Text.read(csv), source, names, labelFile == null ? null : Utf8Text.sourceName(labelFile));
        return new GestureTrajectories(csv, p.names, p.steps, p.values, p.labels, p.lines);
    }

    /**
     * Reads a class-name file: one name a line, line 1 naming class 0. A byte-order mark, blanks
     * around names and blank lines at the end are allowed.
     *
     * @param labelFile the file
     * @return the names
     * @throws DataException if the file is missing, not UTF-8, empty, or has an empty or repeated
     *     name
     */
    public static List<String> readClassNames(Path labelFile) {
        String source = Utf8Text.sourceName(labelFile);
        String[] raw = Utf8Text.read(labelFile).split("\r\n|\r|\n", -1);
        int last = raw.length;
        while (last > 0 && raw[last - 1].isBlank()) {
            last--;
        }
        if (last == 0) {
            throw new DataException(source + ": no class names; write one name a line, line 1 for class 0");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < last; i++) {
            String name = raw[i].strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1)
                        .replace("\"\"", "\"")
                        .strip();
            }
            if (name.isEmpty()) {
                throw DataException.at(source, i + 1, null, "the name of class " + i + " is empty");
            }
            if (!seen.add(name)) {
                throw DataException.at(
                        source, i + 1, null, "class name '" + name + "' already names class " + names.indexOf(name));
            }
            names.add(name);
        }
        return names;
    }

    /** What the parser found. */
    private record Parsed(List<String> names, int steps, float[] values, int[] labels, int[] lines) {}

    /**
     * Parses trajectory rows.
     *
     * @param text the CSV text
     * @param source the file name for messages
     * @param names the class names, or null
     * @param labelSource the class-name file's name for messages, or null
     */
    private static Parsed parse(String text, String source, List<String> names, String labelSource) {
        int width = -1;
        int widthLine = 0;
        boolean header = false;
        float[] values = new float[1024];
        int[] labels = new int[64];
        int[] lines = new int[64];
        int rows = 0;
        int maxLabel = -1;
        int lineNo = 0;
        int pos = 0;
        int len = text.length();
        boolean headerChecked = false;
        while (pos < len) {
            int end = pos;
            while (end < len && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(pos, end);
            lineNo++;
            pos = end < len && text.charAt(end) == '\r' && end + 1 < len && text.charAt(end + 1) == '\n'
                    ? end + 2
                    : end + 1;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (!headerChecked) {
                headerChecked = true;
                if (fields.length >= 3 && Double.isNaN(CsvTable.parseDecimal(fields[0].strip()))) {
                    // a header line (label, x0, y0, ...): the rows must have its width
                    width = checkWidth(fields.length, source, lineNo, line);
                    widthLine = lineNo;
                    header = true;
                    continue;
                }
            }
            if (width < 0) {
                width = checkWidth(fields.length, source, lineNo, line);
                widthLine = lineNo;
            } else if (fields.length != width) {
                throw DataException.at(
                        source,
                        lineNo,
                        null,
                        fields.length + " fields, but "
                                + (header ? "the header (line " + widthLine + ")" : "line " + widthLine) + " has "
                                + width
                                + " (a class id and " + (width - 1) / 2 + " (x, y) steps)" + separatorHint(line));
            }
            int label = parseLabel(fields[0].strip(), source, lineNo, names, labelSource);
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, rows * 2);
                lines = Arrays.copyOf(lines, rows * 2);
            }
            if ((rows + 1) * (width - 1) > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * (width - 1)));
            }
            int base = rows * (width - 1);
            for (int f = 1; f < width; f++) {
                String cell = fields[f].strip();
                String column = ((f - 1) % 2 == 0 ? "x" : "y") + ((f - 1) / 2);
                if (cell.isEmpty()) {
                    throw DataException.at(source, lineNo, column, "the value is missing");
                }
                double v = CsvTable.parseDecimal(cell);
                if (Double.isNaN(v)) {
                    throw DataException.at(source, lineNo, column, "'" + cell + "' is not a number");
                }
                values[base + f - 1] = (float) v;
            }
            labels[rows] = label;
            lines[rows] = lineNo;
            maxLabel = Math.max(maxLabel, label);
            rows++;
        }
        if (rows == 0) {
            throw new DataException(source + ": no trajectory rows; expected lines of label, x0, y0, ..., x15, y15");
        }
        List<String> classNames = names;
        if (classNames == null) {
            classNames = new ArrayList<>();
            for (int c = 0; c <= maxLabel; c++) {
                classNames.add(Integer.toString(c));
            }
        }
        return new Parsed(
                classNames,
                (width - 1) / 2,
                Arrays.copyOf(values, rows * (width - 1)),
                Arrays.copyOf(labels, rows),
                Arrays.copyOf(lines, rows));
    }

    /** Checks a row width: a class id and (x, y) pairs. */
    private static int checkWidth(int width, String source, int lineNo, String line) {
        if (width < 3 || width % 2 == 0) {
            throw DataException.at(
                    source,
                    lineNo,
                    null,
                    width + (width == 1 ? " field" : " fields")
                            + "; expected a class id followed by (x, y) pairs, an odd count such as 33 = 1 + 16 x 2"
                            + separatorHint(line));
        }
        return width;
    }

    private static int parseLabel(String cell, String source, int line, List<String> names, String labelSource) {
        int label;
        try {
            label = Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            label = -1;
        }
        if (label < 0) {
            throw DataException.at(source, line, "label", "'" + cell + "' is not a class id (a whole number from 0)");
        }
        if (names != null && label >= names.size()) {
            throw DataException.at(
                    source,
                    line,
                    "label",
                    "class id " + label + " has no name; " + labelSource + " names " + names.size() + " classes (ids 0-"
                            + (names.size() - 1) + ")");
        }
        return label;
    }

    private static String separatorHint(String line) {
        if (line.indexOf(';') >= 0) {
            return "; the line looks ';' (semicolon)-separated, but the file must be comma-separated";
        }
        if (line.indexOf('\t') >= 0) {
            return "; the line looks tab-separated, but the file must be comma-separated";
        }
        return "";
    }

    /**
     * Returns the file the rows were read from.
     *
     * @return the CSV file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the class names; index {@code i} names class id {@code i}.
     *
     * @return the names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the number of sequences (rows).
     *
     * @return the row count
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the number of time steps per sequence (16 in the shared set).
     *
     * @return the steps
     */
    public int steps() {
        return steps;
    }

    /**
     * Returns the features per step, {@value #FEATURES} (x and y).
     *
     * @return 2
     */
    public int features() {
        return FEATURES;
    }

    /**
     * Returns a row's class id.
     *
     * @param row the 0-based row index
     * @return its class id, an index into {@link #classNames()}
     */
    public int label(int row) {
        return labels[row];
    }

    /**
     * Returns the 1-based line of the file a row was read from.
     *
     * @param row the 0-based row index
     * @return the line number
     */
    public int line(int row) {
        return lines[row];
    }

    /**
     * Returns one sequence as a new array.
     *
     * @param row the 0-based row index
     * @return {@code [steps][2]}: x and y of each step
     */
    public float[][] sequence(int row) {
        float[][] out = new float[steps][FEATURES];
        int base = row * steps * FEATURES;
        for (int t = 0; t < steps; t++) {
            out[t][0] = values[base + t * FEATURES];
            out[t][1] = values[base + t * FEATURES + 1];
        }
        return out;
    }

    /**
     * Returns several sequences as new arrays.
     *
     * @param rows the 0-based row indices
     * @return {@code [rows.length][steps][2]}
     */
    public float[][][] sequences(int[] rows) {
        float[][][] out = new float[rows.length][][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = sequence(rows[i]);
        }
        return out;
    }

    /**
     * Returns the class ids of several rows.
     *
     * @param rows the 0-based row indices
     * @return their class ids
     */
    public int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    /**
     * Counts the rows of each class.
     *
     * @return one count per class id
     */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /**
     * A split into training, validation and test rows.
     *
     * @param train the training rows, ascending
     * @param validation the validation rows, ascending
     * @param test the test rows, ascending
     * @param dropped the rows of the guards, in no part, ascending
     * @param description the split in words, for reports
     */
    public record BlockSplit(int[] train, int[] validation, int[] test, int[] dropped, String description) {

        /** Copies the arrays. */
        public BlockSplit {
            train = train.clone();
            validation = validation.clone();
            test = test.clone();
            dropped = dropped.clone();
        }

        /**
         * Returns the training rows.
         *
         * @return a copy
         */
        @Override
        public int[] train() {
            return train.clone();
        }

        /**
         * Returns the validation rows.
         *
         * @return a copy
         */
        @Override
        public int[] validation() {
            return validation.clone();
        }

        /**
         * Returns the test rows.
         *
         * @return a copy
         */
        @Override
        public int[] test() {
            return test.clone();
        }

        /**
         * Returns the dropped guard rows.
         *
         * @return a copy
         */
        @Override
        public int[] dropped() {
            return dropped.clone();
        }
    }

    /**
     * Splits with the defaults: a fifth of each class's blocks for the test, a tenth of the rest
     * for validation, blocks of {@value #DEFAULT_BLOCK_SIZE} rows, guards of {@value #DEFAULT_GAP}.
     *
     * @param seed the seed choosing which blocks are held out
     * @return the split
     * @throws DataException if a class has too few rows for two blocks
     */
    public BlockSplit split(long seed) {
        return split(
                VideoSplits.DEFAULT_TEST_FRACTION,
                VideoSplits.DEFAULT_VALIDATION_FRACTION,
                DEFAULT_BLOCK_SIZE,
                DEFAULT_GAP,
                seed);
    }

    /**
     * Splits by contiguous blocks, per class.
     *
     * <ol>
     *   <li>The rows of each class, in file order, are cut into {@code floor(n / blockSize)} blocks
     *       of equal length (so each holds at least {@code blockSize} rows).
     *   <li>Whole blocks, chosen at random by the seed, go to the test ({@code testFraction} of the
     *       blocks, at least one) and to validation ({@code validationFraction} of the rest, at
     *       least one when asked and at least two blocks remain); the others are for training.
     *   <li>Where two neighbouring blocks of a class lie in different parts, the {@code gap} rows
     *       of the lower-ranked block next to the boundary are dropped (test ranks above validation,
     *       validation above training), so a held-out block keeps all its rows and no held-out row
     *       is within {@code gap} rows of a row of another part.
     * </ol>
     *
     * @param testFraction the share of each class's blocks to test, strictly between 0 and 1
     * @param validationFraction the share of the remaining blocks for validation, from 0 to below 1
     * @param blockSize the least rows per block, above {@code 2 * gap}
     * @param gap the rows dropped at each boundary between parts, 0 or more
     * @param seed the seed choosing which blocks are held out
     * @return the split
     * @throws DataException if a setting is out of range or a class has fewer than
     *     {@code 2 * blockSize} rows
     */
    public BlockSplit split(double testFraction, double validationFraction, int blockSize, int gap, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new DataException(
                    "test fraction " + testFraction + " is out of range; it must be above 0 and below 1");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new DataException("validation fraction " + validationFraction
                    + " is out of range; it must be at least 0 and below 1");
        }
        if (gap < 0) {
            throw new DataException("gap " + gap + " is negative; it is the number of rows dropped at a boundary");
        }
        if (blockSize <= 2 * gap) {
            throw new DataException("block size " + blockSize + " must be above twice the gap (" + gap
                    + "), or a block between two others could lose all its rows");
        }
        int classes = classNames.size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int r = 0; r < labels.length; r++) {
            byClass.get(labels[r]).add(r);
        }
        // 0 train, 1 validation, 2 test, -1 dropped; the rank order is also the guard priority.
        int[] part = new int[labels.length];
        Random random = new Random(seed);
        int[] blocksPerPart = new int[3];
        int boundaries = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> rows = byClass.get(c);
            int n = rows.size();
            int blocks = n / blockSize;
            if (blocks < 2) {
                throw new DataException(Utf8Text.sourceName(file) + ": class '" + classNames.get(c) + "' has " + n
                        + (n == 1 ? " row" : " rows") + "; the block split needs at least 2 blocks of " + blockSize
                        + " rows per class (" + (2 * blockSize) + " rows); lower the block size");
            }
            int nTest = clamp((int) Math.round(testFraction * blocks), 1, blocks - 1);
            int rest = blocks - nTest;
            int nValidation = validationFraction > 0 && rest >= 2
                    ? clamp((int) Math.round(validationFraction * rest), 1, rest - 1)
                    : 0;
            List<Integer> order = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                order.add(b);
            }
            Collections.shuffle(order, random);
            int[] blockPart = new int[blocks];
            for (int i = 0; i < blocks; i++) {
                blockPart[order.get(i)] = i < nTest ? 2 : i < nTest + nValidation ? 1 : 0;
            }
            int[] start = new int[blocks + 1];
            for (int b = 0; b <= blocks; b++) {
                start[b] = (int) ((long) b * n / blocks);
            }
            for (int b = 0; b < blocks; b++) {
                blocksPerPart[blockPart[b]]++;
                for (int i = start[b]; i < start[b + 1]; i++) {
                    part[rows.get(i)] = blockPart[b];
                }
            }
            for (int b = 1; b < blocks; b++) {
                if (blockPart[b - 1] == blockPart[b]) {
                    continue;
                }
                boundaries++;
                // the lower-ranked side loses the gap rows next to the boundary
                if (blockPart[b - 1] < blockPart[b]) {
                    for (int i = start[b] - gap; i < start[b]; i++) {
                        part[rows.get(i)] = -1;
                    }
                } else {
                    for (int i = start[b]; i < start[b] + gap; i++) {
                        part[rows.get(i)] = -1;
                    }
                }
            }
        }
        int[][] parts = new int[4][labels.length];
        int[] counts = new int[4];
        for (int r = 0; r < labels.length; r++) {
            int p = part[r] < 0 ? 3 : part[r];
            parts[p][counts[p]++] = r;
        }
        String description = String.format(
                Locale.ROOT,
                "contiguous-block split (seed %d) of %s: each class's rows cut in file order into blocks of at least"
                        + " %d rows, whole blocks held out (%d test, %d validation, %d training blocks; asked %s test"
                        + " and %s of the rest for validation); %d rows dropped as guards of %d rows at %d boundaries"
                        + " between parts, so no held-out row is within %d rows of another part's row of its class;"
                        + " %d training, %d validation, %d test rows",
                seed,
                Utf8Text.sourceName(file),
                blockSize,
                blocksPerPart[2],
                blocksPerPart[1],
                blocksPerPart[0],
                Math.round(testFraction * 100) + "%",
                Math.round(validationFraction * 100) + "%",
                counts[3],
                gap,
                boundaries,
                gap,
                counts[0],
                counts[1],
                counts[2]);
        return new BlockSplit(
                Arrays.copyOf(parts[0], counts[0]),
                Arrays.copyOf(parts[1], counts[1]),
                Arrays.copyOf(parts[2], counts[2]),
                Arrays.copyOf(parts[3], counts[3]),
                description);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public String toString() {
        return "GestureTrajectories[" + Utf8Text.sourceName(file) + ", " + size() + " rows of " + steps
                + " steps, classes " + classNames + "]";
    }
}
