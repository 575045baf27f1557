package dev.lstmforge.plugins.audio.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SplitsTest {

    static Path fsdd() {
        Path p = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"), "audio", "fsdd");
        Assumptions.assumeTrue(Files.isDirectory(p), "FSDD not under the data root");
        return p;
    }

    private static AudioCatalog synthetic() {
        return SyntheticSounds.generate(8000, 12, new Random(1)).catalog();
    }

    @Test
    void theSharedFsddFolderIsReadByItsFileNames() {
        AudioCatalog c = AudioCatalog.scan(fsdd());
        assertThat(c.layout()).isEqualTo(Layout.FSDD);
        assertThat(c.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(c.clips()).hasSize(2000);
        assertThat(c.groups().keySet()).containsExactly("george", "jackson", "lucas", "nicolas");
        Clip first = c.clips().stream()
                .filter(x -> x.name().equals("7_lucas_12.wav"))
                .findFirst()
                .orElseThrow();
        assertThat(first.label()).isEqualTo("7");
        assertThat(first.group()).isEqualTo("lucas");
        assertThat(first.take()).isEqualTo(12);
    }

    @Test
    void theOfficialSplitTestsTakesZeroToFour() {
        Splits.Plan p = Splits.split(AudioCatalog.scan(fsdd()), "auto", List.of(), 0.2, 0.1, new Random(3));
        assertThat(p.mode()).isEqualTo("official");
        assertThat(p.test()).hasSize(200).allSatisfy(c -> assertThat(c.take()).isBetween(0, 4));
        assertThat(p.train().size() + p.validation().size()).isEqualTo(1800);
        assertThat(p.train()).allSatisfy(c -> assertThat(c.take()).isGreaterThan(4));
        // validation is stratified: 18 of each digit's 180 training-side clips
        Map<String, Long> perClass =
                p.validation().stream().collect(Collectors.groupingBy(Clip::label, Collectors.counting()));
        assertThat(perClass.values()).containsOnly(18L);
    }

    @Test
    void aHeldOutSpeakerReachesNeitherTrainingNorValidation() {
        AudioCatalog c = AudioCatalog.scan(fsdd());
        for (String speaker : c.groups().keySet()) {
            Splits.Plan p = Splits.split(c, "speaker", List.of(speaker), 0.2, 0.1, new Random(3));
            assertThat(p.test())
                    .hasSize(500)
                    .allSatisfy(x -> assertThat(x.group()).isEqualTo(speaker));
            assertThat(p.train()).noneMatch(x -> x.group().equals(speaker));
            assertThat(p.validation()).noneMatch(x -> x.group().equals(speaker));
            assertThat(p.train().size() + p.validation().size()).isEqualTo(1500);
            assertThat(p.description()).contains("speaker-independent").contains(speaker);
        }
    }

    @Test
    void withoutHoldOutTheLastSpeakerIsTested() {
        Splits.Plan p = Splits.split(synthetic(), "speaker", List.of(), 0.2, 0.1, new Random(3));
        assertThat(p.testGroups()).containsExactly("voice4");
    }

    @Test
    void theRandomSplitIsStratifiedAndDisjoint() {
        AudioCatalog c = synthetic();
        Splits.Plan p = Splits.split(c, "random", List.of(), 0.25, 0.1, new Random(3));
        Set<Clip> seen = new HashSet<>();
        for (List<Clip> part : List.of(p.train(), p.validation(), p.test())) {
            for (Clip x : part) {
                assertThat(seen.add(x)).isTrue();
            }
        }
        assertThat(seen).hasSize(c.clips().size());
        Map<String, Long> tested = p.test().stream().collect(Collectors.groupingBy(Clip::label, Collectors.counting()));
        assertThat(tested.values()).containsOnly(3L);
    }

    @Test
    void modesThatDoNotFitTheLayoutAndUnknownGroupsAreRefused() {
        assertThatThrownBy(() -> Splits.split(synthetic(), "official", List.of(), 0.2, 0.1, new Random(1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("split=official needs FSDD file names");
        assertThatThrownBy(() -> Splits.split(synthetic(), "fold", List.of(), 0.2, 0.1, new Random(1)))
                .hasMessageContaining("needs metadata CSV");
        assertThatThrownBy(() -> Splits.split(synthetic(), "speaker", List.of("bob"), 0.2, 0.1, new Random(1)))
                .hasMessageContaining("holdOut names [bob]")
                .hasMessageContaining("voice1");
        assertThatThrownBy(() -> Splits.split(
                        synthetic(),
                        "speaker",
                        List.of("voice1", "voice2", "voice3", "voice4"),
                        0.2,
                        0.1,
                        new Random(1)))
                .hasMessageContaining("leaves no speaker to train on");
    }
}
