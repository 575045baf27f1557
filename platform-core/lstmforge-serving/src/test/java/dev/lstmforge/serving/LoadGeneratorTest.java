package dev.lstmforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The load generator counts what it should: answers by status, lost requests, and its bounds. */
class LoadGeneratorTest {

    @Test
    void sixtyFourClientsAreAllAnsweredOnce() throws Exception {
        try (ModelServer server = ModelServer.start(new FakeModels(), ModelServer.Options.defaults())) {
            server.register("echo", Map.of());
            LoadGenerator load = new LoadGenerator(
                    server.uri().resolve("/predictions/echo"), "ping".getBytes(StandardCharsets.UTF_8));
            LoadGenerator.Result r = load.run(64, Duration.ofSeconds(2), Long.MAX_VALUE);
            assertThat(r.clean()).as(r.summary()).isTrue();
            assertThat(r.sent()).isGreaterThan(64);
            assertThat(r.latencyMillis()).hasSize((int) r.sent());
            assertThat(r.percentile(0.5)).isLessThanOrEqualTo(r.percentile(0.99));
        }
    }

    @Test
    void stopsAtTheRequestBudget() throws Exception {
        try (ModelServer server = ModelServer.start(new FakeModels(), ModelServer.Options.defaults())) {
            server.register("echo", Map.of());
            LoadGenerator load =
                    new LoadGenerator(server.uri().resolve("/predictions/echo"), "x".getBytes(StandardCharsets.UTF_8));
            LoadGenerator.Result r = load.run(8, Duration.ofMinutes(1), 100);
            assertThat(r.sent()).isEqualTo(100);
            assertThat(r.ok()).isEqualTo(100);
        }
    }

    @Test
    void countsErrorsAndLostRequests() throws Exception {
        FakeModels models = new FakeModels();
        try (ModelServer server = ModelServer.start(models, ModelServer.Options.defaults())) {
            server.register("echo", Map.of());
            LoadGenerator.Result bad = new LoadGenerator(
                            server.uri().resolve("/predictions/echo"), "bad".getBytes(StandardCharsets.UTF_8))
                    .run(2, Duration.ofSeconds(10), 10);
            assertThat(bad.codes()).containsEntry(400, 10L);
            assertThat(bad.clean()).isFalse();
        }
        // nothing listens any more: every request is lost, none is counted as answered
        LoadGenerator.Result lost = new LoadGenerator(URI.create("http://127.0.0.1:1/predictions/echo"), new byte[0])
                .run(2, Duration.ofSeconds(10), 6);
        assertThat(lost.transportErrors()).isEqualTo(6);
        assertThat(lost.answered()).isZero();
        assertThat(lost.clean()).isFalse();
        assertThat(models.gate).isInstanceOf(CountDownLatch.class);
    }
}
