package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lstmforge serve} and {@code bench --server} on a freshly trained stock model. */
class ServeCommandTest {

    @Test
    void servesTheStoreUntilInterrupted(@TempDir Path tmp) throws Exception {
        Path models = tmp.resolve("models");
        Cli.Result none = Cli.run(Cli.DIST_PLUGINS, models, "serve", "--port", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no saved model").contains("lstmforge train");

        assertThat(Cli.run(
                                Cli.DIST_PLUGINS,
                                models,
                                PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST))
                        .code())
                .isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread serve = new Thread(() -> code[0] = Main.execute(
                new PrintWriter(out),
                new PrintWriter(err),
                "serve",
                "--plugins",
                Cli.DIST_PLUGINS.toString(),
                "--models",
                models.toString(),
                "-q",
                "--port",
                "0",
                "--batch-size",
                "8"));
        serve.start();
        URI base = null;
        Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
        for (int i = 0; i < 600 && base == null; i++) {
            Matcher m = listening.matcher(out.toString());
            if (m.find()) {
                base = URI.create(m.group(1));
            } else {
                assertThat(serve.isAlive()).as(err.toString()).isTrue();
                Thread.sleep(100);
            }
        }
        assertThat(base).as(out + "\n" + err).isNotNull();
        assertThat(out.toString()).contains("serving stock-forecast version 1 (stock-forecast/v1): batch_size 8");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ping = client.send(
                HttpRequest.newBuilder(base.resolve("/ping")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);
        HttpResponse<String> forecast = client.send(
                HttpRequest.newBuilder(base.resolve("/predictions/stock-forecast?horizon=2"))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forecast.statusCode()).isEqualTo(200);
        assertThat(forecast.body()).contains("\"horizon\":2").contains("\"forecast\"");

        serve.interrupt();
        serve.join(30_000);
        assertThat(serve.isAlive()).isFalse();
        assertThat(code[0]).isEqualTo(130);
    }

    @Test
    void benchServerComparesBatchSizes(@TempDir Path tmp) {
        Path models = tmp.resolve("models");
        assertThat(Cli.run(
                                Cli.DIST_PLUGINS,
                                models,
                                PluginLoadingTest.concat(new String[] {"train", "stock-forecast"}, Cli.FAST))
                        .code())
                .isZero();
        Path json = tmp.resolve("bench.json");
        Cli.Result r = Cli.run(
                Cli.DIST_PLUGINS,
                models,
                "bench",
                "stock-forecast",
                "--server",
                "--clients",
                "1,4",
                "--batch-sizes",
                "1,4",
                "--seconds",
                "1",
                "--warmup-seconds",
                "0",
                "--json",
                json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("| batch_size | clients | requests/s")
                .contains("| 4 | 4 |")
                .contains("4 clients: batch_size 4 gives");
        assertThat(json).isRegularFile();
        Cli.Result bad = Cli.run(Cli.DIST_PLUGINS, models, "bench", "stock-forecast", "--server", "--clients", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--clients value 0");
    }
}
