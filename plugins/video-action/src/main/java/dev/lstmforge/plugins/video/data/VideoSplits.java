package dev.lstmforge.plugins.video.data;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Divides a {@link VideoCatalog} into training, validation and test clips, keeping every group on
 * one side and each class's share close to the asked fractions.
 *
 * <p>How it works:
 *
 * <ol>
 *   <li>Targets: for each class of {@code n} clips, {@code testFraction * n} test clips,
 *       {@code validationFraction} of the rest for validation, the remainder for training.
 *   <li>The groups, in an order shuffled by the seed, are placed one at a time, each in the part
 *       where it brings the per-class counts closest to their targets (squared shortfall, each
 *       class weighted by 1 / its size). A group is never cut.
 *   <li>Repair: every class with at least two groups is made present in both training and test,
 *       by moving a whole group (from validation first, the smallest first) as long as the move
 *       takes no class away from a part it is required in. A class with a single group is put in
 *       training and cannot be tested; the description says so. When validation is asked for but
 *       empty, the smallest training group that can move without harm becomes validation.
 * </ol>
 *
 * The same catalog, fractions and seed always give the same split. Each list keeps the catalog's
 * order (class, then file name).
 *
 * <pre>{@code
 * VideoSplits.Plan p = VideoSplits.split(catalog, 0.2, 0.1, 42);
 * p.train();          // whole groups only; no group of p.test() appears here
 * p.description();    // "group-aware stratified split (seed 42): 25 groups from the _gNN_ tokens ..."
 * }</pre>
 */
public final class VideoSplits {

    /** The default share of each class held out for the test. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    /** The default share of the rest (after the test) used for validation. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TEST = 2;
    private static final String[] PART_NAMES = {"training", "validation", "test"};

    private VideoSplits() {}

    /**
     * A split of a catalog.
     *
     * @param train the clips to learn from
     * @param validation the clips to choose the epoch by (may be empty when there are too few
     *     groups)
     * @param test the clips to score
     * @param description the split in words, for reports
     */
    public record Plan(List<VideoClip> train, List<VideoClip> validation, List<VideoClip> test, String description) {

        /** Copies the lists. */
        public Plan {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }
    }

    /**
     * Splits with the default fractions ({@value #DEFAULT_TEST_FRACTION} test,
     * {@value #DEFAULT_VALIDATION_FRACTION} of the rest validation).
     *
     * @param catalog the clips
     * @param seed the seed of the group order
     * @return the split
     * @throws DataException if the catalog cannot be split (see {@link #split(VideoCatalog, double,
     *     double, long)})
     */
    public static Plan split(VideoCatalog catalog, long seed) {
        return split(catalog, DEFAULT_TEST_FRACTION, DEFAULT_VALIDATION_FRACTION, seed);
    }

    /**
     * Splits a catalog, group-aware and stratified by class.
     *
     * @param catalog the clips
     * @param testFraction the share of each class to test, strictly between 0 and 1
     * @param validationFraction the share of the rest to validate on, at least 0 and below 1
     * @param seed the seed of the group order
     * @return the split
     * @throws DataException if a fraction is out of range, all clips share one group, or no group
     *     can be left for the test
     */
    public static Plan split(VideoCatalog catalog, double testFraction, double validationFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new DataException(
                    "test fraction " + testFraction + " is out of range; it must be above 0 and below 1");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new DataException("validation fraction " + validationFraction
                    + " is out of range; it must be at least 0 and below 1");
        }
        return new Splitter(catalog, testFraction, validationFraction, seed).run();
    }

    /** The state of one split. */
    private static final class Splitter {

        private final VideoCatalog catalog;
        private final double testFraction;
        private final double validationFraction;
        private final long seed;
        private final int classes;
        private final int[] size;
        /** Group id to clip count per class, groups sorted by id. */
        private final Map<String, int[]> groups = new TreeMap<>();
        /** Number of groups holding each class. */
        private final int[] groupsPerClass;

        private final double[][] target;
        private final int[][] have;
        private final Map<String, Integer> partOf = new HashMap<>();
        private final List<String> notes = new ArrayList<>();

        Splitter(VideoCatalog catalog, double testFraction, double validationFraction, long seed) {
            this.catalog = catalog;
            this.testFraction = testFraction;
            this.validationFraction = validationFraction;
            this.seed = seed;
            this.classes = catalog.classes().size();
            this.size = new int[classes];
            this.groupsPerClass = new int[classes];
            for (VideoClip clip : catalog.clips()) {
                int c = catalog.classIndex(clip);
                size[c]++;
                int[] counts = groups.computeIfAbsent(clip.group(), g -> new int[classes]);
                if (counts[c]++ == 0) {
                    groupsPerClass[c]++;
                }
            }
            this.target = new double[3][classes];
            this.have = new int[3][classes];
            for (int c = 0; c < classes; c++) {
                target[TEST][c] = testFraction * size[c];
                target[VALIDATION][c] = validationFraction * (size[c] - target[TEST][c]);
                target[TRAIN][c] = size[c] - target[TEST][c] - target[VALIDATION][c];
            }
        }

        Plan run() {
            if (groups.size() < 2) {
                throw new DataException(
                        catalog.root() + ": all " + catalog.clips().size()
                                + " clips are in one group ('"
                                + groups.keySet().iterator().next()
                                + "'); a group-aware split needs at least 2 groups");
            }
            List<String> order = new ArrayList<>(groups.keySet());
            Collections.shuffle(order, new Random(seed));
            int[] parts = validationFraction > 0 ? new int[] {TRAIN, TEST, VALIDATION} : new int[] {TRAIN, TEST};
            for (String g : order) {
                int best = parts[0];
                double bestCost = Double.POSITIVE_INFINITY;
                for (int p : parts) {
                    double cost = addCost(p, groups.get(g));
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = p;
                    }
                }
                assign(g, best);
            }
            repair();
            if (validationFraction > 0 && total(VALIDATION) == 0) {
                String g = cheapestMove(TRAIN, VALIDATION, null, true);
                if (g == null) {
                    notes.add("too few groups for a validation part");
                } else {
                    move(g, VALIDATION);
                }
            }
            if (total(TEST) == 0) {
                throw new DataException(catalog.root() + ": no group can be held out for the test without taking a"
                        + " class out of training; each class has a single group (" + catalog.groupCount()
                        + " groups in all); add clips from other source videos");
            }
            return plan();
        }

        /** The change in weighted squared shortfall when a group joins a part. */
        private double addCost(int part, int[] counts) {
            double cost = 0;
            for (int c = 0; c < classes; c++) {
                if (counts[c] > 0) {
                    double gap = have[part][c] - target[part][c];
                    cost += counts[c] * (2 * gap + counts[c]) / size[c];
                }
            }
            return cost;
        }

        private void assign(String group, int part) {
            int[] counts = groups.get(group);
            for (int c = 0; c < classes; c++) {
                have[part][c] += counts[c];
            }
            partOf.put(group, part);
        }

        private void move(String group, int part) {
            int[] counts = groups.get(group);
            int from = partOf.get(group);
            for (int c = 0; c < classes; c++) {
                have[from][c] -= counts[c];
            }
            assign(group, part);
        }

        /**
         * Fixes one missing presence at a time. A class with two or more groups must be in training
         * and test (hard); a class with a single group should be in training (soft: given up when
         * that would break a hard one). A move never breaks a hard presence, so hard gaps only
         * shrink, and a soft gap is given up after its one group cannot move.
         */
        private void repair() {
            boolean[] givenUp = new boolean[classes];
            for (int round = 0; round < 8 * classes + 8; round++) {
                int c = firstGap(givenUp);
                if (c < 0) {
                    return;
                }
                boolean hard = groupsPerClass[c] >= 2;
                int into = hard && have[TEST][c] == 0 ? TEST : TRAIN;
                String g = cheapestMove(-1, into, c, false);
                if (g != null) {
                    move(g, into);
                } else if (!hard) {
                    givenUp[c] = true;
                } else {
                    throw new DataException(
                            catalog.root() + ": class '" + catalog.classes().get(c)
                                    + "' cannot be in both training and test without cutting a group: each of its "
                                    + groupsPerClass[c] + " groups is the only one of another class on its side");
                }
            }
            throw new IllegalStateException("the split repair did not settle");
        }

        /** The first class that lacks a part it should have, or -1. */
        private int firstGap(boolean[] givenUp) {
            for (int c = 0; c < classes; c++) {
                if (givenUp[c]) {
                    continue;
                }
                boolean hard = groupsPerClass[c] >= 2;
                if (have[TRAIN][c] == 0 || (hard && have[TEST][c] == 0)) {
                    return c;
                }
            }
            return -1;
        }

        /**
         * The group to move into a part that takes no class away from a part it needs: from
         * validation first, then the smallest, then by id.
         *
         * @param from the part to take from, or -1 for any other part
         * @param into the part to move into
         * @param holding a class the group must hold, or null for any
         * @param keepSingles whether single-group classes must also keep their training presence
         * @return the group id, or null if no move is safe
         */
        private String cheapestMove(int from, int into, Integer holding, boolean keepSingles) {
            String best = null;
            int[] bestRank = null;
            for (Map.Entry<String, int[]> e : groups.entrySet()) {
                int part = partOf.get(e.getKey());
                int[] counts = e.getValue();
                if (part == into || (from >= 0 && part != from) || (holding != null && counts[holding] == 0)) {
                    continue;
                }
                if (!safe(counts, part, keepSingles)) {
                    continue;
                }
                int[] rank = {part == VALIDATION ? 0 : 1, sum(counts)};
                if (bestRank == null || rank[0] < bestRank[0] || (rank[0] == bestRank[0] && rank[1] < bestRank[1])) {
                    best = e.getKey();
                    bestRank = rank;
                }
            }
            return best;
        }

        /** Whether taking a group out of a part leaves every class the presence it needs there. */
        private boolean safe(int[] counts, int part, boolean keepSingles) {
            if (part == VALIDATION) {
                return true;
            }
            for (int c = 0; c < classes; c++) {
                boolean needed = groupsPerClass[c] >= 2 || (keepSingles && part == TRAIN);
                if (needed && counts[c] > 0 && have[part][c] == counts[c]) {
                    return false;
                }
            }
            return true;
        }

        private int total(int part) {
            return sum(have[part]);
        }

        private Plan plan() {
            List<List<VideoClip>> lists = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (VideoClip clip : catalog.clips()) {
                lists.get(partOf.get(clip.group())).add(clip);
            }
            return new Plan(lists.get(TRAIN), lists.get(VALIDATION), lists.get(TEST), describe(lists));
        }

        private String describe(List<List<VideoClip>> lists) {
            int[] groupCount = new int[3];
            partOf.values().forEach(p -> groupCount[p]++);
            long named =
                    groups.keySet().stream().filter(g -> g.indexOf('/') < 0).count();
            String source;
            if (named == groups.size()) {
                source = groups.size() + " groups from the _gNN_ tokens of the file names";
            } else if (named == 0) {
                source = groups.size() + " groups (no _gNN_ token in the file names, so each clip is its own group)";
            } else {
                source = groups.size() + " groups (" + named + " from _gNN_ tokens, " + (groups.size() - named)
                        + " clips without a token, each its own group)";
            }
            StringBuilder b = new StringBuilder("group-aware stratified split (seed ")
                    .append(seed)
                    .append("): ")
                    .append(source)
                    .append("; ");
            for (int p = 0; p < 3; p++) {
                b.append(p == 0 ? "" : ", ")
                        .append(lists.get(p).size())
                        .append(' ')
                        .append(PART_NAMES[p])
                        .append(" clips in ")
                        .append(groupCount[p])
                        .append(groupCount[p] == 1 ? " group" : " groups");
            }
            double lo = 1;
            double hi = 0;
            for (int c = 0; c < classes; c++) {
                double share = (double) have[TEST][c] / size[c];
                lo = Math.min(lo, share);
                hi = Math.max(hi, share);
            }
            b.append(String.format(
                    Locale.ROOT,
                    "; asked %s test and %s of the rest for validation; test share per class %s to %s",
                    percent(testFraction),
                    percent(validationFraction),
                    percent(lo),
                    percent(hi)));
            for (int c = 0; c < classes; c++) {
                if (have[TEST][c] == 0) {
                    b.append("; class '")
                            .append(catalog.classes().get(c))
                            .append("' has a single group, so it is trained on but not tested");
                }
            }
            notes.forEach(n -> b.append("; ").append(n));
            return b.toString();
        }
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }
}
