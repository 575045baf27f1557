package dev.lstmforge.plugins.text.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFetcherTest {

    private static final String BODY = SyntheticCorpus.generate(7, 5_000);
    private static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final CorpusFetcher fetcher = new CorpusFetcher(HttpClient.newHttpClient());

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/play.txt")) {
                    exchange.sendResponseHeaders(200, BYTES.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(BYTES);
                    }
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private KnownCorpus corpus(String path, String sha256) {
        return new KnownCorpus("little-play", "text/little/play.txt", uri(path), sha256, BYTES.length);
    }

    private KnownCorpus goodCorpus() throws Exception {
        return corpus("/play.txt", CorpusReaderTest.sha256(BYTES));
    }

    private List<Path> filesUnderRoot() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void downloadsVerifiesAndMovesTheFileIntoPlace() throws Exception {
        KnownCorpus c = goodCorpus();

        Path file = fetcher.fetch(c, root);

        assertThat(file).isEqualTo(root.resolve("text/little/play.txt"));
        assertThat(file).hasBinaryContent(BYTES);
        assertThat(requests).hasValue(1);
        assertThat(filesUnderRoot()).containsExactly(file);
        assertThat(CorpusReader.read(file).sha256()).isEqualTo(c.sha256());
    }

    @Test
    void aVerifiedFileIsNotDownloadedAgain() throws Exception {
        KnownCorpus c = goodCorpus();
        Path first = fetcher.fetch(c, root);
        Path second = fetcher.fetch(c, root);

        assertThat(second).isEqualTo(first);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aFilePutThereByHandIsUsedWithoutNetwork() throws Exception {
        KnownCorpus c = corpus("/never-asked.txt", CorpusReaderTest.sha256(BYTES));
        Path target = c.path(root);
        Files.createDirectories(target.getParent());
        Files.write(target, BYTES);

        assertThat(fetcher.fetch(c, root)).isEqualTo(target);
        assertThat(requests).hasValue(0);
    }

    @Test
    void wrongHashIsAnErrorAndLeavesNothingBehind() throws Exception {
        String wrong = "0".repeat(64);
        KnownCorpus c = corpus("/play.txt", wrong);

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(c.uri().toString())
                .hasMessageContaining("expected SHA-256 " + wrong)
                .hasMessageContaining("got " + CorpusReaderTest.sha256(BYTES))
                .hasMessageContaining("nothing was saved");
        assertThat(requests).hasValue(1);
        assertThat(filesUnderRoot()).isEmpty();
    }

    @Test
    void aDownloadLargerThanExpectedIsRejected() throws Exception {
        KnownCorpus c = new KnownCorpus(
                "little-play", "play.txt", uri("/play.txt"), CorpusReaderTest.sha256(BYTES), BYTES.length - 10);

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("larger than the " + (BYTES.length - 10) + " bytes expected");
        assertThat(filesUnderRoot()).isEmpty();
    }

    @Test
    void httpErrorStatusIsReportedWithTheUri() throws Exception {
        KnownCorpus c = corpus("/missing.txt", CorpusReaderTest.sha256(BYTES));

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(c.uri().toString())
                .hasMessageContaining("HTTP status 404");
        assertThat(filesUnderRoot()).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void connectionRefusedSaysOfflineAndWhereToPutTheFile() throws Exception {
        int closedPort = closedPort();
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/play.txt");
        KnownCorpus c =
                new KnownCorpus("little-play", "text/play.txt", uri, CorpusReaderTest.sha256(BYTES), BYTES.length);

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("seems to be offline")
                .hasMessageContaining(uri.toString())
                .hasMessageContaining("save it as " + c.path(root).toAbsolutePath())
                .hasMessageContaining("(connection refused or unreachable)")
                .hasMessageNotContaining("Exception");
        assertThat(filesUnderRoot()).isEmpty();
    }

    @Test
    void anExistingFileWithOtherContentIsKeptAndReported() throws Exception {
        KnownCorpus c = goodCorpus();
        Path target = c.path(root);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "my own notes, not the corpus");
        String theirHash = CorpusReaderTest.sha256(Files.readAllBytes(target));

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(target.toString())
                .hasMessageContaining("expected SHA-256 " + c.sha256())
                .hasMessageContaining("found " + theirHash)
                .hasMessageContaining("left untouched");
        assertThat(target).hasContent("my own notes, not the corpus");
        assertThat(requests).hasValue(0);
    }

    @Test
    void aFolderWhereTheFileShouldBeIsReported() throws Exception {
        KnownCorpus c = goodCorpus();
        Files.createDirectories(c.path(root));
        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a regular file");
        assertThat(requests).hasValue(0);
    }

    @Test
    void theDefaultConstructorAndTimeoutsWork() throws Exception {
        assertThat(new CorpusFetcher().fetch(goodCorpus(), root)).hasBinaryContent(BYTES);
        assertThatThrownBy(() -> new CorpusFetcher(HttpClient.newHttpClient(), java.time.Duration.ZERO))
                .isInstanceOf(DataException.class);
    }

    @Test
    void tinyShakespeareInTheDataRootIsAcceptedWithoutNetwork() throws Exception {
        Path file = SharedTestData.tinyShakespeare();
        // Every request of this client goes to a proxy on a closed port, so any network access
        // would fail.
        HttpClient noNetwork = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort())))
                .build();

        assertThat(new CorpusFetcher(noNetwork).fetch(KnownCorpora.TINY_SHAKESPEARE, SharedTestData.dataRoot()))
                .isEqualTo(file);
        // The same client really cannot download: into an empty root it reports being offline.
        assertThatThrownBy(() -> new CorpusFetcher(noNetwork).fetch(KnownCorpora.TINY_SHAKESPEARE, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("seems to be offline")
                .hasMessageContaining(KnownCorpora.TINY_SHAKESPEARE.uri().toString());
        assertThat(filesUnderRoot()).isEmpty();
    }
}
