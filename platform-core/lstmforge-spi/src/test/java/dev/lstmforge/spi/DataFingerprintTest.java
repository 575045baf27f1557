package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFingerprintTest {

    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path dir;

    @Test
    void ofBytesHashesKnownString() {
        DataFingerprint fp = DataFingerprint.ofBytes("resource:abc", "abc".getBytes(StandardCharsets.US_ASCII), 3);

        assertThat(fp.source()).isEqualTo("resource:abc");
        assertThat(fp.sha256()).isEqualTo(ABC_SHA256);
        assertThat(fp.rows()).isEqualTo(3);
    }

    @Test
    void ofBytesHashesEmptyInput() {
        assertThat(DataFingerprint.ofBytes("empty", new byte[0], 0).sha256()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void sha256OfStreamMatchesKnownValueAndLeavesStreamOpen() throws IOException {
        class TrackingStream extends ByteArrayInputStream {
            boolean closed;

            TrackingStream(byte[] b) {
                super(b);
            }

            @Override
            public void close() throws IOException {
                closed = true;
                super.close();
            }
        }
        TrackingStream in = new TrackingStream("abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(DataFingerprint.sha256(in)).isEqualTo(ABC_SHA256);
        assertThat(in.closed).isFalse();
    }

    @Test
    void ofFileHashesFileContentAndRecordsPath() throws IOException {
        Path file = dir.resolve("abc.csv");
        Files.writeString(file, "abc", StandardCharsets.US_ASCII);

        DataFingerprint fp = DataFingerprint.ofFile(file, 1);

        assertThat(fp).isEqualTo(new DataFingerprint(file.toString(), ABC_SHA256, 1));
    }

    @Test
    void fileStreamAndBytesAgreeOnDataLargerThanTheReadBuffer() throws IOException {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        Path file = dir.resolve("big.bin");
        Files.write(file, data);

        String fromBytes = DataFingerprint.ofBytes("mem", data, 1).sha256();
        String fromFile = DataFingerprint.ofFile(file, 1).sha256();
        String fromStream;
        try (InputStream in = new ByteArrayInputStream(data)) {
            fromStream = DataFingerprint.sha256(in);
        }

        assertThat(fromBytes).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(fromFile).isEqualTo(fromBytes);
        assertThat(fromStream).isEqualTo(fromBytes);
        data[123_456] ^= 1;
        assertThat(DataFingerprint.ofBytes("mem", data, 1).sha256()).isNotEqualTo(fromBytes);
    }

    @Test
    void ofFileOfMissingFileNamesIt() {
        Path missing = dir.resolve("nope.csv");

        assertThatThrownBy(() -> DataFingerprint.ofFile(missing, 0))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot hash")
                .hasMessageContaining(missing.toString());
    }
}
