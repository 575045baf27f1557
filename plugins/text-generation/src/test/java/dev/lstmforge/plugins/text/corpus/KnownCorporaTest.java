package dev.lstmforge.plugins.text.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lstmforge.support.download.KnownFile;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KnownCorporaTest {

    private static final String SHA = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    @Test
    void tinyShakespeareIsRegistered() {
        KnownFile c = KnownCorpora.byName("tiny-shakespeare").orElseThrow();
        assertThat(c).isSameAs(KnownCorpora.TINY_SHAKESPEARE);
        assertThat(c.fileName()).isEqualTo("text/tinyshakespeare.txt");
        assertThat(c.uri())
                .isEqualTo(URI.create(
                        "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"));
        assertThat(c.sha256()).isEqualTo(SHA);
        assertThat(c.bytes()).isEqualTo(1_115_394L);
        assertThat(KnownCorpora.all()).contains(c);
    }

    @Test
    void lookupIgnoresCaseAndUnknownNamesAreEmpty() {
        assertThat(KnownCorpora.byName(" Tiny-Shakespeare ")).contains(KnownCorpora.TINY_SHAKESPEARE);
        assertThat(KnownCorpora.byName("war-and-peace")).isEmpty();
        assertThat(KnownCorpora.byName(null)).isEmpty();
    }

    @Test
    void pathResolvesUnderTheDataRoot() {
        Path root = Path.of("data");
        assertThat(KnownCorpora.TINY_SHAKESPEARE.path(root))
                .isEqualTo(root.resolve("text").resolve("tinyshakespeare.txt"));
    }
}
