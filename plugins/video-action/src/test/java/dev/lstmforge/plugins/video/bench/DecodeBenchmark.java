package dev.lstmforge.plugins.video.bench;

import dev.lstmforge.plugins.video.data.SyntheticActions;
import dev.lstmforge.plugins.video.decode.DecodedClip;
import dev.lstmforge.plugins.video.decode.Sampling;
import dev.lstmforge.plugins.video.decode.VideoDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Decode + sample throughput of {@link VideoDecoder} at 224x224, per sampling strategy, on one Java
 * thread (FFmpeg may add its own decoding threads: {@code threads=0} lets it, {@code threads=1}
 * does not), for two clips: the shared real clip {@code video/clips/demo.mp4} under {@code
 * -Dlstmforge.dataRoot} (H.264, 340x256, 28 fps, 280 frames) and a generated one ({@link
 * SyntheticActions}, H.264, 320x240, 25 fps, {@value #GENERATED_FRAMES} frames, a key frame every
 * 12). One operation decodes and samples one whole clip; {@link #main} also prints the score as
 * clip frames per second (the clip's length times clips per second: how fast a strategy gets
 * through video) and as sampled frames per second. Run from the repository root with (about 3
 * minutes; arguments after the class name are JMH's own):
 *
 * <pre>
 * A=plugins/video-action; mvn -B -o -q -pl $A test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath \
 *   &amp;&amp; java -Dlstmforge.dataRoot=../shared/data \
 *     -cp $A/target/test-classes:$A/target/classes:$(cat $A/target/bench.classpath) \
 *     dev.lstmforge.plugins.video.bench.DecodeBenchmark -f 1 -wi 1 -i 3
 * </pre>
 *
 * <p>Without the shared clip the {@code clip=shared} runs fail in their setup and the others still
 * run; {@code -p clip=generated} runs only those.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {

    /** The output side, as the target states it. */
    static final int SIZE = 224;

    /** The generated clip's length. */
    static final int GENERATED_FRAMES = 96;

    /** The frames the shared clip has. */
    static final int SHARED_FRAMES = 280;

    /** Which clip: the shared real one or a generated one. */
    @Param({"shared", "generated"})
    public String clip;

    /** The sampling, in {@link Sampling#parse} form. */
    @Param({"uniform:16", "every:5:16", "difference:16", "keyframes:16", "keyframes:4"})
    public String sampling;

    /** FFmpeg decoding threads: 0 for FFmpeg's choice, 1 for one. */
    @Param({"0", "1"})
    public int threads;

    private VideoDecoder decoder;
    private Sampling plan;
    private Path file;
    private Path temporary;
    private float[] buffer;

    /**
     * Finds or writes the clip and makes the decoder.
     *
     * @throws IOException when the generated clip cannot be written
     */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        plan = Sampling.parse(sampling);
        decoder = new VideoDecoder(SIZE, SIZE, threads);
        buffer = new float[plan.frames() * 3 * SIZE * SIZE];
        if (clip.equals("shared")) {
            String root = System.getProperty("lstmforge.dataRoot");
            file = root == null ? null : Path.of(root, "video", "clips", "demo.mp4");
            if (file == null || !Files.isRegularFile(file)) {
                throw new IllegalStateException(
                        "the shared clip video/clips/demo.mp4 is not under -Dlstmforge.dataRoot=" + root);
            }
        } else {
            temporary = Files.createTempDirectory("decode-benchmark-");
            SyntheticActions.Spec spec =
                    new SyntheticActions.Spec(320, 240, GENERATED_FRAMES, 25, 1, 7).withClasses(List.of("clockwise"));
            file = SyntheticActions.write(temporary, spec).get(0);
        }
    }

    /**
     * Deletes the generated clip.
     *
     * @throws IOException when it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (temporary != null) {
            try (Stream<Path> walk = Files.walk(temporary)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * Decodes and samples the whole clip into a reused buffer.
     *
     * @return the sampled frames (consumed by JMH)
     */
    @Benchmark
    public DecodedClip decodeAndSample() {
        return decoder.decode(file, plan, buffer);
    }

    /**
     * Runs the benchmarks and prints clip frames and sampled frames per second.
     *
     * @param args JMH command-line options, which override the annotations
     * @throws RunnerException if JMH fails
     * @throws CommandLineOptionException if an option is malformed
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(DecodeBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(builder.build()).run();
        List<String> lines = new ArrayList<>();
        for (RunResult r : results) {
            double clips = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            String which = r.getParams().getParam("clip");
            Sampling s = Sampling.parse(r.getParams().getParam("sampling"));
            int length = which.equals("shared") ? SHARED_FRAMES : GENERATED_FRAMES;
            lines.add(String.format(
                    "  %-9s %-13s threads %s: %7.1f ms/clip, %7.0f clip frames/s (+- %.0f), %6.0f sampled frames/s",
                    which,
                    s,
                    r.getParams().getParam("threads"),
                    1000 / clips,
                    clips * length,
                    Double.isNaN(error) ? 0 : error * length,
                    clips * s.frames()));
        }
        System.out.println();
        System.out.println("Decode + sample at " + SIZE + "x" + SIZE
                + ", one clip per operation (key-frame runs that fall back" + " to uniform decode the whole clip):");
        lines.forEach(System.out::println);
    }
}
