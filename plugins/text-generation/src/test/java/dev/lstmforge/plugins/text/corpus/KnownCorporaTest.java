package dev.lstmforge.plugins.text.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownCorporaTest {

    private static final String SHA = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    @Test
    void tinyShakespeareIsRegistered() {
        KnownCorpus c = KnownCorpora.byName("tiny-shakespeare").orElseThrow();
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

    @ParameterizedTest
    @ValueSource(
            strings = {"/abs/file.txt", "../outside.txt", "text/../../x.txt", "a//b.txt", "a\\b.txt", "C:/x.txt", " "})
    void fileNameMustStayInsideTheDataRoot(String fileName) {
        assertThatThrownBy(() -> new KnownCorpus("x", fileName, URI.create("https://h/x"), SHA, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fileName");
    }

    @Test
    void otherFieldsAreValidated() {
        assertThatThrownBy(() -> new KnownCorpus("x", "a.txt", URI.create("ftp://h/x"), SHA, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ftp://h/x");
        assertThatThrownBy(() -> new KnownCorpus("x", "a.txt", URI.create("https://h/x"), SHA.toUpperCase(), 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> new KnownCorpus("x", "a.txt", URI.create("https://h/x"), SHA, -5))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> new KnownCorpus("", "a.txt", URI.create("https://h/x"), SHA, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("name");
    }
}
