package dev.lstmforge.plugins.sensor.block;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;

import dev.lstmforge.plugins.sensor.SensorState;
import dev.lstmforge.spi.ModelFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Rebuilds the network from a saved model directory; named by {@code blockFactory=} for DJL Serving. */
public final class SensorBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        SensorState state = ModelFiles.readState(modelPath, SensorState.class);
        return SensorBlocks.build(ModelFiles.readHyperParameters(modelPath), state.columns.size());
    }
}
