package dev.lstmforge.plugins.text;

import java.util.List;

/**
 * What a trained language model needs besides its parameters, saved as {@code state.json}: the
 * tokenization level and the vocabulary (index 0 is the unknown token), plus where the corpus
 * came from and a default prompt taken from it.
 */
public final class TextState {

    /** {@code CHAR} or {@code WORD}. */
    public String level;

    /** The vocabulary in id order; {@code tokens.get(0)} is {@code <unk>}. */
    public List<String> tokens;

    /** Where the corpus came from. */
    public String corpusSource;

    /** SHA-256 of the corpus bytes. */
    public String corpusSha256;

    /** A prompt used when a request gives none: the corpus's first line. */
    public String defaultPrompt;
}
