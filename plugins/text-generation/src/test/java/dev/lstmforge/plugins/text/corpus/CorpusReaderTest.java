package dev.lstmforge.plugins.text.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.support.DataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorpusReaderTest {

    @TempDir
    Path dir;

    static String sha256(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            md.update(part);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsOneFileWithSizeAndHashOfItsBytes() throws Exception {
        byte[] raw = utf8("To be, or not to be.\nCaf\u00e9 \uD83C\uDFAD\n");
        Path file = Files.write(dir.resolve("play.txt"), raw);

        Corpus c = CorpusReader.read(file);

        assertThat(c.text()).isEqualTo("To be, or not to be.\nCaf\u00e9 \uD83C\uDFAD\n");
        assertThat(c.source()).isEqualTo(file.toString());
        assertThat(c.files()).containsExactly(file);
        assertThat(c.bytes()).isEqualTo(raw.length);
        assertThat(c.sha256()).isEqualTo(sha256(raw));
        assertThat(c.toString()).contains("1 file(s)", raw.length + " bytes");
    }

    @Test
    void aFileIsReadWhateverItsExtension() throws IOException {
        Path file = Files.writeString(dir.resolve("lines.dat"), "abc");
        assertThat(CorpusReader.read(file).text()).isEqualTo("abc");
    }

    @Test
    void folderReadsTxtFilesRecursivelyInRelativePathOrderJoinedWithNewline() throws Exception {
        Files.createDirectories(dir.resolve("b/deeper"));
        byte[] a = utf8("alpha\n");
        byte[] b = utf8("beta");
        byte[] c = utf8("gamma");
        byte[] d = utf8("delta");
        Files.write(dir.resolve("b/deeper/d.TXT"), d);
        Files.write(dir.resolve("b/c.txt"), c);
        Files.write(dir.resolve("b.txt"), b);
        Files.write(dir.resolve("a.txt"), a);
        Files.writeString(dir.resolve("notes.md"), "ignored");
        Files.writeString(dir.resolve("b/readme"), "ignored");
        Files.createDirectories(dir.resolve("folder.txt"));

        Corpus corpus = CorpusReader.read(dir);

        // "b.txt" sorts before "b/c.txt" because '.' < '/'.
        assertThat(corpus.files())
                .containsExactly(
                        dir.resolve("a.txt"),
                        dir.resolve("b.txt"),
                        dir.resolve("b/c.txt"),
                        dir.resolve("b/deeper/d.TXT"));
        assertThat(corpus.text()).isEqualTo("alpha\n\nbeta\ngamma\ndelta");
        assertThat(corpus.bytes()).isEqualTo(a.length + b.length + c.length + d.length);
        assertThat(corpus.sha256()).isEqualTo(sha256(a, b, c, d));
        assertThat(corpus.source()).isEqualTo(dir.toString());
    }

    @Test
    void folderWithoutTxtFilesIsAnErrorNamingTheFolder() throws IOException {
        Files.writeString(dir.resolve("notes.md"), "not a corpus");
        assertThatThrownBy(() -> CorpusReader.read(dir))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("no .txt files");
    }

    @Test
    void byteOrderMarkIsDroppedAndLineEndsAreNormalised() throws Exception {
        byte[] raw = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("one\r\ntwo\rthree\n\r\n"));
        Path file = Files.write(dir.resolve("dos.txt"), raw);

        Corpus c = CorpusReader.read(file);

        assertThat(c.text()).isEqualTo("one\ntwo\nthree\n\n");
        assertThat(c.bytes()).isEqualTo(raw.length);
        assertThat(c.sha256()).isEqualTo(sha256(raw));
        // three carriage returns: two in \r\n pairs, one alone (after "two")
        assertThat(c.warnings())
                .containsExactly("removed 3 carriage returns (\\r) from " + file
                        + "; 1 of them stood alone and became line breaks");
    }

    @Test
    void carriageReturnsAreCountedPerFileWithThousandsSeparators() throws IOException {
        Path windows = Files.writeString(dir.resolve("a.txt"), "line\r\n".repeat(1234));
        Path one = Files.writeString(dir.resolve("b.txt"), "x\r\ny");
        Files.writeString(dir.resolve("c.txt"), "unix\n");

        Corpus c = CorpusReader.read(dir);

        assertThat(c.text()).isEqualTo("line\n".repeat(1234) + "\nx\ny\nunix\n");
        assertThat(c.warnings())
                .containsExactly(
                        "removed 1,234 carriage returns (\\r) from " + windows,
                        "removed 1 carriage return (\\r) from " + one);
    }

    @Test
    void aCleanFileNeedsNoWarning() throws IOException {
        Path file = Files.writeString(dir.resolve("clean.txt"), "no carriage returns here\n");
        assertThat(CorpusReader.read(file).warnings()).isEmpty();
        assertThat(Corpus.ofText("memory", "a\r\nb").warnings()).isEmpty();
    }

    @Test
    void aByteOrderMarkIsDroppedFromEveryFileOfAFolder() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Files.write(dir.resolve("1.txt"), concat(bom, utf8("first")));
        Files.write(dir.resolve("2.txt"), concat(bom, utf8("second")));
        assertThat(CorpusReader.read(dir).text()).isEqualTo("first\nsecond");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // description, bytes (hex) after the prefix "Hello\nwor", expected detail
        "lone continuation byte, 80 6C 64, byte 0x80 followed by 0x6C 0x64",
        "two-byte lead without continuation, C3 28 6C 64, byte 0xC3 followed by 0x28 0x6C",
        "overlong encoding of '/', C0 AF 21, byte 0xC0 followed by 0xAF 0x21",
        "UTF-16 surrogate encoded in UTF-8, ED A0 80 21, byte 0xED followed by 0xA0 0x80",
        "invalid byte at the end, FF, byte 0xFF at the end of the file"
    })
    void malformedUtf8IsReportedWithFileOffsetLineAndBytes(String description, String hex, String detail)
            throws IOException {
        byte[] bad = HexFormat.ofDelimiter(" ").parseHex(hex);
        Path file = Files.write(dir.resolve("bad.txt"), concat(utf8("Hello\nwor"), bad));

        assertThatThrownBy(() -> CorpusReader.read(file))
                .as(description)
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": not valid UTF-8 at byte 9 (line 2): " + detail)
                .hasMessageEndingWith("; save the file as UTF-8")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void truncatedSequenceAtTheEndIsMalformed() throws IOException {
        // The first two bytes of the three-byte euro sign.
        Path file = Files.write(dir.resolve("cut.txt"), concat(utf8("price: "), new byte[] {(byte) 0xE2, (byte) 0x82}));
        assertThatThrownBy(() -> CorpusReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not valid UTF-8 at byte 7 (line 1): byte 0xE2");
    }

    @Test
    void malformedFileInsideAFolderIsNamed() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "fine");
        Path bad = Files.write(dir.resolve("z.txt"), new byte[] {'o', 'k', (byte) 0xC3});
        assertThatThrownBy(() -> CorpusReader.read(dir))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(bad + ": not valid UTF-8 at byte 2 (line 1)");
    }

    @Test
    void emptyOrWhitespaceOnlyCorpusIsAnErrorNamingTheSource() throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertThatThrownBy(() -> CorpusReader.read(empty))
                .isInstanceOf(DataException.class)
                .hasMessage(empty + ": the corpus is empty");

        Path blank = Files.writeString(dir.resolve("blank.txt"), " \r\n\t\n");
        assertThatThrownBy(() -> CorpusReader.read(blank))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(blank + ": the corpus contains only whitespace");

        Path bomOnly = Files.write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThatThrownBy(() -> CorpusReader.read(bomOnly))
                .isInstanceOf(DataException.class)
                .hasMessage(bomOnly + ": the corpus is empty");
    }

    @Test
    void folderOfEmptyTxtFilesIsWhitespaceOnly() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("texts"));
        Files.write(sub.resolve("a.txt"), new byte[0]);
        Files.write(sub.resolve("b.txt"), new byte[0]);
        assertThatThrownBy(() -> CorpusReader.read(sub))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(sub + ": the corpus contains only whitespace");
    }

    @Test
    void missingPathIsAnError() {
        Path missing = dir.resolve("nope/nothing.txt");
        assertThatThrownBy(() -> CorpusReader.read(missing))
                .isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such file or folder");
    }

    @Test
    void corpusValidatesItsParts() {
        assertThatThrownBy(() -> new Corpus("x", "src", List.of(), -1, "0".repeat(64)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new Corpus("x", "src", List.of(), 1, "ABC"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("src: sha256")
                .hasMessageContaining("'ABC'");
    }

    @Test
    void corpusOfTextHashesItsUtf8Bytes() throws Exception {
        Corpus c = Corpus.ofText("memory", "h\u00e9");
        assertThat(c.files()).isEmpty();
        assertThat(c.bytes()).isEqualTo(3);
        assertThat(c.sha256()).isEqualTo(sha256(utf8("h\u00e9")));
    }

    @Test
    void tinyShakespeareHasTheDocumentedSizeHashAndAlphabet() {
        Corpus c = SharedTestData.tinyShakespeareCorpus();

        assertThat(c.bytes()).isEqualTo(KnownCorpora.TINY_SHAKESPEARE.bytes()).isEqualTo(1_115_394L);
        assertThat(c.sha256()).isEqualTo(KnownCorpora.TINY_SHAKESPEARE.sha256());
        assertThat(c.text()).startsWith("First Citizen:").hasSize(1_115_394);
        assertThat(c.text().chars().allMatch(ch -> ch < 128)).isTrue();
        assertThat(c.text().chars().distinct().count()).isEqualTo(65);
    }
}
