package dev.lstmforge.plugins.text.block;

import dev.lstmforge.spi.HyperParameters;

/** Builds the {@link LanguageModelBlock} from hyper-parameters. */
public final class LanguageModels {

    private LanguageModels() {}

    /**
     * Builds the untrained block.
     *
     * @param hp hyper-parameters ({@code embeddingSize}, {@code hiddenSize}, {@code layers},
     *     {@code dropout})
     * @param vocabSize the vocabulary size, unknown token included
     * @return the block
     */
    public static LanguageModelBlock build(HyperParameters hp, int vocabSize) {
        return new LanguageModelBlock(vocabSize, hp.getInt("embeddingSize", 1), hp.getInt("hiddenSize", 1),
                hp.getInt("layers", 1), (float) hp.getDouble("dropout"));
    }
}
