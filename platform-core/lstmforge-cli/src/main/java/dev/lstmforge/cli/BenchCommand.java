package dev.lstmforge.cli;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Measures single-request inference through the serving path (the same translator DJL Serving
 * runs): latency percentiles, throughput, and Java heap bytes allocated per request. Native
 * tensor memory is not part of the heap figure.
 *
 * <p>With {@code --server} it measures the HTTP server instead: for each batch size and client
 * count it starts the server on a free loopback port, drives it with that many concurrent
 * clients (closed loop, in this JVM) and reports throughput and latency percentiles, and whether
 * every request was answered once.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmark predict latency of a saved model through its serving translator.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "MODEL",
            description = "PROJECT, PROJECT/vN, PROJECT/latest, or a model folder or zip (not with --suite).")
    String modelRef;

    @Option(
            names = "--suite",
            description = "Run the benchmark suite instead: the stock network's training speed over a grid of window"
                    + " and hidden sizes, the serving path, the batched forward pass and each project's own figures,"
                    + " on each engine of --engines; with --python, plain PyTorch beside it.")
    boolean suite;

    @Option(
            names = "--smoke",
            description = "With --suite: a short run that proves the suite works (one grid point, two epochs, few"
                    + " requests); its figures mean nothing.")
    boolean smoke;

    @Option(
            names = "--engines",
            split = ",",
            paramLabel = "NAMES",
            defaultValue = "pytorch-cpu,mxnet-cpu",
            description = "With --suite: engine profiles to measure, by name or as profile files (for example"
                    + " copies of pytorch-cpu.properties with other threads=; an engine's threads are set once per"
                    + " process, so compare thread settings in separate runs) (default ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(
            names = "--python",
            description = "With --suite: also run the same network in plain Python PyTorch (needs /usr/bin/python3 with"
                    + " python3-torch; Debian's OpenMP OpenBLAS is used when installed).")
    boolean python;

    @Option(
            names = "--python-script",
            paramLabel = "FILE",
            description = "With --suite --python: the peer script (default: python/lstm_peer.py of the installation).")
    Path pythonScript;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            defaultValue = "5",
            description = "With --suite: rounds; each round trains every grid point once on every engine and"
                    + " the Python peer (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "10",
            description = "With --suite: epochs per training run; the speed is the median of epochs 2..N"
                    + " (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--requests",
            paramLabel = "N",
            defaultValue = "500",
            description = "Measured requests (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "100",
            description = "Unmeasured warm-up requests, at least (default ${DEFAULT-VALUE}); see --warmup-limit.")
    int warmup;

    @Option(
            names = "--warmup-limit",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "After --warmup, warm-up goes on until the JIT compiler is quiet (a round of"
                    + " 500 requests compiling under 2 ms), for at most this long (default ${DEFAULT-VALUE}).")
    double warmupLimit;

    @Option(names = "--input", paramLabel = "FILE", description = "Request body from a file (default: empty body).")
    Path input;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "KEY=VALUE",
            description = "Request property, repeatable.")
    List<String> params = List.of();

    @Option(names = "--server", description = "Benchmark the HTTP server (batching off and on) instead of one thread.")
    boolean server;

    @Option(
            names = "--clients",
            split = ",",
            paramLabel = "N",
            defaultValue = "1,8,32,64",
            description = "With --server: concurrent clients to try (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(
            names = "--batch-sizes",
            split = ",",
            paramLabel = "N",
            defaultValue = "1,32",
            description = "With --server: batch_size values to try; 1 is batching off (default ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(
            names = "--max-batch-delay",
            paramLabel = "MS",
            defaultValue = "0",
            description = "With --server: max_batch_delay in milliseconds (default ${DEFAULT-VALUE}).")
    int maxBatchDelay;

    @Option(
            names = "--workers",
            defaultValue = "1",
            description = "With --server: workers per model (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description = "With --server: measured seconds per point (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "3",
            description = "With --server: unmeasured seconds before each point (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    /** With --server: the results as JSON. */
    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (suite) {
            return runSuite();
        }
        if (modelRef == null) {
            throw new LstmForgeException("give a MODEL to benchmark, or --suite");
        }
        if (server) {
            return new ServerBench(this).run();
        }
        if (requests < 1 || warmup < 0) {
            throw new LstmForgeException("--requests must be at least 1 and --warmup at least 0");
        }
        shared.quiet = true;
        // the file's bytes as they are: a request may be binary (an audio clip), not only text
        byte[] body = input == null ? new byte[0] : Files.readAllBytes(input);
        Map<String, String> props = Main.parseParams(params);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        PrintWriter out = spec.commandLine().getOut();
        try (LstmForge forge = shared.open(spec);
                LoadedModel m = forge.load(modelRef)) {
            Runnable call = () -> m.predict(body, props);
            WarmUp.Result warm = WarmUp.untilJitQuiet(call, warmup, warmupLimit);
            long jit = WarmUp.jitMillis();
            long bytesBefore = mx.getThreadAllocatedBytes(tid);
            long start = System.nanoTime();
            long[] nanos = WarmUp.timed(call, requests);
            long total = System.nanoTime() - start;
            long bytes = mx.getThreadAllocatedBytes(tid) - bytesBefore;
            jit = WarmUp.jitMillis() - jit;
            Arrays.sort(nanos);
            out.printf(
                    Locale.ROOT,
                    "model %s on %s %s, %d requests after %d warm-up (JIT %s), props %s%n",
                    m.version().ref(),
                    forge.engine().engineName(),
                    forge.engine().device(),
                    requests,
                    warm.calls(),
                    warm.quiet() ? "quiet; " + jit + " ms while measuring" : "not quiet at the limit",
                    props);
            out.printf(
                    Locale.ROOT,
                    "latency ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  mean %.3f%n",
                    pct(nanos, 0.50),
                    pct(nanos, 0.90),
                    pct(nanos, 0.99),
                    nanos[requests - 1] / 1e6,
                    total / 1e6 / requests);
            out.printf(Locale.ROOT, "throughput: %.1f requests/s (one thread)%n", requests / (total / 1e9));
            out.printf(Locale.ROOT, "java heap allocated: %.1f KiB/request%n", bytes / 1024.0 / requests);
            return 0;
        }
    }

    private int runSuite() throws IOException, InterruptedException {
        BenchSuite.Options o = smoke
                ? new BenchSuite.Options(
                        engines, List.of(new int[] {60, 50}), 2, 1, 200, 30, 30, 5, 0.5, 0.2, python, peerScript())
                : new BenchSuite.Options(
                        engines,
                        BenchSuite.FULL_GRID,
                        epochs,
                        repeats,
                        1800,
                        suiteRequests(),
                        4 * suiteRequests(),
                        warmup,
                        30,
                        3,
                        python,
                        peerScript());
        com.google.gson.JsonObject doc = new BenchSuite(shared, spec).run(o);
        PrintWriter out = spec.commandLine().getOut();
        BenchSuite.markdown(doc, out);
        json.write(doc, out);
        return 0;
    }

    /**
     * The suite measures 5,000 calls per forward batch size unless --requests says otherwise (its
     * p99.9 needs them), and four times as many on the serving path: one disturbed stretch of
     * 1,000 requests in 5,000 moved the serving p99 from run to run (p99/p50 1.34-1.72), while
     * 30,000 requests gave 1.30 with one such stretch among them (stock model, 2 cores).
     */
    private int suiteRequests() {
        return spec.commandLine().getParseResult().hasMatchedOption("--requests") ? requests : 5000;
    }

    /** The Python peer: --python-script, else the installation's, else the source tree's. */
    private Path peerScript() {
        if (pythonScript != null) {
            return pythonScript;
        }
        String home = System.getProperty("lstmforge.home");
        for (Path p : List.of(
                Path.of(home == null ? "." : home, "python", "lstm_peer.py"),
                Path.of("src/main/dist/python/lstm_peer.py"),
                Path.of("platform-core/lstmforge-cli/src/main/dist/python/lstm_peer.py"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads a percentile from sorted nanosecond latencies.
     *
     * @param sorted latencies in nanoseconds, ascending
     * @param q the quantile, 0..1
     * @return the latency in milliseconds (nearest rank)
     */
    static double pct(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
