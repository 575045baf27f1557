package dev.lstmforge.plugins.stock.block;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;

import dev.lstmforge.spi.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Rebuilds the block from a saved model directory ({@code hyperparameters.json}); named by
 * {@code blockFactory=} in {@code serving.properties} so DJL Serving can load the model.
 */
public final class StockBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        return StockBlocks.build(ModelFiles.readHyperParameters(modelPath));
    }
}
