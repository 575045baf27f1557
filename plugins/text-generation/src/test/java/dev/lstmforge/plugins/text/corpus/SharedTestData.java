package dev.lstmforge.plugins.text.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared public data sets for tests; tests that need them are skipped without. */
public final class SharedTestData {

    private SharedTestData() {}

    /**
     * The data root from {@code -Dlstmforge.dataRoot}, or a skipped test.
     *
     * @return the data root folder
     */
    public static Path dataRoot() {
        String root = System.getProperty("lstmforge.dataRoot");
        assumeTrue(root != null && !root.isBlank(), "lstmforge.dataRoot is not set");
        return Path.of(root);
    }

    /**
     * The tiny-shakespeare file under the data root, or a skipped test.
     *
     * @return the file
     */
    public static Path tinyShakespeare() {
        Path file = KnownCorpora.TINY_SHAKESPEARE.path(dataRoot());
        assumeTrue(Files.isRegularFile(file), "missing " + file);
        return file;
    }

    /**
     * The tiny-shakespeare corpus read with {@link CorpusReader}, cached, or a skipped test.
     *
     * @return the corpus
     */
    public static synchronized Corpus tinyShakespeareCorpus() {
        Path file = tinyShakespeare();
        if (cached == null) {
            cached = CorpusReader.read(file);
        }
        return cached;
    }

    private static Corpus cached;
}
