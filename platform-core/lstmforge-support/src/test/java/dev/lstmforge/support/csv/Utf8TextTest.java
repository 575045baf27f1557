package dev.lstmforge.support.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    @Test
    void decodesAndDropsTheByteOrderMark() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', (byte) 0xC3, (byte) 0xA9};
        assertThat(Utf8Text.decode(bytes, "x")).isEqualTo("h\u00e9");
        assertThat(Utf8Text.read(new ByteArrayInputStream(new byte[] {'a', '\n'}), "s"))
                .isEqualTo("a\n");
    }

    @Test
    void namesTheFirstBadByteAndItsLine() {
        // line 1 "ab\n", line 2 "c" then a truncated two-byte sequence at byte 5 (1-based)
        byte[] bytes = {'a', 'b', '\n', 'c', (byte) 0xC3, 'd'};
        assertThatThrownBy(() -> Utf8Text.decode(bytes, "corpus.txt"))
                .isInstanceOf(DataException.class)
                .hasMessage("corpus.txt: not valid UTF-8 at byte 5 (line 2); save the file as UTF-8");
        // a lone continuation byte as the very first byte
        assertThatThrownBy(() -> Utf8Text.decode(new byte[] {(byte) 0x80}, "f"))
                .hasMessage("f: not valid UTF-8 at byte 1 (line 1); save the file as UTF-8");
        // a truncated sequence at the very end
        assertThatThrownBy(() -> Utf8Text.decode(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, "g"))
                .hasMessage("g: not valid UTF-8 at byte 2 (line 1); save the file as UTF-8");
    }
}
