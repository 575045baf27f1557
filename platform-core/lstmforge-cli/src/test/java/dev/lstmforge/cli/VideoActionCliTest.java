package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video-action plugin jar through the CLI: train on generated motion clips, predict a clip
 * and the shared real clip, export to plain DJL; and bad video input, each ending in exit code 2
 * with one line naming the file, and no model version.
 */
class VideoActionCliTest {

    private static final Path VIDEO_JAR = Cli.DIST_PLUGINS.resolve("lstmforge-plugin-video-action.jar");

    /** Fast settings: few, small frames, a small network, one epoch, four clips per class. */
    private static final String[] FAST = {
        "-P", "epochs=1", "-P", "frames=6", "-P", "frameSize=32", "-P", "hiddenSize=16", "-P", "clipsPerClass=4"
    };

    @TempDir
    Path tmp;

    private Path plugins;
    private Path models;

    @BeforeEach
    void installPlugin() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(VIDEO_JAR, plugins.resolve("video-action.jar"));
        models = tmp.resolve("models");
    }

    private Cli.Result train(Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "video-action"));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        args.addAll(List.of(FAST));
        args.addAll(List.of(extra));
        return Cli.run(plugins, models, args.toArray(String[]::new));
    }

    /** The generated clips of the first training run, from the cache folder the tests use. */
    private static List<Path> generatedClips() throws IOException {
        Path cache = Path.of(System.getProperty("lstmforge.cacheDir"), "video-action");
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.toString().endsWith(".mp4"))
                    .filter(p -> !p.toString().contains("/."))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void trainOnGeneratedClipsPredictAndExport() throws Exception {
        Cli.Result train = train(null);
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("saved video-action/v1").contains("accuracy");

        Path clip = generatedClips().get(0);
        Cli.Result p = Cli.run(plugins, models, "predict", "video-action", "--input", clip.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("\"label\"").contains("\"top\"").contains("\"frames\"");

        Path shared = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"), "video/clips/demo.mp4");
        if (Files.isRegularFile(shared)) {
            Cli.Result real = Cli.run(plugins, models, "predict", "video-action", "--input", shared.toString());
            assertThat(real.code()).as(real.err()).isZero();
            assertThat(real.out()).contains("\"label\"");
        }

        Path export = tmp.resolve("export");
        assertThat(Cli.run(plugins, models, "export", "video-action", "-o", export.toString())
                        .code())
                .isZero();
        String probe = EndToEndTest.runServingProbe(export, "PyTorch", "@" + clip.toAbsolutePath());
        assertThat(probe).contains("code=200").contains("\"label\"");
    }

    private void assertRejected(Cli.Result r, String... fragments) throws IOException {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.BAD_INPUT);
        String err = r.err().strip();
        assertThat(err).startsWith("lstmforge: ").doesNotContain("\n").doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(err).contains(f);
        }
        Path project = models.resolve("video-action");
        if (Files.isDirectory(project)) {
            try (Stream<Path> s = Files.list(project)) {
                assertThat(s.filter(c -> c.getFileName().toString().startsWith("v")))
                        .isEmpty();
            }
        }
    }

    @Test
    void badVideosAreRefusedByNameWithExitCode2() throws Exception {
        // a small valid set first: two classes of generated clips
        Cli.Result seed = train(null, "-P", "epochs=1");
        assertThat(seed.code()).as(seed.err()).isZero();
        Files.walk(models)
                .sorted((a, b) -> b.getNameCount() - a.getNameCount())
                .forEach(p -> p.toFile().delete());
        List<Path> clips = generatedClips();
        Path root = tmp.resolve("videos");
        for (String cls : List.of("left", "right")) {
            Files.createDirectories(root.resolve(cls));
            for (Path c : clips.stream()
                    .filter(c -> c.getFileName().toString().startsWith(cls + "_"))
                    .toList()) {
                Files.copy(c, root.resolve(cls).resolve(c.getFileName()));
            }
        }
        Path left = root.resolve("left");
        byte[] good = Files.readAllBytes(clips.get(0));

        Path empty = Files.write(left.resolve("empty.mp4"), new byte[0]);
        assertRejected(train(root), "empty.mp4", "empty file (0 bytes)");
        Files.delete(empty);

        Path text = Files.writeString(left.resolve("notes.mp4"), "these are my notes, not a video");
        assertRejected(train(root), "notes.mp4", "not a video");
        Files.delete(text);

        Path cut = Files.write(left.resolve("cut.mp4"), Arrays.copyOf(good, good.length / 2));
        assertRejected(train(root), "cut.mp4", "truncated");
        Files.delete(cut);

        Path voice = Path.of("src/test/resources/audio/7_jackson_0.mp3");
        Path audioOnly = Files.copy(voice, left.resolve("voice.mp4"));
        assertRejected(train(root), "voice.mp4", "no video stream (audio only)");
        Files.delete(audioOnly);

        assertRejected(train(root, "-P", "frames=200"), "too short");

        Path hollow = Files.createDirectories(root.resolve("up"));
        assertRejected(train(root), "up", "has no video files");
        Files.delete(hollow);
    }

    @Test
    void keypointTrajectoriesTrainAndPredictFromText() throws Exception {
        Path root = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"));
        Assumptions.assumeTrue(
                Files.isDirectory(root.resolve("video/gesture_point_history")), "gesture set not under the data root");
        Cli.Result train = Cli.run(
                plugins,
                models,
                "train",
                "video-action",
                "--data-root",
                root.toString(),
                "-P",
                "input=keypoints",
                "-P",
                "epochs=2");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("keypoint trajectories").contains("accuracy");
        Path request = Files.writeString(tmp.resolve("trajectory.txt"), "0 0 ".repeat(16));
        Cli.Result p = Cli.run(plugins, models, "predict", "video-action", "--input", request.toString());
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("\"label\"");
    }
}
