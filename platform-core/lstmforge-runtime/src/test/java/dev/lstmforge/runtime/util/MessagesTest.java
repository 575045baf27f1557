package dev.lstmforge.runtime.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void aMessageIsKeptWithoutClassNames() {
        assertThat(Messages.describe(new IOException("disk full"))).isEqualTo("disk full");
        assertThat(Messages.describe(new IOException("java.nio.charset.MalformedInputException: Input length = 1")))
                .isEqualTo("Input length = 1");
    }

    @Test
    void aMissingMessageNeverBecomesNull() {
        assertThat(Messages.describe(new EOFException())).isEqualTo("unexpected end of file");
        assertThat(Messages.describe(new BufferUnderflowException())).isEqualTo("buffer underflow");
        assertThat(Messages.describe(new RuntimeException((String) null))).isEqualTo("runtime");
        assertThat(Messages.describe(new IOException("reading x: null"))).isEqualTo("reading x");
    }

    @Test
    void aWrapperWhoseMessageIsItsCauseGivesTheCausesWords() {
        // new RuntimeException(cause) has the message "java.io.EOFException"
        assertThat(Messages.describe(new RuntimeException(new EOFException()))).isEqualTo("unexpected end of file");
        assertThat(Messages.describe(new UncheckedIOException(new ZipException("zip END header not found"))))
                .isEqualTo("zip END header not found");
    }

    @Test
    void pathsBelowTheWorkingDirectoryAreRelative() {
        Path cwd = Path.of("").toAbsolutePath();
        assertThat(Messages.path(cwd.resolve("models/x/v1"))).isEqualTo("models/x/v1");
        assertThat(Messages.path(Path.of("/elsewhere/m"))).isEqualTo("/elsewhere/m");
    }

    @Test
    void bytesHaveThousandsSeparators() {
        assertThat(Messages.bytes(120_004)).isEqualTo("120,004 bytes");
        assertThat(Messages.bytes(1)).isEqualTo("1 byte");
    }
}
