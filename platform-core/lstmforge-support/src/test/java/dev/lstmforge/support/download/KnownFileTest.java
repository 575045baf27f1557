package dev.lstmforge.support.download;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownFileTest {

    private static final String SHA = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    @ParameterizedTest
    @ValueSource(
            strings = {"/abs/file.txt", "../outside.txt", "text/../../x.txt", "a//b.txt", "a\\b.txt", "C:/x.txt", " "})
    void fileNameMustStayInsideTheDataRoot(String fileName) {
        assertThatThrownBy(() -> new KnownFile("x", fileName, URI.create("https://h/x"), SHA, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("fileName");
    }

    @Test
    void otherFieldsAreValidated() {
        assertThatThrownBy(() -> new KnownFile("x", "a.txt", URI.create("ftp://h/x"), SHA, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ftp://h/x");
        assertThatThrownBy(() -> new KnownFile("x", "a.txt", URI.create("https://h/x"), SHA.toUpperCase(), 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> new KnownFile("x", "a.txt", URI.create("https://h/x"), SHA, -5))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> new KnownFile("", "a.txt", URI.create("https://h/x"), SHA, 1))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("name");
    }
}
