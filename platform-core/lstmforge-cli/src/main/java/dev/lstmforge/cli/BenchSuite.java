package dev.lstmforge.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.engine.InferenceThreads;
import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.runtime.util.CpuInfo;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark suite behind {@code lstmforge bench --suite}: the stock-forecast network (stacked
 * LSTM, last step, one output) trained through the product's own pipeline at a grid of window
 * and hidden sizes, the one-request serving path and the bare batched forward pass of the
 * window-60, hidden-50 model, each project's own hot paths ({@link dev.lstmforge.spi.Benchmarked}:
 * MFCC, video decoding), on every engine asked for; optionally the same network in plain Python
 * PyTorch beside it ({@code python/lstm_peer.py}). Every figure is measured in this run. The
 * training grid runs point by point, each engine and then the Python peer at one point before
 * the next, so that a drift in the machine's speed (minutes long on shared machines) falls on
 * every side of a ratio alike.
 *
 * <p>Training data is a seeded random walk written as a price CSV, sized so that the training
 * part holds {@code samples} windows (1,800 by default, about the stock plugin's training part on
 * AAPL), the size the Python peer trains on. Training speed is the training pass only, the median
 * of epochs 2..N, and the median over the repetitions.
 */
final class BenchSuite {

    /**
     * What to run.
     *
     * @param engines engine profiles, each measured in turn
     * @param grid (window, hidden) points of the training grid; the first must be (60, 50)
     * @param epochs epochs per training run
     * @param repeats rounds: training runs per point, one a round
     * @param samples training windows per run
     * @param requests measured forward calls per batch size (and the Python peer's)
     * @param servingRequests measured requests on the serving path
     * @param warmup unmeasured requests first, at least; then more until the JIT is quiet
     * @param warmupSeconds the longest a serving warm-up may take (a forward warm-up: a quarter)
     * @param projectSeconds seconds per project figure
     * @param python whether to run the Python peer
     * @param pythonScript the peer script
     */
    record Options(
            List<String> engines,
            List<int[]> grid,
            int epochs,
            int repeats,
            int samples,
            int requests,
            int servingRequests,
            int warmup,
            double warmupSeconds,
            double projectSeconds,
            boolean python,
            Path pythonScript) {}

    /** The grid of the performance issue: windows at hidden 50, hidden sizes at window 60. */
    static final List<int[]> FULL_GRID = List.of(
            new int[] {60, 50},
            new int[] {30, 50},
            new int[] {120, 50},
            new int[] {240, 50},
            new int[] {60, 128},
            new int[] {60, 256});

    /** Stacked LSTM layers of the stock network. */
    static final int LAYERS = 2;

    /** Input features per step (the close price). */
    static final int FEATURES = 1;

    /** The Python the peer runs on: Debian's, which sees {@code python3-torch}. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Batch sizes of the bare forward pass. */
    static final int[] FORWARD_BATCHES = {1, 8, 32, 64};

    private final Main.Shared shared;
    private final picocli.CommandLine.Model.CommandSpec spec;
    private final PrintWriter out;

    BenchSuite(Main.Shared shared, picocli.CommandLine.Model.CommandSpec spec) {
        this.shared = shared;
        this.spec = spec;
        this.out = spec.commandLine().getOut();
    }

    JsonObject run(Options o) throws IOException, InterruptedException {
        if (o.grid().isEmpty() || o.grid().get(0)[0] != 60 || o.grid().get(0)[1] != 50) {
            throw new LstmForgeException("the suite's first grid point must be window 60, hidden 50");
        }
        Path work = Files.createTempDirectory("lstmforge-bench-");
        JsonObject doc = new JsonObject();
        doc.add("machine", machine());
        int k = o.engines().size();
        List<JsonObject> described = new ArrayList<>(k);
        List<JsonArray> trainings = new ArrayList<>(k);
        List<String> references = new ArrayList<>(k);
        JsonArray engines = new JsonArray();
        boolean python = o.python() && pythonReady(o);
        JsonArray peer = new JsonArray();
        try {
            // round by round, and in each round grid point by grid point, every engine and then
            // the Python peer: the machine's speed drifts over minutes, so the runs a ratio or
            // the cost across windows compares are minutes apart at most, and each point's runs
            // are spread over the whole suite instead of bunched at one moment of it
            int points = o.grid().size();
            int rounds = o.repeats();
            double[][][] speeds = new double[k][points][rounds];
            List<List<Double>> peerSpeeds = new ArrayList<>();
            JsonObject[] peerFirst = new JsonObject[points];
            for (int p = 0; p < points; p++) {
                peerSpeeds.add(new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (int p = 0; p < points; p++) {
                    int[] point = o.grid().get(p);
                    for (int n = 0; n < k; n++) {
                        try (LstmForge forge = open(o.engines().get(n), work.resolve("engine-" + n))) {
                            if (r == 0 && p == 0) {
                                described.add(describe(forge, o.engines().get(n)));
                            }
                            Run res = trainOnce(forge, point[0], point[1], o, work.resolve("engine-" + n));
                            speeds[n][p][r] = res.samplesPerSecond();
                            if (r == 0 && p == 0) {
                                references.add(res.version());
                            }
                            out.printf(
                                    Locale.ROOT,
                                    "bench: round %d/%d, %s, window %d hidden %d: %.0f samples/s%n",
                                    r + 1,
                                    rounds,
                                    o.engines().get(n),
                                    point[0],
                                    point[1],
                                    res.samplesPerSecond());
                        }
                    }
                    if (python) {
                        JsonObject pr = pythonPoint(o, point, r == 0 && p == 0);
                        if (pr == null) {
                            python = false;
                        } else {
                            peerSpeeds
                                    .get(p)
                                    .add(pr.get("train_samples_per_second").getAsDouble());
                            if (peerFirst[p] == null) {
                                peerFirst[p] = pr;
                            }
                        }
                    }
                }
            }
            for (int n = 0; n < k; n++) {
                JsonArray t = new JsonArray();
                for (int p = 0; p < points; p++) {
                    t.add(trainingFigures(o.grid().get(p)[0], o.grid().get(p)[1], speeds[n][p]));
                }
                trainings.add(t);
            }
            for (int p = 0; p < points && peerFirst[p] != null; p++) {
                double[] runs = peerSpeeds.get(p).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                JsonObject pr = peerFirst[p];
                pr.addProperty("train_samples_per_second", median(runs));
                JsonArray all = new JsonArray();
                Arrays.stream(runs).forEach(all::add);
                pr.add("train_samples_per_second_runs", all);
                pr.addProperty("repeats", runs.length);
                peer.add(pr);
            }
            for (int n = 0; n < k; n++) {
                engines.add(engine(
                        n, o, work.resolve("engine-" + n), described.get(n), trainings.get(n), references.get(n)));
            }
        } finally {
            deleteTree(work);
        }
        doc.add("engines", engines);
        if (o.python()) {
            doc.add("python", peer.isEmpty() ? new JsonObject() : peer);
        }
        return doc;
    }

    /** The machine: CPU, cores, peak estimate, Java and DJL. */
    private static JsonObject machine() {
        JsonObject m = new JsonObject();
        int cores = Runtime.getRuntime().availableProcessors();
        CpuInfo cpu = CpuInfo.read();
        m.addProperty("cpu", cpu.model());
        m.addProperty("cores", cores);
        double maxGhz = cpufreqMaxGhz();
        double ghz = maxGhz > 0 ? maxGhz : cpu.ghz();
        int flopsPerCycle = flopsPerCycle(cpu);
        m.addProperty("cpuGhz", ghz);
        m.addProperty(
                "cpuGhzSource",
                maxGhz > 0
                        ? "cpufreq maximum"
                        : "/proc/cpuinfo, the clock it reports now; a CPU that boosts above it, as a virtual"
                                + " machine's often does, can show more than 100% of this peak");
        m.addProperty("flopsPerCyclePerCore", flopsPerCycle);
        m.addProperty("peakGflops", cores * flopsPerCycle * ghz);
        m.addProperty("java", System.getProperty("java.version"));
        m.addProperty("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.addProperty("djl", Engine.getDjlVersion());
        m.addProperty("ompNumThreads", System.getenv("OMP_NUM_THREADS"));
        m.addProperty("pytorchThreadsProperty", System.getProperty("ai.djl.pytorch.num_threads"));
        m.addProperty("date", LocalDate.now().toString());
        return m;
    }

    /** The highest clock cpufreq allows (0 where the kernel has no cpufreq, as in many VMs). */
    private static double cpufreqMaxGhz() {
        try {
            String khz = Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"))
                    .trim();
            return Double.parseDouble(khz) / 1e6;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Single-precision FLOPs a core can retire per cycle: two fused multiply-add units of the
     * widest vector the CPU executes at full width (AVX-512: 16 lanes, AVX2 with FMA: 8, else
     * SSE: 4), two FLOPs each. AMD's Zen 4 (family 25) accepts AVX-512 but executes it on 256-bit
     * units, so it counts as AVX2; Zen 5 (family 26) has full-width units. An estimate: some CPUs
     * have one FMA unit, or lower their clock under AVX-512.
     */
    private static int flopsPerCycle(CpuInfo cpu) {
        Set<String> f = cpu.flags();
        boolean halfWidth512 =
                cpu.vendor().equals("AuthenticAMD") && cpu.family().equals("25");
        int lanes = f.contains("avx512f") && !halfWidth512 ? 16 : f.contains("avx2") && f.contains("fma") ? 8 : 4;
        return 2 * lanes * 2;
    }

    /**
     * FLOPs of one training sample of the stock network: per step and layer the gate matrices
     * multiply {@code 4H x (I + H)} (two FLOPs a multiply-add), backward about twice forward;
     * element-wise work and the output layer are left out.
     */
    static double trainingFlopsPerSample(int window, int hidden) {
        double perStep = 0;
        for (int l = 0; l < LAYERS; l++) {
            int in = l == 0 ? FEATURES : hidden;
            perStep += 2.0 * 4 * hidden * (in + hidden);
        }
        return 3 * perStep * window;
    }

    /** Opens LSTM Forge on an engine profile, by name or as a profile file, with its own model store. */
    private LstmForge open(String engine, Path models) {
        // a profile name, or a profile file (to compare thread settings: threads=1, threads=2, ...)
        if (engine.endsWith(".properties")) {
            shared.engineConfig = Path.of(engine);
        } else {
            shared.engine = engine;
            shared.engineConfig = null;
        }
        shared.models = models;
        shared.quiet = true;
        return shared.open(spec);
    }

    private JsonObject describe(LstmForge forge, String engine) {
        JsonObject e = new JsonObject();
        e.addProperty("profile", engine);
        e.addProperty("engine", forge.engine().engineName());
        e.addProperty("engineVersion", forge.engine().engineVersion());
        e.addProperty("threadsSetting", forge.engine().profile().threads());
        e.addProperty("inferenceThreadsSetting", forge.engine().profile().inferenceThreads());
        e.addProperty("interopThreadsSetting", forge.engine().profile().interopThreads());
        e.addProperty("mxnetEngineType", forge.engine().profile().mxnetEngineType());
        out.println("bench: " + engine + " (" + forge.engine().engineName() + " "
                + forge.engine().engineVersion() + ")");
        return e;
    }

    /** The rest of an engine's figures, after its training grid: serving, forward, projects. */
    private JsonObject engine(int n, Options o, Path models, JsonObject e, JsonArray training, String reference)
            throws IOException {
        e.add("training", training);
        try (LstmForge forge = open(o.engines().get(n), models)) {
            try (LoadedModel m = forge.load(reference)) {
                e.add("serving", serving(m, o, models));
                e.add("forward", forward(m.model(), 60, o));
            }
            JsonObject projects = new JsonObject();
            for (String id : forge.projects().keySet()) {
                Map<String, Double> figures = forge.benchmark(id, o.projectSeconds());
                if (!figures.isEmpty()) {
                    JsonObject p = new JsonObject();
                    figures.forEach(p::addProperty);
                    projects.add(id, p);
                    out.println("bench: " + id + " " + figures);
                }
            }
            e.add("projects", projects);
        }
        return e;
    }

    /** A seeded random walk as a Date,Close CSV: {@code rows} business days. */
    static Path randomWalkCsv(Path file, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("Date,Close\n");
        LocalDate day = LocalDate.of(2000, 1, 3);
        double price = 100;
        for (int i = 0; i < rows; i++) {
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
            b.append(day)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", price))
                    .append('\n');
            price *= Math.exp(0.015 * r.nextGaussian());
            day = day.plusDays(1);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    /** One training run's speed (median of epochs 2 to N) and the version it saved. */
    record Run(double samplesPerSecond, String version) {}

    private Run trainOnce(LstmForge forge, int window, int hidden, Options o, Path models)
            throws IOException, InterruptedException {
        // the stock split keeps 70% of the forecastable days for training
        int rows = window + (int) Math.ceil(o.samples() / 0.7) + 2;
        Path csv = randomWalkCsv(models.resolve("walk-" + window + ".csv"), rows, 42);
        TrainResult res = forge.train(
                "stock-forecast",
                csv,
                Map.of(
                        "window", Integer.toString(window),
                        "hiddenSize", Integer.toString(hidden),
                        "epochs", Integer.toString(o.epochs()),
                        "patience", "0"));
        List<EpochRecord> epochs = res.history().epochs();
        double[] speeds = epochs.subList(Math.min(1, epochs.size() - 1), epochs.size()).stream()
                .mapToDouble(EpochRecord::samplesPerSecond)
                .toArray();
        return new Run(median(speeds), res.version().ref());
    }

    /** A grid point's figures from its runs (one a round): the median and what follows from it. */
    private JsonObject trainingFigures(int window, int hidden, double[] runs) {
        double sps = median(runs);
        double flops = trainingFlopsPerSample(window, hidden);
        JsonObject t = new JsonObject();
        t.addProperty("window", window);
        t.addProperty("hidden", hidden);
        t.addProperty("samplesPerSecond", sps);
        JsonArray all = new JsonArray();
        Arrays.stream(runs).forEach(all::add);
        t.add("samplesPerSecondRuns", all);
        t.addProperty("microsPerSampleStep", 1e6 / (sps * window));
        t.addProperty("gflops", flops * sps / 1e9);
        out.printf(
                Locale.ROOT,
                "bench: train window %d hidden %d: %.0f samples/s (runs %s), %.2f us per sample-step, %.2f GFLOP/s%n",
                window,
                hidden,
                sps,
                Arrays.toString(Arrays.stream(runs).mapToLong(Math::round).toArray()),
                1e6 / (sps * window),
                flops * sps / 1e9);
        return t;
    }

    /** One request at a time through the serving translator: latency and heap per request. */
    private JsonObject serving(LoadedModel m, Options o, Path models) throws IOException {
        List<String> lines = Files.readAllLines(models.resolve("walk-60.csv"), StandardCharsets.UTF_8);
        String body = lines.get(0) + "\n" + String.join("\n", lines.subList(lines.size() - 200, lines.size())) + "\n";
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Map<String, String> props = Map.of("horizon", "1");
        Runnable call = () -> m.predict(body, props);
        WarmUp.Result warm = WarmUp.untilJitQuiet(call, o.warmup(), o.warmupSeconds());
        long jit = WarmUp.jitMillis();
        long before = mx.getThreadAllocatedBytes(tid);
        long[] nanos = WarmUp.timed(call, o.servingRequests());
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        jit = WarmUp.jitMillis() - jit;
        Arrays.sort(nanos);
        JsonObject s = new JsonObject();
        s.addProperty("requests", nanos.length);
        s.addProperty("warmupRequests", warm.calls());
        s.addProperty("jitQuietAfterWarmup", warm.quiet());
        s.addProperty("jitMsWhileMeasuring", jit);
        s.addProperty("p50Ms", BenchCommand.pct(nanos, 0.50));
        s.addProperty("p99Ms", BenchCommand.pct(nanos, 0.99));
        s.addProperty("p999Ms", BenchCommand.pct(nanos, 0.999));
        s.addProperty("heapKibPerRequest", bytes / 1024.0 / nanos.length);
        out.printf(
                Locale.ROOT,
                "bench: serving p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, %.1f KiB heap per request"
                        + " (%d requests after %d warm-up, JIT %d ms while measuring)%n",
                BenchCommand.pct(nanos, 0.50),
                BenchCommand.pct(nanos, 0.99),
                BenchCommand.pct(nanos, 0.999),
                bytes / 1024.0 / nanos.length,
                nanos.length,
                warm.calls(),
                jit);
        return s;
    }

    /** The bare network on random windows: batch 1 latency percentiles, larger batches' time. */
    private JsonObject forward(Model model, int window, Options o) {
        InferenceThreads.enter(model);
        JsonObject f = new JsonObject();
        try (Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator(null));
                NDManager m = model.getNDManager().newSubManager()) {
            for (int b : FORWARD_BATCHES) {
                NDArray x = m.randomNormal(new Shape(b, window, FEATURES));
                Runnable forward = () -> call(p, x);
                WarmUp.Result warm = WarmUp.untilJitQuiet(forward, o.warmup(), o.warmupSeconds() / 4);
                long[] nanos = WarmUp.timed(forward, o.requests());
                Arrays.sort(nanos);
                JsonObject r = new JsonObject();
                r.addProperty("p50Ms", BenchCommand.pct(nanos, 0.50));
                r.addProperty("p99Ms", BenchCommand.pct(nanos, 0.99));
                r.addProperty("p999Ms", BenchCommand.pct(nanos, 0.999));
                r.addProperty("windowsPerSecond", b / (BenchCommand.pct(nanos, 0.50) / 1000));
                r.addProperty("warmupCalls", warm.calls());
                f.add("batch" + b, r);
                out.printf(
                        Locale.ROOT,
                        "bench: forward batch %d: p50 %.3f ms, p99 %.3f ms, %.0f windows/s%n",
                        b,
                        BenchCommand.pct(nanos, 0.50),
                        BenchCommand.pct(nanos, 0.99),
                        b / (BenchCommand.pct(nanos, 0.50) / 1000));
            }
        }
        return f;
    }

    /**
     * One forward pass in a scope of its own, as the serving path runs it. Without the scope
     * every intermediate array stays attached to the input's manager until the end of the whole
     * measurement: memory grew by megabytes a call (6 GB resident after 900 calls at batch 256),
     * each call's buffers were fresh pages to fault in, and that, not the network, made batch 64
     * look two to three times slower than it is.
     */
    static void call(Predictor<NDList, NDList> p, NDArray x) {
        try (NDManager scope = x.getManager().newSubManager()) {
            x.tempAttach(scope);
            p.predict(new NDList(x)).head().getFloat(0);
        } catch (TranslateException e) {
            throw new LstmForgeException("forward pass failed: " + e.getMessage(), e);
        }
    }

    private boolean pythonReady(Options o) {
        if (!Files.isExecutable(PYTHON) || o.pythonScript() == null || !Files.isRegularFile(o.pythonScript())) {
            out.println(
                    "bench: no Python peer (" + (o.pythonScript() == null ? "script not found" : "no " + PYTHON) + ")");
            return false;
        }
        return true;
    }

    /** The Python peer at one grid point (inference too at the first); null if it failed. */
    private JsonObject pythonPoint(Options o, int[] point, boolean inference) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                PYTHON.toString(),
                o.pythonScript().toString(),
                "--window",
                Integer.toString(point[0]),
                "--hidden",
                Integer.toString(point[1]),
                "--epochs",
                Integer.toString(o.epochs()),
                "--repeats",
                "1",
                "--samples",
                Integer.toString(o.samples()),
                "--latency-calls",
                Integer.toString(o.requests()),
                "--warmup",
                Integer.toString(o.warmup())));
        if (!inference) {
            cmd.add("--no-inference");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        Path openmp = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp");
        if (Files.isDirectory(openmp)) {
            String old = pb.environment().get("LD_LIBRARY_PATH");
            pb.environment().put("LD_LIBRARY_PATH", openmp + (old == null ? "" : ":" + old));
        }
        pb.environment()
                .putIfAbsent(
                        "OMP_NUM_THREADS", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Process proc = pb.start();
        String text = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            out.println("bench: the Python peer failed (exit " + proc.exitValue() + "); is python3-torch installed?");
            return null;
        }
        JsonObject r = JsonParser.parseString(text).getAsJsonObject();
        out.printf(
                Locale.ROOT,
                "bench: python window %d hidden %d: %.0f samples/s (%s)%n",
                point[0],
                point[1],
                r.get("train_samples_per_second").getAsDouble(),
                r.get("blas").getAsString());
        return r;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Writes the suite's Markdown tables.
     *
     * @param doc the suite's results
     * @param out where to write
     */
    private static String threads(JsonObject engine, String key) {
        int n = engine.has(key) ? engine.get(key).getAsInt() : 0;
        return n == 0 ? "engine default" : Integer.toString(n);
    }

    /**
     * How far the cost per sample-step spreads across the window sizes at hidden 50: the largest
     * over the smallest, from each point's median, and then within each round alone. A round's
     * points run minutes apart at most, so its ratio is the one least touched by the machine's
     * drift; the Python peer's, printed beside, shows how much of the spread the machine makes.
     *
     * @param windows the window sizes
     * @param runs samples per second, by window and then round
     * @return the ratio of the medians, then one ratio per round (rounds every window has)
     */
    static double[] flatness(int[] windows, double[][] runs) {
        int rounds = Arrays.stream(runs).mapToInt(r -> r.length).min().orElse(0);
        double[] out = new double[1 + rounds];
        double[] cost = new double[windows.length];
        for (int i = 0; i < windows.length; i++) {
            cost[i] = 1 / (median(runs[i]) * windows[i]);
        }
        out[0] = largestOverSmallest(cost);
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < windows.length; i++) {
                cost[i] = 1 / (runs[i][r] * windows[i]);
            }
            out[1 + r] = largestOverSmallest(cost);
        }
        return out;
    }

    private static double largestOverSmallest(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN)
                / Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** One line: {@link #flatness} of the hidden-50 points of {@code points}. */
    private static void printFlatness(PrintWriter out, String who, JsonArray points, String runsKey) {
        List<Integer> windows = new ArrayList<>();
        List<double[]> runs = new ArrayList<>();
        for (JsonElement el : points) {
            JsonObject t = el.getAsJsonObject();
            if (t.get("hidden").getAsInt() == 50 && t.has(runsKey)) {
                windows.add(t.get("window").getAsInt());
                JsonArray r = t.getAsJsonArray(runsKey);
                double[] values = new double[r.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(i).getAsDouble();
                }
                runs.add(values);
            }
        }
        if (windows.size() < 2) {
            return;
        }
        double[] f = flatness(windows.stream().mapToInt(Integer::intValue).toArray(), runs.toArray(double[][]::new));
        StringBuilder perRound = new StringBuilder();
        for (int r = 1; r < f.length; r++) {
            perRound.append(r > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", f[r]));
        }
        out.printf(
                Locale.ROOT,
                "Cost per sample-step across windows %s at hidden 50, largest over smallest: %s %.2f× (each round"
                        + " alone: %s)%n",
                windows.stream().map(String::valueOf).collect(Collectors.joining("/")),
                who,
                f[0],
                perRound);
    }

    static void markdown(JsonObject doc, PrintWriter out) {
        JsonObject m = doc.getAsJsonObject("machine");
        double peak = m.get("peakGflops").getAsDouble();
        out.println();
        out.printf(
                Locale.ROOT,
                "Machine: %s, %d cores, %.2f GHz (%s), peak %.0f GFLOP/s (estimate: %d FLOPs per cycle per"
                        + " core); Java %s, DJL %s; %s%n",
                m.get("cpu").getAsString(),
                m.get("cores").getAsInt(),
                m.get("cpuGhz").getAsDouble(),
                m.has("cpuGhzSource") ? m.get("cpuGhzSource").getAsString() : "/proc/cpuinfo",
                peak,
                m.get("flopsPerCyclePerCore").getAsInt(),
                m.get("java").getAsString(),
                m.get("djl").getAsString(),
                m.get("date").getAsString());
        for (JsonElement el : doc.getAsJsonArray("engines")) {
            JsonObject e = el.getAsJsonObject();
            out.printf(
                    Locale.ROOT,
                    "Engine %s: %s %s; threads: training %s, inference %s, inter-op %s%s%n",
                    e.get("profile").getAsString(),
                    e.get("engine").getAsString(),
                    e.get("engineVersion").getAsString(),
                    threads(e, "threadsSetting"),
                    threads(e, "inferenceThreadsSetting"),
                    threads(e, "interopThreadsSetting"),
                    e.has("mxnetEngineType")
                                    && !e.get("mxnetEngineType").getAsString().isEmpty()
                            ? "; MXNET_ENGINE_TYPE " + e.get("mxnetEngineType").getAsString()
                            : "");
        }
        Map<String, JsonObject> python = new LinkedHashMap<>();
        if (doc.has("python") && doc.get("python").isJsonArray()) {
            for (JsonElement p : doc.getAsJsonArray("python")) {
                JsonObject o = p.getAsJsonObject();
                python.put(o.get("window").getAsInt() + "x" + o.get("hidden").getAsInt(), o);
            }
            if (!python.isEmpty()) {
                JsonObject any = python.values().iterator().next();
                out.println("Python peer: PyTorch " + any.get("torch").getAsString() + ", "
                        + any.get("blas").getAsString() + ", "
                        + any.get("torch_threads").getAsInt() + " threads");
            }
        }
        out.println();
        out.println(
                "| engine | window | hidden | samples/s | µs per sample-step | GFLOP/s | % of peak | Python samples/s |"
                        + " × Python |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (JsonElement el : doc.getAsJsonArray("engines")) {
            JsonObject e = el.getAsJsonObject();
            for (JsonElement te : e.getAsJsonArray("training")) {
                JsonObject t = te.getAsJsonObject();
                JsonObject p = python.get(
                        t.get("window").getAsInt() + "x" + t.get("hidden").getAsInt());
                double sps = t.get("samplesPerSecond").getAsDouble();
                double psps = p == null
                        ? Double.NaN
                        : p.get("train_samples_per_second").getAsDouble();
                out.printf(
                        Locale.ROOT,
                        "| %s | %d | %d | %.0f | %.2f | %.2f | %.1f%% | %s | %s |%n",
                        e.get("profile").getAsString(),
                        t.get("window").getAsInt(),
                        t.get("hidden").getAsInt(),
                        sps,
                        t.get("microsPerSampleStep").getAsDouble(),
                        t.get("gflops").getAsDouble(),
                        100 * t.get("gflops").getAsDouble() / peak,
                        p == null ? "" : String.format(Locale.ROOT, "%.0f", psps),
                        p == null ? "" : String.format(Locale.ROOT, "%.2f", sps / psps));
            }
        }
        out.println();
        for (JsonElement el : doc.getAsJsonArray("engines")) {
            JsonObject e = el.getAsJsonObject();
            printFlatness(out, e.get("profile").getAsString(), e.getAsJsonArray("training"), "samplesPerSecondRuns");
        }
        if (doc.has("python") && doc.get("python").isJsonArray()) {
            printFlatness(out, "Python peer", doc.getAsJsonArray("python"), "train_samples_per_second_runs");
        }
        out.println();
        out.println("| engine | serving p50 / p99 / p99.9 ms | heap KiB/request | forward batch 1 p50 / p99 ms |"
                + " batch 8 / 32 / 64 ms |");
        out.println("| --- | --- | --- | --- | --- |");
        for (JsonElement el : doc.getAsJsonArray("engines")) {
            JsonObject e = el.getAsJsonObject();
            JsonObject s = e.getAsJsonObject("serving");
            JsonObject f = e.getAsJsonObject("forward");
            out.printf(
                    Locale.ROOT,
                    "| %s | %.3f / %.3f / %.3f | %.1f | %.3f / %.3f | %.3f / %.3f / %.3f |%n",
                    e.get("profile").getAsString(),
                    s.get("p50Ms").getAsDouble(),
                    s.get("p99Ms").getAsDouble(),
                    s.get("p999Ms").getAsDouble(),
                    s.get("heapKibPerRequest").getAsDouble(),
                    f.getAsJsonObject("batch1").get("p50Ms").getAsDouble(),
                    f.getAsJsonObject("batch1").get("p99Ms").getAsDouble(),
                    f.getAsJsonObject("batch8").get("p50Ms").getAsDouble(),
                    f.getAsJsonObject("batch32").get("p50Ms").getAsDouble(),
                    f.getAsJsonObject("batch64").get("p50Ms").getAsDouble());
        }
        JsonObject first = python.values().stream().findFirst().orElse(null);
        if (first != null && first.has("one_window_p50_ms")) {
            out.printf(
                    Locale.ROOT,
                    "| python | | | %.3f / %.3f | - / - / %.3f |%n",
                    first.get("one_window_p50_ms").getAsDouble(),
                    first.get("one_window_p99_ms").getAsDouble(),
                    first.get("batch64_forward_ms").getAsDouble());
        }
        out.println();
        out.println("| engine | project | figure | value |");
        out.println("| --- | --- | --- | --- |");
        for (JsonElement el : doc.getAsJsonArray("engines")) {
            JsonObject e = el.getAsJsonObject();
            for (Map.Entry<String, JsonElement> p :
                    e.getAsJsonObject("projects").entrySet()) {
                for (Map.Entry<String, JsonElement> fig :
                        p.getValue().getAsJsonObject().entrySet()) {
                    out.printf(
                            Locale.ROOT,
                            "| %s | %s | %s | %.0f |%n",
                            e.get("profile").getAsString(),
                            p.getKey(),
                            fig.getKey(),
                            fig.getValue().getAsDouble());
                }
            }
        }
    }
}
