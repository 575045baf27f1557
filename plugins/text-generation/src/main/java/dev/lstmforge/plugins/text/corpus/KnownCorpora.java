package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.download.KnownFile;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of public corpora that the text-generation plugin knows how to fetch and verify.
 */
public final class KnownCorpora {

    /**
     * Andrej Karpathy's tiny-shakespeare: about 40,000 lines of Shakespeare plays, 1,115,394 ASCII
     * bytes with 65 distinct characters, the classic char-rnn data set.
     */
    public static final KnownFile TINY_SHAKESPEARE = new KnownFile(
            "tiny-shakespeare",
            "text/tinyshakespeare.txt",
            URI.create(
                    "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/" + "tinyshakespeare/input.txt"),
            "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
            1_115_394L);

    private static final List<KnownFile> ALL = List.of(TINY_SHAKESPEARE);

    private KnownCorpora() {}

    /**
     * Looks a corpus up by name, ignoring case and surrounding whitespace.
     *
     * @param name a corpus name such as {@code tiny-shakespeare}
     * @return the corpus, or empty when the name is unknown or {@code null}
     */
    public static Optional<KnownFile> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (KnownFile c : ALL) {
            if (c.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns every known corpus.
     *
     * @return an unmodifiable list in a fixed order
     */
    public static List<KnownFile> all() {
        return ALL;
    }
}
