package dev.lstmforge.plugins.video.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoCatalogTest {

    /** The catalog does not decode, so any bytes stand for a clip. */
    private static Path touch(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not decoded by the catalog");
    }

    @Test
    void classesAndClipsAreSortedAndOnlyVisibleVideoFilesCount(@TempDir Path root) throws Exception {
        for (String name : new String[] {"b.MP4", "a.avi", "c.Mkv", "d.webm", "notes.txt", ".hidden.mp4", "e.mov"}) {
            touch(root.resolve("walk").resolve(name));
        }
        touch(root.resolve("walk").resolve("nested").resolve("x.mp4"));
        touch(root.resolve("run").resolve("z.mp4"));
        touch(root.resolve("run").resolve("y.mp4"));
        touch(root.resolve("jump").resolve("k.webm"));
        touch(root.resolve("jump").resolve("j.AVI"));
        touch(root.resolve(".cache").resolve("q.mp4"));
        touch(root.resolve("README.md"));

        VideoCatalog c = VideoCatalog.scan(root);

        assertThat(c.root()).isEqualTo(root);
        assertThat(c.classes()).containsExactly("jump", "run", "walk");
        assertThat(c.clips())
                .extracting(VideoClip::name)
                .containsExactly(
                        "jump/j.AVI",
                        "jump/k.webm",
                        "run/y.mp4",
                        "run/z.mp4",
                        "walk/a.avi",
                        "walk/b.MP4",
                        "walk/c.Mkv",
                        "walk/d.webm");
        assertThat(c.counts()).containsEntry("walk", 4).containsEntry("run", 2).containsEntry("jump", 2);
        assertThat(c.classIndex("run")).isEqualTo(1);
        assertThat(c.classIndex(c.clips().get(7))).isEqualTo(2);
        assertThat(c.clipsOf("run"))
                .extracting(VideoClip::file)
                .containsExactly(root.resolve("run/y.mp4"), root.resolve("run/z.mp4"));
        assertThat(c.clips()).allSatisfy(x -> assertThat(x.file()).isRegularFile());
    }

    @Test
    void theGroupComesFromAUcfStyleTokenElseTheClipIsItsOwnGroup(@TempDir Path root) throws Exception {
        touch(root.resolve("ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi"));
        touch(root.resolve("ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c02.avi"));
        touch(root.resolve("ApplyEyeMakeup/v_ApplyEyeMakeup_g09_c01.avi"));
        touch(root.resolve("Archery/v_Archery_g08_c01.avi"));
        touch(root.resolve("Archery/clip1.mp4"));

        VideoCatalog c = VideoCatalog.scan(root);

        assertThat(c.clips())
                .extracting(VideoClip::group)
                .containsExactly("g08", "g08", "g09", "Archery/clip1.mp4", "g08");
        assertThat(c.clips()).extracting(VideoClip::hasNamedGroup).containsExactly(true, true, true, false, true);
        assertThat(c.groupCount()).isEqualTo(3);

        assertThat(VideoCatalog.groupOf("wave", "wave_G3.mp4")).isEqualTo("g3");
        assertThat(VideoCatalog.groupOf("x", "g12_take2.mkv")).isEqualTo("g12");
        // not a token: letters glued to the digits, or "g" without digits
        assertThat(VideoCatalog.groupOf("x", "big08_c01.mp4")).isEqualTo("x/big08_c01.mp4");
        assertThat(VideoCatalog.groupOf("x", "dog_go_c1.mp4")).isEqualTo("x/dog_go_c1.mp4");
        assertThat(VideoCatalog.groupOf("x", "v_a_g08x_c01.mp4")).isEqualTo("x/v_a_g08x_c01.mp4");
    }

    @Test
    void videoExtensionsAreMatchedIgnoringCase() {
        assertThat(VideoCatalog.isVideoFileName("a.MP4")).isTrue();
        assertThat(VideoCatalog.isVideoFileName("a.WebM")).isTrue();
        assertThat(VideoCatalog.isVideoFileName("a.mp4.txt")).isFalse();
        assertThat(VideoCatalog.isVideoFileName("mp4")).isFalse();
        assertThat(VideoCatalog.isVideoFileName(".mp4")).isFalse();
        assertThat(VideoCatalog.isVideoFileName(".x.mp4")).isFalse();
    }

    @Test
    void aMissingRootOrAFileIsRefusedByName(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("nowhere");
        assertThatThrownBy(() -> VideoCatalog.scan(missing))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(missing + ": no such folder");
        Path file = touch(tmp.resolve("clip.mp4"));
        assertThatThrownBy(() -> VideoCatalog.scan(file))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": is a file, not a folder");
    }

    @Test
    void aRootWithoutClassFoldersIsRefused(@TempDir Path root) throws Exception {
        assertThatThrownBy(() -> VideoCatalog.scan(root))
                .isInstanceOf(DataException.class)
                .hasMessage(root + ": no class folders (it holds no sub-folders); put the videos of each class in a"
                        + " sub-folder named after the class (root/<class>/*.mp4)");
        touch(root.resolve("a.mp4"));
        touch(root.resolve("b.mp4"));
        assertThatThrownBy(() -> VideoCatalog.scan(root))
                .hasMessageContaining("it holds 2 video files but no sub-folders");
    }

    @Test
    void anEmptyClassFolderIsRefusedByName(@TempDir Path root) throws Exception {
        touch(root.resolve("walk/a.mp4"));
        touch(root.resolve("walk/b.mp4"));
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> VideoCatalog.scan(root))
                .isInstanceOf(DataException.class)
                .hasMessage(root.resolve("empty") + ": class folder 'empty' has no video files (.mp4, .avi, .mkv,"
                        + " .webm; the folder is empty)");
        touch(root.resolve("empty/readme.txt"));
        touch(root.resolve("empty/.hidden.mp4"));
        assertThatThrownBy(() -> VideoCatalog.scan(root)).hasMessageContaining("1 other file ignored");
    }

    @Test
    void aClassWithTooFewClipsOrASingleClassIsRefused(@TempDir Path root) throws Exception {
        touch(root.resolve("walk/a.mp4"));
        touch(root.resolve("walk/b.mp4"));
        assertThatThrownBy(() -> VideoCatalog.scan(root))
                .isInstanceOf(DataException.class)
                .hasMessage(root + ": only one class folder ('walk'); a classifier needs at least 2 classes, each in"
                        + " its own sub-folder");
        touch(root.resolve("run/only.mp4"));
        assertThatThrownBy(() -> VideoCatalog.scan(root))
                .isInstanceOf(DataException.class)
                .hasMessage(root.resolve("run") + ": class 'run' has 1 video file; each class needs at least "
                        + VideoCatalog.MIN_CLIPS_PER_CLASS + " (one to train on, one to test)");
        touch(root.resolve("run/second.mp4"));
        assertThat(VideoCatalog.scan(root).clips()).hasSize(4);
    }
}
