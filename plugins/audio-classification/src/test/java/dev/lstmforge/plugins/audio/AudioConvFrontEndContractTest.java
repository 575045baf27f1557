package dev.lstmforge.plugins.audio;

import java.util.Map;

/**
 * The audio project with log-mel features, the convolutional front end ({@code features=logmel},
 * {@code convChannels}) and an ensemble of two such models ({@code members}) through the host's
 * contract on both engines: trains, saves, reloads, serves and exports like the default model.
 */
class AudioConvFrontEndContractTest extends AudioContractTest {

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of(
                "epochs", "2",
                "hiddenSize", "16",
                "sampleRate", "8000",
                "nFft", "512",
                "hopLength", "128",
                "features", "logmel",
                "nMels", "32",
                "convChannels", "4",
                "members", "2");
    }
}
