package dev.lstmforge.plugins.text.block;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;

import dev.lstmforge.plugins.text.TextState;
import dev.lstmforge.spi.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rebuilds the language model from a saved model directory ({@code hyperparameters.json} and
 * the vocabulary in {@code state.json}); named by {@code blockFactory=} in
 * {@code serving.properties} for DJL Serving.
 */
public final class LanguageModelBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        TextState state = ModelFiles.readState(modelPath, TextState.class);
        return LanguageModels.build(ModelFiles.readHyperParameters(modelPath), state.tokens.size());
    }
}
