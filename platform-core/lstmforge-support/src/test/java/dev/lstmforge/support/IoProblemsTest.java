package dev.lstmforge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** I/O failures are described in words, never by their Java class name. */
class IoProblemsTest {

    @Test
    void knownFailuresGetPlainWords() {
        assertThat(IoProblems.describe(new AccessDeniedException("/data/a.txt")))
                .isEqualTo("permission denied");
        assertThat(IoProblems.describe(new NoSuchFileException("/data/a.txt"))).isEqualTo("no such file or folder");
        assertThat(IoProblems.describe(new FileSystemException("/data", null, "Is a directory")))
                .isEqualTo("Is a directory");
        assertThat(IoProblems.describe(new UnknownHostException("raw.example.org")))
                .isEqualTo("unknown host raw.example.org");
        assertThat(IoProblems.describe(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("timed out");
        assertThat(IoProblems.describe(new ConnectException())).isEqualTo("connection refused or unreachable");
    }

    @Test
    void aMessageThatNamesAClassIsReplaced() {
        assertThat(IoProblems.describe(new IOException("java.net.SocketException: Connection reset")))
                .isEqualTo("input/output error");
        assertThat(IoProblems.describe(new IOException((String) null))).isEqualTo("input/output error");
        assertThat(IoProblems.describe(new IOException("Stream closed"))).isEqualTo("Stream closed");
    }
}
