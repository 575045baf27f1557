package dev.lstmforge.plugins.text.token;

/**
 * An open-addressing hash table from token text to id that can look up a range of a string
 * without creating a substring. Hashes follow {@link String#hashCode()}, so the stored keys'
 * cached hashes are reused when the table is built.
 */
final class TokenTable {

    private final String[] keys;
    private final int[] ids;
    private final int mask;

    /** Indexes every token of the vocabulary except {@link Vocabulary#UNKNOWN}. */
    TokenTable(Vocabulary vocabulary) {
        int capacity = Integer.highestOneBit(Math.max(4, vocabulary.size()) * 2) * 2;
        keys = new String[capacity];
        ids = new int[capacity];
        mask = capacity - 1;
        for (int id = 1; id < vocabulary.size(); id++) {
            String key = vocabulary.token(id);
            int slot = spread(key.hashCode()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            ids[slot] = id;
        }
    }

    /**
     * Returns the id of {@code text.substring(start, end)}, or {@link Vocabulary#UNKNOWN_ID}.
     */
    int find(String text, int start, int end) {
        int length = end - start;
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = spread(h) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (key.length() == length && key.hashCode() == h && key.regionMatches(0, text, start, length)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
        return Vocabulary.UNKNOWN_ID;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B1;
    }
}
