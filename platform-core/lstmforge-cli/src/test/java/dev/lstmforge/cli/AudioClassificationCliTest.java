package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audio-classification plugin jar through the CLI: train on a small FSDD-named folder, predict a
 * WAV, a FLAC, an MP3 and a folder of clips, export to plain DJL; and bad audio input, each ending
 * in exit code 2 with one line naming the file, and no model version.
 */
class AudioClassificationCliTest {

    private static final Path AUDIO_JAR = Cli.DIST_PLUGINS.resolve("lstmforge-plugin-audio-classification.jar");
    private static final Path FIXTURES = Path.of("src/test/resources/audio");

    /** Fast settings: 8 kHz features, a small network, two epochs. */
    private static final String[] FAST = {
        "-P", "epochs=2", "-P", "hiddenSize=16", "-P", "sampleRate=8000", "-P", "nFft=512", "-P", "hopLength=128"
    };

    @TempDir
    Path tmp;

    private Path plugins;
    private Path models;

    @BeforeEach
    void installPlugin() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        Files.copy(AUDIO_JAR, plugins.resolve("audio-classification.jar"));
        models = tmp.resolve("models");
    }

    /** A tone clip as 16-bit PCM WAV bytes; the class changes the pitch. */
    static byte[] wav(int rate, double hz, int samples) {
        ByteBuffer data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return riff(fmt(1, 1, rate, 16), chunk("data", data.array()));
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rate);
        b.putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    static byte[] riff(byte[]... chunks) {
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(size).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            b.put(c);
        }
        return b.array();
    }

    /** Two classes ("low", "high") of tones, six clips each, folder-per-class. */
    private Path toneFolders() throws IOException {
        Path root = tmp.resolve("tones");
        for (String cls : List.of("low", "high")) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < 6; i++) {
                double hz = (cls.equals("low") ? 300 : 1800) + 40 * i;
                Files.write(root.resolve(cls).resolve(cls + i + ".wav"), wav(8000, hz, 2400 + 400 * i));
            }
        }
        return root;
    }

    private Cli.Result train(Path data, String... extra) {
        List<String> args =
                new java.util.ArrayList<>(List.of("train", "audio-classification", "--data", data.toString()));
        args.addAll(List.of(FAST));
        args.addAll(List.of(extra));
        return Cli.run(plugins, models, args.toArray(String[]::new));
    }

    /** The tone classes at other pitches, plus any extra classes, as a second task. */
    private Path moreTones(String name, List<String> classes) throws IOException {
        Path root = tmp.resolve(name);
        for (String cls : classes) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < 6; i++) {
                double hz = (cls.equals("low") ? 500 : cls.equals("high") ? 2200 : 1000) + 30 * i;
                Files.write(root.resolve(cls).resolve(cls + i + ".wav"), wav(8000, hz, 3000 + 300 * i));
            }
        }
        return root;
    }

    @Test
    void fineTuningKeepsTheClassesRefusesAnUnseenOneAndRecordsTheLineageThroughExport() throws Exception {
        assertThat(train(toneFolders()).code()).isZero();
        // an unseen class cannot be encoded by the model's class list: exit 2, nothing saved
        Path extra = moreTones("with-mid", List.of("low", "high", "mid"));
        Cli.Result refused = Cli.run(
                plugins,
                models,
                "train",
                "audio-classification",
                "--from",
                "audio-classification/v1",
                "--data",
                extra.toString());
        assertThat(refused.code()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("[high, low, mid]").contains("differ from the model's [high, low]");
        assertThat(models.resolve("audio-classification/v2")).doesNotExist();

        Path second = moreTones("second", List.of("low", "high"));
        Cli.Result tuned = Cli.run(
                plugins,
                models,
                "train",
                "audio-classification",
                "--from",
                "audio-classification/v1",
                "--data",
                second.toString(),
                "-P",
                "strategy=replay",
                "-P",
                "replayPerTask=5",
                "-P",
                "epochs=1");
        assertThat(tuned.code()).as(tuned.err()).isZero();
        assertThat(tuned.out()).contains("saved audio-classification/v2");
        assertThat(models.resolve("audio-classification/v2/continual-replay.bin"))
                .isRegularFile();

        Path zip = tmp.resolve("tuned.zip");
        assertThat(Cli.run(plugins, models, "export", "audio-classification/v2", "-o", zip.toString())
                        .code())
                .isZero();
        Cli.Result lineage = Cli.run(plugins, models, "lineage", zip.toString());
        assertThat(lineage.code()).as(lineage.err()).isZero();
        assertThat(lineage.out())
                .contains("audio-classification/v1")
                .contains("scratch")
                .contains("replay")
                .contains(second.toAbsolutePath().toString());
    }

    @Test
    void trainPredictWavFlacMp3AndFolderThenExport() throws Exception {
        Path fsdd = Files.createDirectories(tmp.resolve("fsdd"));
        Path shared = Path.of(System.getProperty("lstmforge.dataRoot", "../../../shared/data"), "audio", "fsdd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "FSDD not under the data root");
        try (Stream<Path> s = Files.list(shared)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches("\\d_(jackson|lucas)_[0-9]\\.wav"))
                    .toList()) {
                Files.copy(f, fsdd.resolve(f.getFileName()));
            }
        }
        Cli.Result train = train(fsdd);
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("saved audio-classification/v1").contains("accuracy");
        // evaluating a saved model decodes the training clips again for the DTW baseline's templates
        Cli.Result evaluate = Cli.run(plugins, models, "evaluate", "audio-classification", "--data", fsdd.toString());
        assertThat(evaluate.code()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("dtw_baseline_accuracy").contains("the DTW template baseline (");

        for (String ext : List.of("wav", "flac", "mp3")) {
            Path clip = FIXTURES.resolve("7_jackson_0." + ext);
            Cli.Result p = Cli.run(plugins, models, "predict", "audio-classification", "--input", clip.toString());
            assertThat(p.code()).as(ext + ": " + p.err()).isZero();
            assertThat(p.out()).contains("\"label\"").contains("\"top\"").contains("\"seconds\"");
        }
        // a binary request body (an MP3) through the latency benchmark
        Cli.Result bench = Cli.run(
                plugins,
                models,
                "bench",
                "audio-classification",
                "--input",
                FIXTURES.resolve("7_jackson_0.mp3").toString(),
                "--requests",
                "3",
                "--warmup",
                "1",
                "--warmup-limit",
                "1");
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("latency ms: p50");
        Cli.Result folder = Cli.run(
                plugins, models, "predict", "audio-classification", "--input", FIXTURES.toString(), "--batch", "2");
        assertThat(folder.code()).as(folder.err()).isNotZero(); // README.md in the folder is not audio
        assertThat(folder.err()).contains("README.md");
        Path clips = Files.createDirectories(tmp.resolve("clips"));
        for (String ext : List.of("wav", "flac", "mp3")) {
            Files.copy(FIXTURES.resolve("7_jackson_0." + ext), clips.resolve("7_jackson_0." + ext));
        }
        folder = Cli.run(
                plugins, models, "predict", "audio-classification", "--input", clips.toString(), "--batch", "2");
        assertThat(folder.code()).as(folder.err()).isZero();
        assertThat(folder.out())
                .contains("\"file\": \"7_jackson_0.flac\"")
                .contains("\"file\": \"7_jackson_0.mp3\"")
                .contains("\"file\": \"7_jackson_0.wav\"");

        Path export = tmp.resolve("export");
        assertThat(Cli.run(plugins, models, "export", "audio-classification", "-o", export.toString())
                        .code())
                .isZero();
        String probe = EndToEndTest.runServingProbe(
                export, "PyTorch", "@" + FIXTURES.resolve("7_jackson_0.mp3").toAbsolutePath());
        assertThat(probe).contains("code=200").contains("\"label\"");
    }

    private void assertRejected(Cli.Result r, String... fragments) throws IOException {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.BAD_INPUT);
        String err = r.err().strip();
        assertThat(err).startsWith("lstmforge: ").doesNotContain("\n").doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(err).contains(f);
        }
        Path project = models.resolve("audio-classification");
        if (Files.isDirectory(project)) {
            try (Stream<Path> s = Files.list(project)) {
                assertThat(s.filter(c -> c.getFileName().toString().startsWith("v")))
                        .isEmpty();
            }
        }
    }

    @Test
    void badAudioFilesAreRefusedByNameWithExitCode2() throws Exception {
        Path root = toneFolders();
        Path low = root.resolve("low");

        Path empty = Files.write(low.resolve("empty.wav"), new byte[0]);
        assertRejected(train(root), "empty.wav", "empty file (0 bytes)");
        Files.delete(empty);

        Path text = Files.writeString(low.resolve("notes.wav"), "these are my notes, not audio");
        assertRejected(train(root), "notes.wav", "not a WAV file");
        Files.delete(text);

        byte[] whole = wav(8000, 440, 4000);
        Path cut = Files.write(low.resolve("cut.wav"), java.util.Arrays.copyOf(whole, 3000));
        assertRejected(train(root), "cut.wav", "truncated");
        Files.delete(cut);

        Path corrupt = Files.write(low.resolve("corrupt.wav"), riff(chunk("data", new byte[400])));
        assertRejected(train(root), "corrupt.wav", "no fmt chunk");
        Files.delete(corrupt);

        Path odd = Files.write(low.resolve("odd.wav"), riff(fmt(0x1234, 1, 8000, 16), chunk("data", new byte[800])));
        assertRejected(train(root), "odd.wav", "unsupported sample format", "0x1234");
        Files.delete(odd);

        Path lonely = Files.createDirectories(root.resolve("lonely"));
        Files.write(lonely.resolve("one.wav"), wav(8000, 900, 3000));
        assertRejected(train(root), "lonely", "class 'lonely' has 1 audio file");
    }

    @Test
    void aConvolutionalFrontEndOnTooFewBandsIsRefusedWithExitCode2() throws Exception {
        Path root = toneFolders();
        assertRejected(
                train(root, "-P", "features=logmel", "-P", "nMels=3", "-P", "convChannels=4"),
                "convChannels 4",
                "features=logmel gives 3");
    }

    @Test
    void badMetadataCsvIsRefusedByNameWithExitCode2() throws Exception {
        Path root = tmp.resolve("urban");
        Files.createDirectories(root.resolve("audio/fold1"));
        Files.write(root.resolve("audio/fold1/a.wav"), wav(8000, 400, 3000));
        Files.createDirectories(root.resolve("metadata"));
        Path csv = Files.writeString(
                root.resolve("metadata/UrbanSound8K.csv"),
                "slice_file_name,fsID,start,end,salience,fold,classID,class\n"
                        + "a.wav,1,0,1,1,1,3,dog_bark\n"
                        + "missing.wav,1,0,1,1,1,3,dog_bark\n");
        assertRejected(train(csv), "UrbanSound8K.csv line 3", "fold1/missing.wav not found");
        Files.writeString(csv, "slice_file_name,fsID,fold,classID\na.wav,1,1,3\n");
        assertRejected(train(csv), "column 'class' not found", "UrbanSound8K.csv");
    }

    @Test
    void aBadRequestFileIsNamed() throws Exception {
        Cli.Result train = train(toneFolders());
        assertThat(train.code()).as(train.err()).isZero();
        Path bad = Files.writeString(tmp.resolve("request.wav"), "not audio at all");
        Cli.Result p = Cli.run(plugins, models, "predict", "audio-classification", "--input", bad.toString());
        assertThat(p.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(p.err())
                .contains("request.wav: ")
                .contains("not an audio file")
                .doesNotContain("Exception");
    }

    @Test
    void leaveOneSpeakerOutTrainsOneModelPerSpeaker() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("voices"));
        String[] speakers = {"ann", "bob", "cy"};
        for (int s = 0; s < speakers.length; s++) {
            for (int digit = 0; digit < 2; digit++) {
                for (int take = 0; take < 4; take++) {
                    double hz = (digit == 0 ? 350 : 1500) * (1 + 0.05 * s) + 20 * take;
                    Files.write(
                            root.resolve(digit + "_" + speakers[s] + "_" + take + ".wav"),
                            wav(8000, hz, 2400 + 300 * take));
                }
            }
        }
        List<String> args = new java.util.ArrayList<>(List.of(
                "cross-validate",
                "audio-classification",
                "--data",
                root.toString(),
                "-P",
                "split=speaker",
                "--over",
                "holdOut=ann,bob,cy",
                "--metrics",
                "accuracy,macro_f1"));
        args.addAll(List.of(FAST));
        Cli.Result cv = Cli.run(plugins, models, args.toArray(String[]::new));
        assertThat(cv.code()).as(cv.err()).isZero();
        assertThat(cv.out())
                .contains("fold holdOut=ann: saved audio-classification/v1")
                .contains("fold holdOut=cy: saved audio-classification/v3")
                .contains("test speakers [bob]")
                .containsPattern("(?m)^mean +[0-9.]+ +[0-9.]+$")
                .containsPattern("(?m)^sd +[0-9.]+ +[0-9.]+$");

        Cli.Result twice = Cli.run(
                plugins,
                models,
                "cross-validate",
                "audio-classification",
                "-P",
                "holdOut=ann",
                "--over",
                "holdOut=ann,bob");
        assertThat(twice.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(twice.err()).contains("-P holdOut and --over holdOut both set holdOut");
    }
}
