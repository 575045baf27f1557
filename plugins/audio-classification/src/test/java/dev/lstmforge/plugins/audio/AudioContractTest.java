package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.data.SyntheticSounds;
import dev.lstmforge.plugins.audio.decode.AudioFixtures;
import dev.lstmforge.testkit.LstmProjectContract;
import java.util.Map;
import java.util.Random;

/** The audio project through the host's contract on both engines (generated vowels, no data root). */
class AudioContractTest extends LstmProjectContract {

    @Override
    protected String projectId() {
        return "audio-classification";
    }

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of("epochs", "2", "hiddenSize", "16", "sampleRate", "8000", "nFft", "512", "hopLength", "128");
    }

    @Override
    protected String sampleRequest() {
        return "";
    }

    @Override
    protected byte[] sampleRequestBody() {
        float[] clip =
                SyntheticSounds.generate(8000, 4, new Random(9)).samples().get(0);
        return AudioFixtures.wavBytes(8000, clip);
    }
}
