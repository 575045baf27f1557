package dev.lstmforge.plugins.audio.bench;

import dev.lstmforge.plugins.audio.data.SyntheticSounds;
import dev.lstmforge.plugins.audio.features.Mfcc;
import dev.lstmforge.plugins.audio.features.MfccConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Throughput of {@link Mfcc} with {@link MfccConfig#defaults} on one thread, for 1 s and 10 s
 * clips at 8000 Hz and 22050 Hz; {@link #main} also prints it as seconds of audio per second
 * (the real-time factor), then measures the same in thread CPU time, which other load on the
 * machine does not distort. Run from the repository root with (about 2.5 minutes):
 *
 * <pre>
 * A=plugins/audio-classification; mvn -B -o -q -pl $A test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath \
 *   &amp;&amp; java -cp $A/target/test-classes:$A/target/classes:$(cat $A/target/bench.classpath) \
 *     dev.lstmforge.plugins.audio.bench.MfccBenchmark
 * </pre>
 *
 * <p>Arguments after the class name are JMH's own, e.g. {@code intoBuffer -p sampleRate=8000 -wi 2
 * -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MfccBenchmark {

    /** The sample rate of the clip and the configuration. */
    @Param({"8000", "22050"})
    public int sampleRate;

    /** The clip length in seconds. */
    @Param({"1", "10"})
    public int seconds;

    private Mfcc mfcc;
    private float[] clip;
    private float[] out;

    /** Builds the instance and a clip of speech-like tones in noise. */
    @Setup
    public void setup() {
        mfcc = new Mfcc(MfccConfig.defaults(sampleRate));
        clip = SyntheticSounds.speechLike(sampleRate, seconds, 42);
        out = new float[mfcc.frames(clip.length) * mfcc.config().nMfcc()];
    }

    /**
     * MFCC of the whole clip into a reused buffer.
     *
     * @return the frame count (consumed by JMH)
     */
    @Benchmark
    public int intoBuffer() {
        return mfcc.compute(clip, clip.length, out);
    }

    /**
     * MFCC of the whole clip as a new {@code float[frames][nMfcc]}.
     *
     * @return the coefficients (consumed by JMH)
     */
    @Benchmark
    public float[][] allocating() {
        return mfcc.compute(clip);
    }

    /**
     * Runs the benchmarks and prints seconds of audio per second of one thread.
     *
     * @param args JMH command-line options, which override the annotations
     * @throws RunnerException            if JMH fails
     * @throws CommandLineOptionException if an option is malformed
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(MfccBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(builder.build()).run();
        System.out.println();
        System.out.println("Seconds of audio per second of CPU (one thread), MfccConfig.defaults(sampleRate):");
        for (RunResult r : results) {
            double opsPerSecond = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            int secs = Integer.parseInt(r.getParams().getParam("seconds"));
            String name = r.getParams().getBenchmark();
            System.out.printf(
                    "  %-11s sampleRate %5s, %2d s clip: %9.0f x real time (+- %.0f)%n",
                    name.substring(name.lastIndexOf('.') + 1),
                    r.getParams().getParam("sampleRate"),
                    secs,
                    opsPerSecond * secs,
                    Double.isNaN(error) ? 0 : error * secs);
        }
        System.out.println();
        System.out.println("The same measured in thread CPU time (robust to other load on the machine), intoBuffer:");
        for (int sampleRate : new int[] {8000, 22050}) {
            for (int secs : new int[] {1, 10}) {
                MfccBenchmark b = new MfccBenchmark();
                b.sampleRate = sampleRate;
                b.seconds = secs;
                b.setup();
                cpuTimeFactor(b, 2); // warm-up
                System.out.printf(
                        "  intoBuffer  sampleRate %5d, %2d s clip: %9.0f x real time per CPU second%n",
                        sampleRate, secs, cpuTimeFactor(b, 3));
            }
        }
    }

    /** Seconds of audio per second of this thread's CPU time, over about {@code cpuSeconds}. */
    private static double cpuTimeFactor(MfccBenchmark b, double cpuSeconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long budget = (long) (cpuSeconds * 1e9);
        long calls = 0;
        long used;
        do {
            b.intoBuffer(); // writes into b.out, which stays reachable: nothing to eliminate
            calls++;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        return calls * (double) b.seconds / (used / 1e9);
    }
}
