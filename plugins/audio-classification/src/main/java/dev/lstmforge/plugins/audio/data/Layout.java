package dev.lstmforge.plugins.audio.data;

/** How a collection of sounds is organised on disk. */
public enum Layout {
    /** {@code root/<class>/*.wav}: the folder names the class. */
    FOLDER_PER_CLASS("folder-per-class"),
    /** An UrbanSound8K-style metadata CSV with the files under {@code fold<N>/}. */
    METADATA_CSV("metadata CSV"),
    /** Free Spoken Digit Dataset names {@code {digit}_{speaker}_{index}.wav} in one folder. */
    FSDD("FSDD file names"),
    /** Sounds generated in memory (no data given and none found). */
    SYNTHETIC("generated sounds");

    private final String words;

    Layout(String words) {
        this.words = words;
    }

    /**
     * Returns the layout in words, for messages and reports.
     *
     * @return the words
     */
    public String words() {
        return words;
    }
}
