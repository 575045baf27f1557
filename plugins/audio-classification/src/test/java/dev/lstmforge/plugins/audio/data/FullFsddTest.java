package dev.lstmforge.plugins.audio.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lstmforge.plugins.audio.decode.AudioFixtures;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.download.KnownFile;
import dev.lstmforge.support.download.Sha256;
import dev.lstmforge.support.download.VerifiedFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The six-speaker FSDD manifest and its download, against a local server holding the shared four. */
class FullFsddTest {

    @TempDir
    Path root;

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/recordings/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring("/recordings/".length());
                Path file = sharedFolder().resolve(name);
                if (name.contains("/") || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                served.incrementAndGet();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static Path sharedFolder() {
        return AudioFixtures.fsdd();
    }

    private URI source() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/recordings/");
    }

    @Test
    void theManifestListsSixSpeakersTenDigitsFiftyTakes() {
        List<KnownFile> files = FullFsdd.files(FullFsdd.SOURCE);

        assertThat(files).hasSize(3000);
        Map<String, Long> perSpeaker = new TreeMap<>();
        Set<String> names = new HashSet<>();
        for (KnownFile f : files) {
            String name = f.fileName().substring(FullFsdd.FOLDER.length() + 1);
            assertThat(f.fileName()).isEqualTo(FullFsdd.FOLDER + "/" + name);
            assertThat(f.uri()).isEqualTo(FullFsdd.SOURCE.resolve(name));
            assertThat(f.uri().toString()).contains(FullFsdd.COMMIT);
            assertThat(f.bytes()).isBetween(1000L, 100_000L);
            String[] parts = name.replace(".wav", "").split("_");
            assertThat(Integer.parseInt(parts[0])).isBetween(0, 9);
            assertThat(Integer.parseInt(parts[2])).isBetween(0, 49);
            perSpeaker.merge(parts[1], 1L, Long::sum);
            names.add(name);
        }
        assertThat(names).hasSize(3000);
        assertThat(perSpeaker)
                .isEqualTo(Map.of(
                        "george",
                        500L,
                        "jackson",
                        500L,
                        "lucas",
                        500L,
                        "nicolas",
                        500L,
                        "theo",
                        500L,
                        "yweweler",
                        500L));
    }

    @Test
    void theManifestMatchesEverySharedRecordingByteForByte() throws IOException {
        Map<String, KnownFile> byName = FullFsdd.files(FullFsdd.SOURCE).stream()
                .collect(Collectors.toMap(
                        f -> Path.of(f.fileName()).getFileName().toString(), f -> f));
        int checked = 0;
        try (Stream<Path> shared = Files.list(sharedFolder())) {
            for (Path p : shared.filter(q -> q.toString().endsWith(".wav")).toList()) {
                KnownFile f = byName.get(p.getFileName().toString());
                assertThat(f).as(p.getFileName().toString()).isNotNull();
                assertThat(Files.size(p)).isEqualTo(f.bytes());
                assertThat(Sha256.of(p)).as(p.getFileName().toString()).isEqualTo(f.sha256());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2000);
    }

    @Test
    void ensureFetchesVerifiesAndNamesWhatTheServerLacks() throws IOException {
        VerifiedFetcher fetcher = new VerifiedFetcher(HttpClient.newHttpClient());

        // The local server has the four shared speakers only: theo and yweweler answer 404.
        assertThatThrownBy(() -> FullFsdd.ensure(root, fetcher, source()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("HTTP status 404")
                .hasMessageMatching("(?s).*/recordings/[0-9]_(theo|yweweler)_[0-9]+\\.wav.*");

        // Whatever arrived is a verified shared recording, and no partial file is left.
        Path folder = root.resolve(FullFsdd.FOLDER);
        List<Path> arrived;
        try (Stream<Path> s = Files.list(folder)) {
            arrived = s.toList();
        }
        assertThat(arrived).isNotEmpty();
        for (Path p : arrived) {
            assertThat(p.getFileName().toString()).doesNotStartWith(".").endsWith(".wav");
            assertThat(p).hasSameBinaryContentAs(sharedFolder().resolve(p.getFileName()));
        }
    }

    @Test
    void recordingsInPlaceAreCountedAndNeverFetchedAgain() throws IOException {
        Path folder = Files.createDirectories(root.resolve(FullFsdd.FOLDER));
        List<KnownFile> files = FullFsdd.files(source());
        for (KnownFile f : files) {
            Path name = Path.of(f.fileName()).getFileName();
            Path shared = sharedFolder().resolve(name);
            if (Files.exists(shared)) {
                Files.copy(shared, folder.resolve(name));
            }
        }
        assertThat(FullFsdd.missing(root)).isEqualTo(1000);

        // The four speakers in place are verified without a single request.
        VerifiedFetcher fetcher = new VerifiedFetcher(HttpClient.newHttpClient());
        List<KnownFile> shared =
                files.stream().filter(f -> Files.exists(f.path(root))).toList();
        assertThat(fetcher.fetchAll(shared, root, 4)).isZero();
        assertThat(served).hasValue(0);
    }
}
