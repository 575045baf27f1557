package dev.lstmforge.cli;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.serving.ApiError;
import dev.lstmforge.serving.DynamicBatcher;
import dev.lstmforge.serving.ForgeModels;
import dev.lstmforge.serving.ModelServer;
import dev.lstmforge.serving.ServedModel;
import dev.lstmforge.spi.LstmForgeException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Serves saved models over HTTP with DJL Serving's REST API until stopped (Ctrl-C finishes the
 * requests in flight first).
 *
 * <pre>
 * lstmforge serve                                   # the latest version of every saved project
 * lstmforge serve stock-forecast/v3 /tmp/export.zip --port 8080 --batch-size 32
 * </pre>
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve saved models over HTTP with DJL Serving's REST API (predictions, invocations, ping,"
                    + " metrics, models), batching concurrent requests into one forward pass.",
            "Without MODEL arguments, the latest version of every project in the store is served."
        })
final class ServeCommand implements Callable<Integer> {

    /** Environment variable that holds the management token when --management-token is not given. */
    static final String TOKEN_ENV = "LSTMFORGE_MANAGEMENT_TOKEN";

    @Mixin
    Main.Shared shared;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            paramLabel = "MODEL",
            arity = "0..*",
            description = "PROJECT, PROJECT/vN, or a model folder or exported zip (default: every project's latest).")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            description = "Most requests per forward pass, unless a model's serving.properties says otherwise;"
                    + " 1 turns batching off (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--max-batch-delay",
            paramLabel = "MS",
            defaultValue = "0",
            description =
                    "Milliseconds a worker waits for more requests after the first of a batch (default ${DEFAULT-VALUE}).")
    int maxBatchDelay;

    @Option(
            names = "--job-queue-size",
            defaultValue = "1000",
            description = "Requests that may wait per model; more get 503 (default ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(
            names = "--workers",
            defaultValue = "1",
            description = "Worker threads per model, each with its own copy of the model (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--max-request-size",
            paramLabel = "BYTES",
            defaultValue = "8388608",
            description = "Largest request body; larger ones get 413 (default ${DEFAULT-VALUE}, 8 MiB).")
    int maxRequestSize;

    @Option(
            names = "--request-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long a request may wait and run before it gets 503 (default ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Option(
            names = "--management-token",
            paramLabel = "TOKEN",
            description = "Require 'Authorization: Bearer TOKEN' on the /models routes (default: the " + TOKEN_ENV
                    + " environment variable; none when unset).")
    String managementToken;

    @Override
    public Integer call() throws InterruptedException {
        DynamicBatcher.Settings batching;
        ModelServer.Options options;
        try {
            batching = new DynamicBatcher.Settings(batchSize, Duration.ofMillis(maxBatchDelay), queueSize, workers);
            String token = managementToken != null ? managementToken : System.getenv(TOKEN_ENV);
            options = new ModelServer.Options(
                    host,
                    port,
                    maxRequestSize,
                    Duration.ofSeconds(requestTimeout),
                    Duration.ofMinutes(5),
                    token,
                    batching);
        } catch (IllegalArgumentException e) {
            throw new LstmForgeException("serve: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LstmForge forge = shared.open(spec)) {
            List<String> refs = new ArrayList<>(models);
            if (refs.isEmpty()) {
                for (String project : forge.projects().keySet()) {
                    forge.store().latest(project).map(ModelVersion::ref).ifPresent(refs::add);
                }
                if (refs.isEmpty()) {
                    throw new LstmForgeException(
                            "no saved model in " + forge.store().root()
                                    + " to serve; train one first (lstmforge train PROJECT) or name a model folder or zip");
                }
            }
            ModelServer server;
            try {
                server = ModelServer.start(new ForgeModels(forge), options);
            } catch (RuntimeException e) {
                throw new LstmForgeException("serve: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            Thread hook = new Thread(server::close, "serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                for (String ref : refs) {
                    try {
                        ServedModel m = server.register(ref, Map.of());
                        out.printf(
                                "serving %s version %s (%s): batch_size %d, max_batch_delay %d ms, workers %d%n",
                                m.name(),
                                m.version(),
                                m.description().ref(),
                                m.settings().batchSize(),
                                m.settings().maxBatchDelay().toMillis(),
                                m.settings().workers());
                    } catch (ApiError e) {
                        throw new LstmForgeException("serve: cannot serve '" + ref + "': " + e.getMessage(), e);
                    }
                }
                out.println("listening on " + server.uri()
                        + (options.managementToken() != null ? " (the /models routes need the management token)" : ""));
                out.flush();
                server.awaitClose();
            } finally {
                server.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down; the hook closes the server
                }
            }
            return 0;
        }
    }
}
