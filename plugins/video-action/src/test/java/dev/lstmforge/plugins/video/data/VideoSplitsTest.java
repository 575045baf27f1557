package dev.lstmforge.plugins.video.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VideoSplitsTest {

    private static final Path ROOT = Path.of("videos");

    /** A catalog of file names per class, grouped as {@link VideoCatalog#scan} would; no files are needed. */
    private static VideoCatalog catalog(Map<String, List<String>> files) {
        List<VideoClip> clips = new ArrayList<>();
        for (String cls : new TreeSet<>(files.keySet())) {
            for (String name : new TreeSet<>(files.get(cls))) {
                clips.add(new VideoClip(ROOT.resolve(cls).resolve(name), cls, VideoCatalog.groupOf(cls, name)));
            }
        }
        return new VideoCatalog(ROOT, new ArrayList<>(new TreeSet<>(files.keySet())), clips);
    }

    /** UCF101-like: every class has clips from groups g01..gN, 2 to 5 clips each. */
    private static VideoCatalog ucfLike(int classes, int groups, long seed) {
        Random r = new Random(seed);
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            String cls = "Action" + c;
            List<String> names = new ArrayList<>();
            for (int g = 1; g <= groups; g++) {
                int n = 2 + r.nextInt(4);
                for (int k = 1; k <= n; k++) {
                    names.add(String.format("v_%s_g%02d_c%02d.avi", cls, g, k));
                }
            }
            files.put(cls, names);
        }
        return catalog(files);
    }

    /** No tokens: each clip its own group. */
    private static VideoCatalog ungrouped(int classes, int perClass) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k < perClass; k++) {
                names.add(String.format("clip%02d.mp4", k));
            }
            files.put("class" + c, names);
        }
        return catalog(files);
    }

    /** Checks what must hold for every split: a partition of the clips, and no group in two parts. */
    private static void assertPartitionWithoutGroupLeaks(VideoCatalog c, VideoSplits.Plan p) {
        List<VideoClip> all = new ArrayList<>();
        all.addAll(p.train());
        all.addAll(p.validation());
        all.addAll(p.test());
        assertThat(all).hasSize(c.clips().size()).containsExactlyInAnyOrderElementsOf(c.clips());
        Map<String, String> partOfGroup = new HashMap<>();
        Map<String, List<VideoClip>> parts = Map.of("train", p.train(), "validation", p.validation(), "test", p.test());
        parts.forEach((name, clips) -> clips.forEach(clip -> {
            String before = partOfGroup.putIfAbsent(clip.group(), name);
            assertThat(before)
                    .as("group %s in %s and %s", clip.group(), before, name)
                    .isIn(null, name);
        }));
    }

    private static Set<String> classes(List<VideoClip> clips) {
        return clips.stream().map(VideoClip::className).collect(Collectors.toSet());
    }

    private static Set<String> groups(List<VideoClip> clips) {
        return clips.stream().map(VideoClip::group).collect(Collectors.toSet());
    }

    @Test
    void ucfGroupsNeverLeakAndEveryClassIsTrainedAndTested() {
        VideoCatalog c = ucfLike(6, 25, 1);
        VideoSplits.Plan p = VideoSplits.split(c, 42);
        assertThat(p.description())
                .startsWith(
                        "group-aware stratified split (seed 42): 25 groups from the _gNN_ tokens of the file names;")
                .contains(p.test().size() + " test clips in " + groups(p.test()).size() + " groups");
        assertPartitionWithoutGroupLeaks(c, p);
        assertThat(classes(p.train())).containsExactlyInAnyOrderElementsOf(c.classes());
        assertThat(classes(p.test())).containsExactlyInAnyOrderElementsOf(c.classes());
        assertThat(p.validation()).isNotEmpty();
        // group-level: the token names one group in every class, so the test groups are held out everywhere
        Set<String> testGroups = groups(p.test());
        assertThat(groups(p.train())).doesNotContainAnyElementsOf(testGroups);
        assertThat(groups(p.validation())).doesNotContainAnyElementsOf(testGroups);
        assertThat(testGroups).hasSizeBetween(4, 6); // about a fifth of 25
    }

    @Test
    void theTestShareOfEachClassIsCloseToTheAskedFraction() {
        VideoCatalog c = ucfLike(6, 25, 2);
        VideoSplits.Plan p = VideoSplits.split(c, 0.2, 0.1, 7);
        Map<String, Integer> size = c.counts();
        for (String cls : c.classes()) {
            double test =
                    p.test().stream().filter(x -> x.className().equals(cls)).count() / (double) size.get(cls);
            double val = p.validation().stream()
                            .filter(x -> x.className().equals(cls))
                            .count()
                    / (double) size.get(cls);
            assertThat(test).as("test share of %s", cls).isBetween(0.12, 0.28);
            assertThat(val).as("validation share of %s", cls).isBetween(0.03, 0.15);
        }
    }

    @Test
    void singleClipGroupsAreStratifiedExactly() {
        VideoCatalog c = ungrouped(4, 20);
        VideoSplits.Plan p = VideoSplits.split(c, 0.2, 0.1, 3);
        assertPartitionWithoutGroupLeaks(c, p);
        Map<String, Long> test =
                p.test().stream().collect(Collectors.groupingBy(VideoClip::className, Collectors.counting()));
        Map<String, Long> val =
                p.validation().stream().collect(Collectors.groupingBy(VideoClip::className, Collectors.counting()));
        assertThat(test.values()).hasSize(4).containsOnly(4L); // 20% of 20
        assertThat(val.values()).hasSize(4).allSatisfy(n -> assertThat(n).isBetween(1L, 2L)); // 10% of 16
        assertThat(p.description())
                .contains("seed 3")
                .contains("no _gNN_ token in the file names, so each clip is its own group")
                .contains("asked 20% test and 10% of the rest for validation");
    }

    @Test
    void theSameSeedGivesTheSameSplitAndOtherSeedsOthers() {
        VideoCatalog c = ucfLike(4, 12, 5);
        VideoSplits.Plan a = VideoSplits.split(c, 11);
        VideoSplits.Plan b = VideoSplits.split(c, 11);
        assertThat(b.train()).isEqualTo(a.train());
        assertThat(b.validation()).isEqualTo(a.validation());
        assertThat(b.test()).isEqualTo(a.test());
        assertThat(b.description()).isEqualTo(a.description());
        Set<Set<String>> testGroupSets = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            testGroupSets.add(groups(VideoSplits.split(c, seed).test()));
        }
        assertThat(testGroupSets).hasSizeGreaterThan(3);
    }

    @Test
    void listsKeepTheCatalogOrder() {
        VideoCatalog c = ucfLike(3, 10, 9);
        VideoSplits.Plan p = VideoSplits.split(c, 1);
        for (List<VideoClip> part : List.of(p.train(), p.validation(), p.test())) {
            List<Integer> positions = part.stream().map(c.clips()::indexOf).toList();
            assertThat(positions).isSorted();
        }
    }

    @Test
    void aClassWithASingleGroupIsTrainedOnAndTheDescriptionSaysItIsNotTested() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("wave", List.of("w_g01_c1.mp4", "w_g02_c1.mp4", "w_g03_c1.mp4", "w_g04_c1.mp4", "w_g05_c1.mp4"));
        files.put("clap", List.of("c_g01_c1.mp4", "c_g02_c1.mp4", "c_g03_c1.mp4", "c_g04_c1.mp4", "c_g05_c1.mp4"));
        files.put("solo", List.of("s_g09_c1.mp4", "s_g09_c2.mp4", "s_g09_c3.mp4"));
        VideoCatalog c = catalog(files);
        for (long seed = 0; seed < 20; seed++) {
            VideoSplits.Plan p = VideoSplits.split(c, seed);
            assertPartitionWithoutGroupLeaks(c, p);
            assertThat(classes(p.train())).contains("wave", "clap", "solo");
            assertThat(classes(p.test())).contains("wave", "clap").doesNotContain("solo");
            assertThat(p.description()).contains("class 'solo' has a single group, so it is trained on but not tested");
        }
    }

    @Test
    void twoClassesOfTwoClipsStillSplitWithoutValidation() {
        VideoCatalog c = ungrouped(2, 2);
        VideoSplits.Plan p = VideoSplits.split(c, 0);
        assertPartitionWithoutGroupLeaks(c, p);
        assertThat(classes(p.train())).containsExactlyInAnyOrder("class0", "class1");
        assertThat(classes(p.test())).containsExactlyInAnyOrder("class0", "class1");
        assertThat(p.validation()).isEmpty();
        assertThat(p.description()).contains("too few groups for a validation part");
    }

    @Test
    void validationFractionZeroLeavesValidationEmpty() {
        VideoSplits.Plan p = VideoSplits.split(ucfLike(3, 10, 4), 0.25, 0.0, 2);
        assertThat(p.validation()).isEmpty();
        assertThat(p.description()).doesNotContain("too few groups");
    }

    @Test
    void invariantsHoldOnManyRandomCatalogs() {
        Random r = new Random(123);
        for (int trial = 0; trial < 300; trial++) {
            int classes = 2 + r.nextInt(5);
            int groupPool = 2 + r.nextInt(12);
            Map<String, List<String>> files = new LinkedHashMap<>();
            for (int c = 0; c < classes; c++) {
                List<String> names = new ArrayList<>();
                int n = 2 + r.nextInt(12);
                for (int k = 0; k < n; k++) {
                    // a mix of shared tokens and untokenised clips
                    names.add(
                            r.nextInt(4) == 0
                                    ? "free" + k + ".mp4"
                                    : "v_c" + c + "_g" + r.nextInt(groupPool) + "_c" + k + ".mp4");
                }
                files.put("class" + c, names);
            }
            VideoCatalog c = catalog(files);
            double test = 0.1 + 0.4 * r.nextDouble();
            double val = 0.3 * r.nextDouble();
            VideoSplits.Plan p = VideoSplits.split(c, test, val, trial);
            assertPartitionWithoutGroupLeaks(c, p);
            for (String cls : c.classes()) {
                long groupCount =
                        c.clipsOf(cls).stream().map(VideoClip::group).distinct().count();
                if (groupCount >= 2) {
                    assertThat(classes(p.train()))
                            .as("trial %d, class %s in training", trial, cls)
                            .contains(cls);
                    assertThat(classes(p.test()))
                            .as("trial %d, class %s in test", trial, cls)
                            .contains(cls);
                }
            }
        }
    }

    @Test
    void aCatalogInOneGroupIsRefused() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("a", List.of("x_g01_1.mp4", "x_g01_2.mp4"));
        files.put("b", List.of("y_g01_1.mp4", "y_g01_2.mp4"));
        assertThatThrownBy(() -> VideoSplits.split(catalog(files), 1))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "videos: all 4 clips are in one group ('g01'); a group-aware split needs at least 2 groups");
    }

    @Test
    void classesThatEachHaveOneGroupLeaveNothingToTest() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put("a", List.of("x_g01_1.mp4", "x_g01_2.mp4"));
        files.put("b", List.of("y_g02_1.mp4", "y_g02_2.mp4"));
        assertThatThrownBy(() -> VideoSplits.split(catalog(files), 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no group can be held out for the test")
                .hasMessageContaining("each class has a single group");
    }

    @Test
    void fractionsOutOfRangeAreRefused() {
        VideoCatalog c = ungrouped(2, 5);
        assertThatThrownBy(() -> VideoSplits.split(c, 0, 0.1, 1))
                .isInstanceOf(DataException.class)
                .hasMessage("test fraction 0.0 is out of range; it must be above 0 and below 1");
        assertThatThrownBy(() -> VideoSplits.split(c, 1.0, 0.1, 1)).hasMessageContaining("test fraction 1.0");
        assertThatThrownBy(() -> VideoSplits.split(c, Double.NaN, 0.1, 1)).hasMessageContaining("test fraction NaN");
        assertThatThrownBy(() -> VideoSplits.split(c, 0.2, -0.1, 1))
                .hasMessage("validation fraction -0.1 is out of range; it must be at least 0 and below 1");
        assertThatThrownBy(() -> VideoSplits.split(c, 0.2, 1.0, 1)).hasMessageContaining("validation fraction 1.0");
    }
}
