package dev.lstmforge.support.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedFetcherTest {

    private static final byte[] BYTES =
            "To be, or not to be, that is the question.\n".repeat(120).getBytes(StandardCharsets.UTF_8);

    /** What the test server answers, by path; anything else is a 404. */
    private static final Map<String, byte[]> SERVED = Map.of(
            "/play.txt", BYTES,
            "/act1.txt", "Act one.\n".getBytes(StandardCharsets.UTF_8),
            "/act2.txt", "Act two, longer.\n".getBytes(StandardCharsets.UTF_8),
            "/act3.txt", "Act three, the longest of them.\n".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path root;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final VerifiedFetcher fetcher = new VerifiedFetcher(HttpClient.newHttpClient());

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                byte[] body = SERVED.get(exchange.getRequestURI().getPath());
                if (body != null) {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
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

    private KnownFile known(String path, String sha256) {
        return new KnownFile("little-play", "text/little/play.txt", uri(path), sha256, BYTES.length);
    }

    private KnownFile goodFile() {
        return known("/play.txt", Sha256.of(BYTES));
    }

    private List<Path> filesUnderRoot() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void downloadsVerifiesAndMovesTheFileIntoPlace() throws Exception {
        KnownFile c = goodFile();

        Path file = fetcher.fetch(c, root);

        assertThat(file).isEqualTo(root.resolve("text/little/play.txt"));
        assertThat(file).hasBinaryContent(BYTES);
        assertThat(requests).hasValue(1);
        assertThat(filesUnderRoot()).containsExactly(file);
        assertThat(Sha256.of(file)).isEqualTo(c.sha256());
    }

    @Test
    void aVerifiedFileIsNotDownloadedAgain() throws Exception {
        KnownFile c = goodFile();
        Path first = fetcher.fetch(c, root);
        Path second = fetcher.fetch(c, root);

        assertThat(second).isEqualTo(first);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aFilePutThereByHandIsUsedWithoutNetwork() throws Exception {
        KnownFile c = known("/never-asked.txt", Sha256.of(BYTES));
        Path target = c.path(root);
        Files.createDirectories(target.getParent());
        Files.write(target, BYTES);

        assertThat(fetcher.fetch(c, root)).isEqualTo(target);
        assertThat(requests).hasValue(0);
    }

    @Test
    void wrongHashIsAnErrorAndLeavesNothingBehind() throws Exception {
        String wrong = "0".repeat(64);
        KnownFile c = known("/play.txt", wrong);

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(c.uri().toString())
                .hasMessageContaining("expected SHA-256 " + wrong)
                .hasMessageContaining("got " + Sha256.of(BYTES))
                .hasMessageContaining("nothing was saved");
        assertThat(requests).hasValue(1);
        assertThat(filesUnderRoot()).isEmpty();
    }

    @Test
    void aDownloadLargerThanExpectedIsRejected() throws Exception {
        KnownFile c = new KnownFile("little-play", "play.txt", uri("/play.txt"), Sha256.of(BYTES), BYTES.length - 10);

        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("larger than the " + (BYTES.length - 10) + " bytes expected");
        assertThat(filesUnderRoot()).isEmpty();
    }

    @Test
    void httpErrorStatusIsReportedWithTheUri() throws Exception {
        KnownFile c = known("/missing.txt", Sha256.of(BYTES));

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
        KnownFile c = new KnownFile("little-play", "text/play.txt", uri, Sha256.of(BYTES), BYTES.length);

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
        KnownFile c = goodFile();
        Path target = c.path(root);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "my own notes, not the corpus");
        String theirHash = Sha256.of(Files.readAllBytes(target));

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
        KnownFile c = goodFile();
        Files.createDirectories(c.path(root));
        assertThatThrownBy(() -> fetcher.fetch(c, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a regular file");
        assertThat(requests).hasValue(0);
    }

    @Test
    void theDefaultConstructorAndTimeoutsWork() throws Exception {
        assertThat(new VerifiedFetcher().fetch(goodFile(), root)).hasBinaryContent(BYTES);
        assertThatThrownBy(() -> new VerifiedFetcher(HttpClient.newHttpClient(), java.time.Duration.ZERO))
                .isInstanceOf(DataException.class);
    }

    private List<KnownFile> acts() {
        List<KnownFile> acts = new ArrayList<>();
        for (String name : List.of("act1.txt", "act2.txt", "act3.txt")) {
            byte[] body = SERVED.get("/" + name);
            acts.add(new KnownFile(name, "text/acts/" + name, uri("/" + name), Sha256.of(body), body.length));
        }
        return acts;
    }

    @Test
    void fetchAllDownloadsWhatIsMissingOnce() throws Exception {
        List<KnownFile> acts = acts();
        Files.createDirectories(acts.get(0).path(root).getParent());
        Files.write(acts.get(0).path(root), SERVED.get("/act1.txt"));

        assertThat(fetcher.fetchAll(acts, root, 2)).isEqualTo(2);
        assertThat(requests).hasValue(2);
        for (KnownFile act : acts) {
            assertThat(act.path(root)).hasBinaryContent(SERVED.get("/" + act.name()));
        }
        assertThat(filesUnderRoot()).hasSize(3);

        assertThat(fetcher.fetchAll(acts, root, 2)).isZero();
        assertThat(requests).hasValue(2);
    }

    @Test
    void fetchAllChecksFilesInPlaceBeforeAnyRequest() throws Exception {
        List<KnownFile> acts = acts();
        Path act2 = acts.get(1).path(root);
        Files.createDirectories(act2.getParent());
        Files.writeString(act2, "someone else's act two");

        assertThatThrownBy(() -> fetcher.fetchAll(acts, root, 4))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(act2.toString())
                .hasMessageContaining("left untouched");
        assertThat(requests).hasValue(0);
        assertThat(act2).hasContent("someone else's act two");
    }

    @Test
    void fetchAllReportsAFailedFileAndKeepsOnlyVerifiedOnes() throws Exception {
        List<KnownFile> files = new ArrayList<>(acts());
        KnownFile missing =
                new KnownFile("act4.txt", "text/acts/act4.txt", uri("/act4.txt"), Sha256.of(BYTES), BYTES.length);
        files.add(missing);

        assertThatThrownBy(() -> fetcher.fetchAll(files, root, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(missing.uri().toString())
                .hasMessageContaining("HTTP status 404");
        for (Path p : filesUnderRoot()) {
            assertThat(p.getFileName().toString()).matches("act[123]\\.txt");
            assertThat(p).hasBinaryContent(SERVED.get("/" + p.getFileName()));
        }
        assertThatThrownBy(() -> fetcher.fetchAll(acts(), root, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
