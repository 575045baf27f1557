package dev.lstmforge.plugins.text.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import dev.lstmforge.support.download.VerifiedFetcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue's tiny-shakespeare entry matches the copy in the shared data root. */
class TinyShakespeareFetchTest {

    @TempDir
    Path root;

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void tinyShakespeareInTheDataRootIsAcceptedWithoutNetwork() throws Exception {
        Path file = SharedTestData.tinyShakespeare();
        // Every request of this client goes to a proxy on a closed port, so any network access
        // would fail.
        HttpClient noNetwork = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort())))
                .build();

        assertThat(new VerifiedFetcher(noNetwork).fetch(KnownCorpora.TINY_SHAKESPEARE, SharedTestData.dataRoot()))
                .isEqualTo(file);
        // The same client really cannot download: into an empty root it reports being offline.
        assertThatThrownBy(() -> new VerifiedFetcher(noNetwork).fetch(KnownCorpora.TINY_SHAKESPEARE, root))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("seems to be offline")
                .hasMessageContaining(KnownCorpora.TINY_SHAKESPEARE.uri().toString());
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
