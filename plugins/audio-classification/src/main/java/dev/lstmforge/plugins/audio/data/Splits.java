package dev.lstmforge.plugins.audio.data;

import dev.lstmforge.support.DataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Divides a catalog into training, validation and test clips.
 *
 * <ul>
 *   <li>{@code official}: FSDD's own split, takes 0-4 of every speaker and digit test, 5-49 train;
 *   <li>{@code speaker}: whole speakers held out for the test (FSDD), so the score says how the
 *       model does on voices it never heard;
 *   <li>{@code fold}: whole folds held out for the test (metadata CSV);
 *   <li>{@code random}: a stratified random share of each class held out.
 * </ul>
 *
 * In every mode the validation clips are a stratified random share of the training side, so a
 * held-out speaker or fold reaches neither training, validation nor the feature statistics (which
 * are fitted on the training clips only).
 *
 * <pre>{@code
 * Splits.Plan p = Splits.split(catalog, "speaker", List.of("nicolas"), 0.2, 0.1, new Random(42));
 * p.test();          // the 500 clips of nicolas
 * p.description();   // "speaker-independent: test speakers [nicolas] (500 clips), ..."
 * }</pre>
 */
public final class Splits {

    /** The split modes. */
    public static final List<String> MODES = List.of("auto", "official", "speaker", "fold", "random");

    private Splits() {}

    /**
     * A split.
     *
     * @param mode the mode used ({@code auto} resolved)
     * @param train clips to learn from
     * @param validation clips to choose the epoch by
     * @param test clips to score
     * @param testGroups the held-out speakers or folds, empty for other modes
     * @param description the split in words, for reports
     */
    public record Plan(
            String mode,
            List<Clip> train,
            List<Clip> validation,
            List<Clip> test,
            List<String> testGroups,
            String description) {}

    /**
     * Resolves {@code auto}: official for FSDD names, fold for metadata CSV, random otherwise.
     *
     * @param mode the requested mode
     * @param layout the catalog's layout
     * @return the mode to use
     */
    public static String resolve(String mode, Layout layout) {
        if (!"auto".equals(mode)) {
            return mode;
        }
        return switch (layout) {
            case FSDD -> "official";
            case METADATA_CSV -> "fold";
            default -> "random";
        };
    }

    /**
     * Splits a catalog.
     *
     * @param catalog the clips
     * @param mode one of {@link #MODES}
     * @param holdOut speakers or folds to test on; empty: the last group in sorted order
     * @param testFraction share of each class tested in {@code random} mode
     * @param validationFraction share of each class of the training side used for validation
     * @param random the random source
     * @return the split
     * @throws DataException if the mode does not fit the layout or names an unknown group
     */
    public static Plan split(
            AudioCatalog catalog,
            String mode,
            List<String> holdOut,
            double testFraction,
            double validationFraction,
            Random random) {
        String m = resolve(mode, catalog.layout());
        List<Clip> trainSide = new ArrayList<>();
        List<Clip> test = new ArrayList<>();
        List<String> groups = List.of();
        String how;
        switch (m) {
            case "official" -> {
                requireLayout(catalog, m, Layout.FSDD);
                for (Clip c : catalog.clips()) {
                    (c.take() <= 4 ? test : trainSide).add(c);
                }
                how = "FSDD official split: takes 0-4 of every speaker and digit test, 5-49 train";
            }
            case "speaker", "fold" -> {
                if (catalog.layout() != Layout.SYNTHETIC || !"speaker".equals(m)) {
                    requireLayout(catalog, m, "speaker".equals(m) ? Layout.FSDD : Layout.METADATA_CSV);
                }
                Map<String, List<Clip>> byGroup = catalog.groups();
                List<String> chosen = holdOut.isEmpty()
                        ? List.of(new ArrayList<>(byGroup.keySet()).get(byGroup.size() - 1))
                        : holdOut;
                Set<String> unknown = new LinkedHashSet<>(chosen);
                unknown.removeAll(byGroup.keySet());
                if (!unknown.isEmpty()) {
                    throw new DataException(catalog.sourceName() + ": holdOut names " + unknown + ", but the "
                            + ("speaker".equals(m) ? "speakers" : "folds") + " are " + byGroup.keySet());
                }
                if (chosen.size() >= byGroup.size()) {
                    throw new DataException("holdOut " + chosen + " leaves no " + m + " to train on");
                }
                for (Clip c : catalog.clips()) {
                    (chosen.contains(c.group()) ? test : trainSide).add(c);
                }
                groups = List.copyOf(chosen);
                how = ("speaker".equals(m) ? "speaker-independent: test speakers " : "fold-based: test folds ") + chosen
                        + ", trained on " + without(byGroup.keySet(), chosen);
            }
            case "random" -> {
                for (List<Clip> cls : byClass(catalog.clips()).values()) {
                    List<Clip> shuffled = shuffled(cls, random);
                    int n = Math.max(1, (int) Math.round(testFraction * cls.size()));
                    n = Math.min(n, cls.size() - 1);
                    test.addAll(shuffled.subList(0, n));
                    trainSide.addAll(shuffled.subList(n, shuffled.size()));
                }
                how = "stratified random: " + Math.round(testFraction * 100) + "% of each class tested";
            }
            default -> throw new DataException("split '" + mode + "' is not one of " + MODES);
        }
        List<Clip> train = new ArrayList<>();
        List<Clip> validation = new ArrayList<>();
        for (List<Clip> cls : byClass(trainSide).values()) {
            List<Clip> shuffled = shuffled(cls, random);
            int n = cls.size() < 3 ? 0 : Math.max(1, (int) Math.round(validationFraction * cls.size()));
            validation.addAll(shuffled.subList(0, n));
            train.addAll(shuffled.subList(n, shuffled.size()));
        }
        if (validation.isEmpty() && train.size() > 1) {
            validation.add(train.remove(train.size() - 1));
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new DataException(catalog.sourceName() + ": the " + m + " split leaves " + train.size()
                    + " training and " + test.size() + " test clips; both need at least one");
        }
        String description = how + "; " + train.size() + " training, " + validation.size()
                + " validation (a stratified " + Math.round(validationFraction * 100)
                + "% of the training side), " + test.size() + " test clips";
        return new Plan(m, train, validation, test, groups, description);
    }

    private static void requireLayout(AudioCatalog catalog, String mode, Layout needed) {
        if (catalog.layout() != needed) {
            throw new DataException("split=" + mode + " needs " + needed.words() + ", but " + catalog.sourceName()
                    + " is " + catalog.layout().words() + "; use split=auto or split=random");
        }
    }

    private static List<String> without(Set<String> all, List<String> removed) {
        List<String> out = new ArrayList<>(all);
        out.removeAll(removed);
        return out;
    }

    private static Map<String, List<Clip>> byClass(List<Clip> clips) {
        Map<String, List<Clip>> out = new LinkedHashMap<>();
        for (Clip c : clips) {
            out.computeIfAbsent(c.label(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    private static List<Clip> shuffled(List<Clip> clips, Random random) {
        List<Clip> copy = new ArrayList<>(clips);
        Collections.shuffle(copy, random);
        return copy;
    }

    /**
     * Parses a comma-separated list, dropping blanks.
     *
     * @param text the list
     * @return the items
     */
    public static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
