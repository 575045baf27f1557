package dev.lstmforge.plugins.video.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lstmforge.support.DataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GestureTrajectoriesTest {

    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;
    private static final int DROPPED = 3;

    /** The data root from {@code -Dlstmforge.dataRoot}, or a skipped test. */
    private static Path dataRoot() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        Path dir = Path.of(root);
        assumeTrue(Files.isDirectory(dir.resolve(GestureTrajectories.SHARED_FOLDER)), "no gesture set under " + dir);
        return dir;
    }

    /** Writes rows {@code label, x0, y0, ...} with CRLF line ends, like the shared file. */
    private static Path csv(Path file, List<String> rows) throws Exception {
        Files.writeString(file, String.join("\r\n", rows) + "\r\n");
        return file;
    }

    /** Random-walk rows for a class: {@code rows} sequences of {@code steps} points. */
    private static List<String> rows(int label, int rows, int steps, Random r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            StringBuilder b = new StringBuilder().append(label).append(",0,0");
            for (int t = 1; t < steps; t++) {
                b.append(String.format(Locale.ROOT, ",%.6f,%.6f", r.nextGaussian() * 0.01, r.nextGaussian() * 0.01));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Part of every row: 0 train, 1 validation, 2 test, 3 dropped. */
    private static int[] partOfRows(GestureTrajectories g, GestureTrajectories.BlockSplit s) {
        int[] part = new int[g.size()];
        Arrays.fill(part, -1);
        int[][] lists = {s.train(), s.validation(), s.test(), s.dropped()};
        for (int p = 0; p < lists.length; p++) {
            assertThat(lists[p]).isSorted();
            for (int r : lists[p]) {
                assertThat(part[r]).as("row %d in two parts", r).isEqualTo(-1);
                part[r] = p;
            }
        }
        assertThat(part).doesNotContain(-1);
        return part;
    }

    /**
     * Checks the guard: within each class, in file order, no kept row of one part is within
     * {@code gap} rows of a kept row of another part.
     */
    private static void assertNoHeldOutRowNearAnotherPart(GestureTrajectories g, int[] part, int gap) {
        for (int c = 0; c < g.classNames().size(); c++) {
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < g.size(); r++) {
                if (g.label(r) == c) {
                    rows.add(r);
                }
            }
            for (int i = 0; i < rows.size(); i++) {
                int pi = part[rows.get(i)];
                if (pi == DROPPED) {
                    continue;
                }
                for (int j = Math.max(0, i - gap); j <= Math.min(rows.size() - 1, i + gap); j++) {
                    int pj = part[rows.get(j)];
                    assertThat(pj == DROPPED || pj == pi)
                            .as(
                                    "class %d: row %d (part %d) is %d rows from row %d (part %d)",
                                    c, rows.get(i), pi, Math.abs(i - j), rows.get(j), pj)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void theSharedSetReadsAsSixteenStepsOfXyWithItsClassNames() {
        GestureTrajectories g = GestureTrajectories.readShared(dataRoot());
        assertThat(g.size()).isEqualTo(5296);
        assertThat(g.steps()).isEqualTo(16);
        assertThat(g.features()).isEqualTo(2);
        // the byte-order mark of the label file is not part of the first name
        assertThat(g.classNames()).containsExactly("Stop", "Clockwise", "Counter Clockwise", "Move");
        assertThat(g.classCounts()).containsExactly(1481, 1234, 1279, 1302);
        // line 1: 0,0,0,-0.0020833333,-0.003703704,...
        assertThat(g.label(0)).isZero();
        assertThat(g.line(0)).isEqualTo(1);
        assertThat(g.line(5295)).isEqualTo(5296);
        float[][] first = g.sequence(0);
        assertThat(first.length).isEqualTo(16);
        assertThat(first[0]).containsExactly(0f, 0f);
        assertThat(first[1][0]).isCloseTo(-0.0020833333f, within(1e-9f));
        assertThat(first[1][1]).isCloseTo(-0.003703704f, within(1e-9f));
        // every sequence starts at its own first point, as the data README says
        for (int r = 0; r < g.size(); r++) {
            assertThat(g.sequence(r)[0]).containsExactly(0f, 0f);
        }
        assertThat(g.sequences(new int[] {5, 7})[1][3]).containsExactly(g.sequence(7)[3]);
        assertThat(g.labels(new int[] {0, 5295})).containsExactly(0, 3);
    }

    @Test
    void neighbouringSharedRowsAreTheSameRecordingOneFrameOnWhichIsWhyTheSplitNeedsBlocks() {
        GestureTrajectories g = GestureTrajectories.readShared(dataRoot());
        int shifted = 0;
        for (int r = 0; r + 1 < g.size(); r++) {
            float[][] a = g.sequence(r);
            float[][] b = g.sequence(r + 1);
            boolean same = true;
            for (int t = 0; t < 15 && same; t++) {
                // b's points are a's points 1..15, measured from a's point 1
                same = Math.abs((a[t + 1][0] - a[1][0]) - b[t][0]) < 1e-3
                        && Math.abs((a[t + 1][1] - a[1][1]) - b[t][1]) < 1e-3;
            }
            if (same) {
                shifted++;
            }
        }
        assertThat(shifted).isGreaterThan((int) (0.9 * g.size()));
    }

    @Test
    void theDefaultBlockSplitHoldsOutWholeBlocksOfEveryClassWithGuards() {
        GestureTrajectories g = GestureTrajectories.readShared(dataRoot());
        GestureTrajectories.BlockSplit s = g.split(42);
        int[] part = partOfRows(g, s);
        assertNoHeldOutRowNearAnotherPart(g, part, GestureTrajectories.DEFAULT_GAP);
        for (int[] rows : List.of(s.train(), s.validation(), s.test())) {
            Set<Integer> present = new HashSet<>();
            for (int l : g.labels(rows)) {
                present.add(l);
            }
            assertThat(present).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
        // 12-14 blocks per class; 3 of each are tested: about a fifth of the rows
        double testShare = s.test().length / (double) g.size();
        assertThat(testShare).isBetween(0.17, 0.26);
        assertThat(s.train().length).isGreaterThan(3 * s.test().length);
        // a guard of 16 rows per boundary, and each class has at most 2 boundaries per held-out block
        assertThat(s.dropped().length % GestureTrajectories.DEFAULT_GAP).isZero();
        assertThat(s.dropped().length).isBetween(16, 4 * 5 * 2 * 16);
        assertThat(s.description())
                .startsWith("contiguous-block split (seed 42) of point_history.csv: each class's rows cut in file order"
                        + " into blocks of at least 100 rows")
                .contains(s.dropped().length + " rows dropped as guards of 16 rows")
                .endsWith(s.train().length + " training, " + s.validation().length + " validation, " + s.test().length
                        + " test rows");
    }

    @Test
    void noTestRowIsAdjacentToATrainingRowOfItsClass(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        List<String> lines = new ArrayList<>();
        lines.addAll(rows(0, 95, 4, r));
        lines.addAll(rows(1, 130, 4, r));
        lines.addAll(rows(2, 61, 4, r));
        // interleave a few rows of class 0 at the end: class order is file order within a class
        lines.addAll(rows(0, 17, 4, r));
        GestureTrajectories g = GestureTrajectories.read(csv(dir.resolve("walks.csv"), lines));
        for (int gap : new int[] {0, 1, 3}) {
            for (long seed = 0; seed < 25; seed++) {
                GestureTrajectories.BlockSplit s = g.split(0.3, 0.2, 10, gap, seed);
                int[] part = partOfRows(g, s);
                assertNoHeldOutRowNearAnotherPart(g, part, gap);
                if (gap > 0) {
                    // held-out blocks keep all their rows: only training and validation rows are dropped next to test
                    assertThat(s.dropped().length).isPositive();
                }
                if (gap == 0) {
                    continue;
                }
                for (int test : s.test()) {
                    int cls = g.label(test);
                    // the nearest rows of the same class before and after, in file order
                    int before = test - 1;
                    while (before >= 0 && g.label(before) != cls) {
                        before--;
                    }
                    int after = test + 1;
                    while (after < g.size() && g.label(after) != cls) {
                        after++;
                    }
                    if (before >= 0) {
                        assertThat(part[before])
                                .as("row before test row %d", test)
                                .isIn(TEST, DROPPED);
                    }
                    if (after < g.size()) {
                        assertThat(part[after])
                                .as("row after test row %d", test)
                                .isIn(TEST, DROPPED);
                    }
                }
            }
        }
    }

    @Test
    void blocksAreContiguousAndTheSplitIsDeterministic(@TempDir Path dir) throws Exception {
        Random r = new Random(8);
        List<String> lines = new ArrayList<>(rows(0, 100, 3, r));
        lines.addAll(rows(1, 100, 3, r));
        GestureTrajectories g = GestureTrajectories.read(csv(dir.resolve("t.csv"), lines));
        GestureTrajectories.BlockSplit a = g.split(0.2, 0.0, 10, 0, 3);
        GestureTrajectories.BlockSplit b = g.split(0.2, 0.0, 10, 0, 3);
        assertThat(b.train()).containsExactly(a.train());
        assertThat(b.test()).containsExactly(a.test());
        assertThat(a.validation()).isEmpty();
        assertThat(a.dropped()).isEmpty();
        // 10 blocks of 10 rows per class, 2 tested: the test rows are 4 runs of 10 consecutive rows
        assertThat(a.test()).hasSize(40);
        int runs = 1;
        for (int i = 1; i < a.test().length; i++) {
            if (a.test()[i] != a.test()[i - 1] + 1) {
                runs++;
            }
        }
        assertThat(runs).isBetween(2, 4);
        for (int t : a.test()) {
            assertThat(t % 10 == 0 || Arrays.binarySearch(a.test(), t - 1) >= 0)
                    .as("row %d starts a block or follows a test row", t)
                    .isTrue();
        }
        Set<String> testSets = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            testSets.add(Arrays.toString(g.split(0.2, 0.0, 10, 0, seed).test()));
        }
        assertThat(testSets).hasSizeGreaterThan(5);
    }

    @Test
    void aUserFolderOrFileIsReadWithOrWithoutItsLabelFile(@TempDir Path dir) throws Exception {
        Random r = new Random(1);
        List<String> lines = new ArrayList<>(rows(1, 3, 16, r));
        lines.addAll(rows(0, 2, 16, r));
        csv(dir.resolve("point_history.csv"), lines);
        // no label file: the classes are named by their ids
        GestureTrajectories plain = GestureTrajectories.read(dir);
        assertThat(plain.classNames()).containsExactly("0", "1");
        assertThat(plain.size()).isEqualTo(5);
        assertThat(plain.steps()).isEqualTo(16);
        assertThat(plain.label(0)).isEqualTo(1);

        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] names = "Stop\r\nCircle\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + names.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(names, 0, withBom, 3, names.length);
        Files.write(dir.resolve("point_history_classifier_label.csv"), withBom);
        assertThat(GestureTrajectories.read(dir).classNames()).containsExactly("Stop", "Circle");
        assertThat(GestureTrajectories.read(dir.resolve("point_history.csv")).classNames())
                .containsExactly("Stop", "Circle");

        Path other = csv(dir.resolve("mine.csv"), lines);
        Files.writeString(dir.resolve("mine_classifier_label.csv"), "a\nb\n");
        assertThat(GestureTrajectories.read(other).classNames()).containsExactly("a", "b");
        assertThat(GestureTrajectories.read(other, null).classNames()).containsExactly("0", "1");
    }

    @Test
    void aHeaderLineIsSkippedAndBlankLinesIgnored(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.csv");
        Files.writeString(f, "label,x0,y0,x1,y1\n\n0,0,0,0.5,-0.25\n1,0,0,1e-2,3\n\n");
        GestureTrajectories g = GestureTrajectories.read(f, null);
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.steps()).isEqualTo(2);
        assertThat(g.sequence(0)[1]).containsExactly(0.5f, -0.25f);
        assertThat(g.sequence(1)[1]).containsExactly(0.01f, 3f);
        assertThat(g.line(0)).isEqualTo(3);
        assertThat(g.line(1)).isEqualTo(4);

        Files.writeString(f, "label,x0,y0,x1,y1,x2,y2\n0,0,0,0.5,-0.25\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .isInstanceOf(DataException.class)
                .hasMessage("h.csv line 2: 5 fields, but the header (line 1) has 7 (a class id and 3 (x, y) steps)");
    }

    @Test
    void badRowsNameTheFileLineFieldAndValue(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "0,0,0,0.1,0.2\n1,0,0,0.1,abc\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .isInstanceOf(DataException.class)
                .hasMessage("bad.csv line 2, column y1: 'abc' is not a number");

        Files.writeString(f, "0,0,0,0.1,0.2\n1,0,0,0.1\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .hasMessage("bad.csv line 2: 4 fields, but line 1 has 5 (a class id and 2 (x, y) steps)");

        Files.writeString(f, "0,0,0,0.1,0.2\n1,0,,0.1,0.3\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .hasMessage("bad.csv line 2, column y0: the value is missing");

        Files.writeString(f, "0,0,0,0.1,0.2\n1.5,0,0,0.1,0.3\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .hasMessage("bad.csv line 2, column label: '1.5' is not a class id (a whole number from 0)");

        Files.writeString(f, "0,0,0,0.1\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .hasMessageStartingWith("bad.csv line 1: 4 fields; expected a class id followed by (x, y) pairs");

        Files.writeString(f, "0;0;0;0.1;0.2\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .hasMessageContaining("1 field;")
                .hasMessageEndingWith("the line looks ';' (semicolon)-separated, but the file must be comma-separated");

        Files.writeString(f, "\n\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, null))
                .hasMessageStartingWith("bad.csv: no trajectory rows");

        Files.write(f, new byte[] {'0', ',', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> GestureTrajectories.read(f, null)).hasMessageStartingWith("bad.csv: not valid UTF-8");

        assertThatThrownBy(() -> GestureTrajectories.read(dir.resolve("none.csv"), null))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("none.csv: file not found");
    }

    @Test
    void classIdsAndClassNamesMustAgree(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "0,0,0,0.1,0.2\n2,0,0,0.1,0.2\n");
        Path names = dir.resolve("names.csv");
        Files.writeString(names, "Stop\nMove\n");
        assertThatThrownBy(() -> GestureTrajectories.read(f, names))
                .isInstanceOf(DataException.class)
                .hasMessage("p.csv line 2, column label: class id 2 has no name; names.csv names 2 classes (ids 0-1)");

        Files.writeString(names, "Stop\n\nMove\n");
        assertThatThrownBy(() -> GestureTrajectories.readClassNames(names))
                .hasMessage("names.csv line 2: the name of class 1 is empty");
        Files.writeString(names, "Stop\nMove\nStop\n");
        assertThatThrownBy(() -> GestureTrajectories.readClassNames(names))
                .hasMessage("names.csv line 3: class name 'Stop' already names class 0");
        Files.writeString(names, "\n \n");
        assertThatThrownBy(() -> GestureTrajectories.readClassNames(names))
                .hasMessageStartingWith("names.csv: no class names");
    }

    @Test
    void aMissingSharedFolderIsReportedByPath(@TempDir Path root) {
        assertThatThrownBy(() -> GestureTrajectories.readShared(root))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(
                        root.resolve("video/gesture_point_history") + ": the finger-gesture set is not there");
        assertThatThrownBy(() -> GestureTrajectories.read(root))
                .hasMessageStartingWith(root + ": no point_history.csv in this folder");
    }

    @Test
    void splitSettingsAndTooSmallClassesAreRefused(@TempDir Path dir) throws Exception {
        Random r = new Random(2);
        List<String> lines = new ArrayList<>(rows(0, 50, 3, r));
        lines.addAll(rows(1, 19, 3, r));
        Path f = csv(dir.resolve("small.csv"), lines);
        Files.writeString(dir.resolve("small_classifier_label.csv"), "Stop\nMove\n");
        GestureTrajectories g = GestureTrajectories.read(f);
        assertThatThrownBy(() -> g.split(0.2, 0.1, 10, 2, 1))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "small.csv: class 'Move' has 19 rows; the block split needs at least 2 blocks of 10 rows per"
                                + " class (20 rows); lower the block size");
        assertThat(g.split(0.2, 0.1, 9, 2, 1).test()).isNotEmpty();
        assertThatThrownBy(() -> g.split(0.2, 0.1, 8, 4, 1))
                .hasMessage("block size 8 must be above twice the gap (4), or a block between two others could lose"
                        + " all its rows");
        assertThatThrownBy(() -> g.split(0.2, 0.1, 8, -1, 1)).hasMessageStartingWith("gap -1 is negative");
        assertThatThrownBy(() -> g.split(0, 0.1, 8, 1, 1)).hasMessageStartingWith("test fraction 0.0 is out of range");
        assertThatThrownBy(() -> g.split(0.2, 1, 8, 1, 1))
                .hasMessageStartingWith("validation fraction 1.0 is out of range");
    }
}
