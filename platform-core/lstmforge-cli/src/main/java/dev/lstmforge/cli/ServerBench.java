package dev.lstmforge.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.util.CpuInfo;
import dev.lstmforge.serving.DynamicBatcher;
import dev.lstmforge.serving.ForgeModels;
import dev.lstmforge.serving.LoadGenerator;
import dev.lstmforge.serving.ModelServer;
import dev.lstmforge.serving.ServedModel;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lstmforge bench --server}: the HTTP server under load, batching off and on, at several
 * client counts. Clients and server share this JVM and its cores, as they do on one machine.
 */
final class ServerBench {

    private final BenchCommand c;

    ServerBench(BenchCommand command) {
        this.c = command;
    }

    int run() throws IOException, InterruptedException {
        if (c.seconds < 1 || c.warmupSeconds < 0 || c.clients.isEmpty() || c.batchSizes.isEmpty()) {
            throw new LstmForgeException("bench --server: --seconds must be at least 1, --warmup-seconds at least 0,"
                    + " and --clients and --batch-sizes need at least one value");
        }
        for (int n : c.clients) {
            if (n < 1 || n > 1024) {
                throw new LstmForgeException("bench --server: --clients value " + n + " must be 1 to 1024");
            }
        }
        c.shared.quiet = true;
        byte[] body = c.input == null ? new byte[0] : Files.readAllBytes(c.input);
        PrintWriter out = c.spec.commandLine().getOut();
        List<Row> rows = new ArrayList<>();
        String engine;
        try (LstmForge forge = c.shared.open(c.spec)) {
            engine = forge.engine().engineName() + " " + forge.engine().device();
            // one server per batch size, all up at once, measured in turns (each client count on
            // every server before the next count), so no setting is favoured by a warmer JIT
            List<ModelServer> servers = new ArrayList<>();
            List<ServedModel> served = new ArrayList<>();
            List<LoadGenerator> loads = new ArrayList<>();
            try {
                for (int batch : c.batchSizes) {
                    DynamicBatcher.Settings settings =
                            new DynamicBatcher.Settings(batch, Duration.ofMillis(c.maxBatchDelay), 10_000, c.workers);
                    ModelServer server = ModelServer.start(
                            new ForgeModels(forge),
                            ModelServer.Options.defaults().withBatching(settings));
                    servers.add(server);
                    ServedModel m = server.register(c.modelRef, Map.of());
                    served.add(m);
                    var target = server.uri().resolve("/predictions/" + m.name() + "/" + m.version());
                    LoadGenerator load = new LoadGenerator(target, body);
                    loads.add(load);
                    LoadGenerator.Result probe = load.run(1, Duration.ofSeconds(30), 1);
                    if (!probe.clean()) {
                        throw new LstmForgeException("bench --server: the model does not answer the request body with"
                                + " 200 (" + probe.codes() + "); give a valid body with --input FILE");
                    }
                }
                int most = c.clients.stream().mapToInt(Integer::intValue).max().orElse(1);
                if (c.warmupSeconds > 0) {
                    for (LoadGenerator load : loads) {
                        load.run(most, Duration.ofSeconds(2L * c.warmupSeconds), Long.MAX_VALUE);
                    }
                }
                for (int clients : c.clients) {
                    for (int i = 0; i < loads.size(); i++) {
                        if (c.warmupSeconds > 0) {
                            loads.get(i).run(clients, Duration.ofSeconds(c.warmupSeconds), Long.MAX_VALUE);
                        }
                        ServedModel m = served.get(i);
                        DynamicBatcher.Stats before = m.stats();
                        LoadGenerator.Result r =
                                loads.get(i).run(clients, Duration.ofSeconds(c.seconds), Long.MAX_VALUE);
                        DynamicBatcher.Stats after = m.stats();
                        long passes = after.batches() - before.batches();
                        double meanBatch = passes == 0 ? 0 : (double) (after.requests() - before.requests()) / passes;
                        rows.add(new Row(c.batchSizes.get(i), r, meanBatch));
                        out.printf(Locale.ROOT, "batch_size %d: %s%n", c.batchSizes.get(i), r.summary());
                        out.flush();
                    }
                }
            } finally {
                servers.forEach(ModelServer::close);
            }
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "model %s, %s, %d worker(s), max_batch_delay %d ms, %d s per point after %d s warm-up,"
                        + " %d cores, %s%n",
                c.modelRef,
                engine,
                c.workers,
                c.maxBatchDelay,
                c.seconds,
                c.warmupSeconds,
                Runtime.getRuntime().availableProcessors(),
                LocalDate.now());
        out.println();
        out.println("| batch_size | clients | requests/s | p50 ms | p99 ms | p99.9 ms | mean batch | failed or lost |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.sort(Comparator.comparingInt((Row r) -> c.batchSizes.indexOf(r.batch()))
                .thenComparingInt(r -> r.result().clients()));
        boolean clean = true;
        for (Row row : rows) {
            LoadGenerator.Result r = row.result();
            long bad = r.sent() - r.ok() + r.duplicates() + r.mismatched();
            clean &= r.clean();
            out.printf(
                    Locale.ROOT,
                    "| %d | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %d |%n",
                    row.batch(),
                    r.clients(),
                    r.throughput(),
                    r.percentile(0.5),
                    r.percentile(0.99),
                    r.percentile(0.999),
                    row.meanBatch(),
                    bad);
        }
        if (c.batchSizes.size() > 1) {
            out.println();
            int base = c.batchSizes.get(0);
            for (int clients : c.clients) {
                Row off = find(rows, base, clients);
                for (int batch : c.batchSizes.subList(1, c.batchSizes.size())) {
                    Row on = find(rows, batch, clients);
                    out.printf(
                            Locale.ROOT,
                            "%d clients: batch_size %d gives %.2fx the throughput of batch_size %d"
                                    + " (p99/p50 %.2f)%n",
                            clients,
                            batch,
                            on.result().throughput() / off.result().throughput(),
                            base,
                            on.result().percentile(0.99) / on.result().percentile(0.5));
                }
            }
        }
        c.json.write(toJson(rows, engine), out);
        if (!clean) {
            c.spec.commandLine()
                    .getErr()
                    .println("lstmforge: some requests failed, were lost or answered twice (see the table)");
            return 1;
        }
        return 0;
    }

    private record Row(int batch, LoadGenerator.Result result, double meanBatch) {}

    private static Row find(List<Row> rows, int batch, int clients) {
        return rows.stream()
                .filter(r -> r.batch() == batch && r.result().clients() == clients)
                .findFirst()
                .orElseThrow();
    }

    private JsonObject toJson(List<Row> rows, String engine) {
        JsonObject root = new JsonObject();
        root.addProperty("model", c.modelRef);
        root.addProperty("engine", engine);
        root.addProperty("cores", Runtime.getRuntime().availableProcessors());
        root.addProperty("cpu", CpuInfo.read().model());
        root.addProperty("workers", c.workers);
        root.addProperty("maxBatchDelayMs", c.maxBatchDelay);
        root.addProperty("secondsPerPoint", c.seconds);
        root.addProperty("date", LocalDate.now().toString());
        JsonArray arr = new JsonArray();
        for (Row row : rows) {
            LoadGenerator.Result r = row.result();
            JsonObject o = new JsonObject();
            o.addProperty("batchSize", row.batch());
            o.addProperty("clients", r.clients());
            o.addProperty("sent", r.sent());
            o.addProperty("ok", r.ok());
            o.addProperty("lost", r.transportErrors());
            o.addProperty("duplicates", r.duplicates());
            o.addProperty("requestsPerSecond", r.throughput());
            o.addProperty("p50Ms", r.percentile(0.5));
            o.addProperty("p99Ms", r.percentile(0.99));
            o.addProperty("p999Ms", r.percentile(0.999));
            o.addProperty("meanBatch", row.meanBatch());
            arr.add(o);
        }
        root.add("points", arr);
        return root;
    }
}
