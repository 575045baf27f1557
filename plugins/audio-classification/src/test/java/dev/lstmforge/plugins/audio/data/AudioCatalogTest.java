package dev.lstmforge.plugins.audio.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.audio.decode.AudioFixtures;
import dev.lstmforge.support.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioCatalogTest {

    private static void wav(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        AudioFixtures.writeWav(file, AudioFixtures.sine(440, 8000, 800, 0.3), 8000);
    }

    @Test
    void folderPerClassNamesTheClassesAfterTheFolders(@TempDir Path root) throws Exception {
        for (String cls : List.of("dog", "cat", "bird")) {
            for (int i = 0; i < 3; i++) {
                wav(root.resolve(cls).resolve(cls + i + ".wav"));
            }
        }
        Files.writeString(root.resolve("cat").resolve("README.txt"), "not audio, ignored");
        AudioCatalog c = AudioCatalog.scan(root);
        assertThat(c.layout()).isEqualTo(Layout.FOLDER_PER_CLASS);
        assertThat(c.classes()).containsExactly("bird", "cat", "dog");
        assertThat(c.clips()).hasSize(9).allSatisfy(x -> assertThat(x.group()).isNull());
        assertThat(Splits.resolve("auto", c.layout())).isEqualTo("random");
    }

    @Test
    void aClassFolderWithOneFileIsRefusedByName(@TempDir Path root) throws Exception {
        wav(root.resolve("dog").resolve("a.wav"));
        wav(root.resolve("dog").resolve("b.wav"));
        wav(root.resolve("cat").resolve("only.wav"));
        assertThatThrownBy(() -> AudioCatalog.scan(root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(root.resolve("cat").toString())
                .hasMessageContaining("class 'cat' has 1 audio file; each class needs at least 2");
    }

    @Test
    void filesThatDoNotFollowTheFsddNamingAreRefused(@TempDir Path root) throws Exception {
        wav(root.resolve("0_anna_0.wav"));
        wav(root.resolve("hello.wav"));
        assertThatThrownBy(() -> AudioCatalog.scan(root))
                .hasMessageContaining("hello.wav")
                .hasMessageContaining("{digit}_{speaker}_{index}.wav");
    }

    /** UrbanSound8K layout: metadata/UrbanSound8K.csv and audio/fold<N>/. */
    private static Path urbanSound(Path root, String header, String... rows) throws Exception {
        Path csv = root.resolve("metadata").resolve("UrbanSound8K.csv");
        Files.createDirectories(csv.getParent());
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String r : rows) {
            b.append(r).append('\n');
        }
        Files.writeString(csv, b);
        return csv;
    }

    @Test
    void aMetadataCsvFindsItsFilesUnderTheFoldFolders(@TempDir Path root) throws Exception {
        String header = "slice_file_name,fsID,start,end,salience,fold,classID,class";
        Random r = new Random(1);
        String[] rows = new String[8];
        for (int i = 0; i < 8; i++) {
            int fold = 1 + i % 2;
            String cls = i % 4 < 2 ? "siren" : "dog_bark";
            String name = i + "-" + r.nextInt(1000) + ".wav";
            wav(root.resolve("audio").resolve("fold" + fold).resolve(name));
            rows[i] = name + ",1,0,1,1," + fold + "," + (cls.equals("siren") ? 8 : 3) + "," + cls;
        }
        urbanSound(root, header, rows);
        AudioCatalog c = AudioCatalog.scan(root);
        assertThat(c.layout()).isEqualTo(Layout.METADATA_CSV);
        assertThat(c.classes()).containsExactly("dog_bark", "siren");
        assertThat(c.groups().keySet()).containsExactly("fold1", "fold2");
        Splits.Plan p = Splits.split(c, "auto", List.of(), 0.2, 0.1, new Random(1));
        assertThat(p.mode()).isEqualTo("fold");
        assertThat(p.test()).hasSize(4).allSatisfy(x -> assertThat(x.group()).isEqualTo("fold2"));
    }

    @Test
    void aMetadataCsvWithAMissingFileOrWithoutAClassColumnIsRefused(@TempDir Path root) throws Exception {
        wav(root.resolve("audio").resolve("fold1").resolve("a.wav"));
        Path csv = urbanSound(
                root,
                "slice_file_name,fsID,start,end,salience,fold,classID,class",
                "a.wav,1,0,1,1,1,3,dog_bark",
                "gone.wav,1,0,1,1,1,3,dog_bark");
        assertThatThrownBy(() -> AudioCatalog.scan(csv))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("UrbanSound8K.csv line 3, column slice_file_name")
                .hasMessageContaining("fold1/gone.wav not found");
        Path noClass = urbanSound(root, "slice_file_name,fsID,fold,classID", "a.wav,1,1,3");
        assertThatThrownBy(() -> AudioCatalog.scan(noClass))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("column 'class' not found in")
                .hasMessageContaining("UrbanSound8K.csv");
    }
}
