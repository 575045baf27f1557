package dev.lstmforge.plugins.text.corpus;

import dev.lstmforge.support.DataException;
import java.util.List;
import java.util.Random;

/**
 * Generates a small, deterministic, play-like text for tests and demos that must not depend on
 * downloaded data.
 *
 * <p>The text is a sequence of turns separated by one blank line. Each turn is a speaker name in
 * Title Case followed by {@code ':'} on its own line, then one to three lines of speech. A speech
 * line is four to nine words from a small word list, the first capitalised, with an occasional
 * comma, ending in {@code .}, {@code ?}, {@code !} or {@code ;}. No speaker talks twice in a row.
 * Every line ends with {@code \n}. The structure is regular enough for a character-level model
 * to learn quickly.
 *
 * <p>The output depends only on the seed and the requested length: it uses {@link Random},
 * whose algorithm is fixed by its specification, so it is the same on every JDK.
 */
public final class SyntheticCorpus {

    private static final List<String> SPEAKERS = List.of(
            "First Watchman",
            "Second Watchman",
            "Lady Mirren",
            "Duke Orsell",
            "Old Tobin",
            "Captain Aldous",
            "Nurse",
            "Brother Caddock");

    private static final List<String> WORDS = List.of(
            "the", "a", "my", "thy", "our", "good", "lord", "lady", "king", "night", "day", "sword", "crown", "heart",
            "love", "death", "honour", "grief", "gold", "blood", "hand", "word", "town", "gate", "sea", "storm",
            "friend", "foe", "is", "was", "shall", "will", "must", "hath", "doth", "come", "go", "speak", "hear", "see",
            "fear", "keep", "give", "take", "stay", "and", "but", "or", "not", "with", "to", "of", "in", "upon", "for",
            "thee", "me", "him", "her", "them", "now", "yet", "here", "there", "so", "no", "sweet", "true", "false",
            "fair", "poor", "noble");

    private static final char[] LINE_ENDS = {'.', '.', '.', '.', '?', '?', '!', ';'};

    private SyntheticCorpus() {}

    /**
     * Generates a play-like text of about {@code approxChars} characters: whole turns are added
     * until the length reaches {@code approxChars}, so the result is at least that long and at
     * most one turn (a few hundred characters) longer.
     *
     * @param seed        the random seed; the same seed and length give the same text
     * @param approxChars the wanted length in characters, at least 1
     * @return the text, ending with {@code \n}
     * @throws DataException if {@code approxChars} is less than 1
     */
    public static String generate(long seed, int approxChars) {
        if (approxChars < 1) {
            throw new DataException("synthetic corpus: approxChars must be >= 1, got " + approxChars);
        }
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(approxChars + 512);
        int previousSpeaker = -1;
        while (out.length() < approxChars) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int speaker = random.nextInt(SPEAKERS.size() - (previousSpeaker < 0 ? 0 : 1));
            if (previousSpeaker >= 0 && speaker >= previousSpeaker) {
                speaker++;
            }
            previousSpeaker = speaker;
            out.append(SPEAKERS.get(speaker)).append(":\n");
            int lines = 1 + random.nextInt(3);
            for (int l = 0; l < lines; l++) {
                appendLine(random, out);
            }
        }
        return out.toString();
    }

    private static void appendLine(Random random, StringBuilder out) {
        int words = 4 + random.nextInt(6);
        for (int w = 0; w < words; w++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (w == 0) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                out.append(' ').append(word);
            }
            if (w < words - 1 && w > 0 && random.nextInt(8) == 0) {
                out.append(',');
            }
        }
        out.append(LINE_ENDS[random.nextInt(LINE_ENDS.length)]).append('\n');
    }
}
