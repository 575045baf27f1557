package dev.lstmforge.plugins.audio;

import dev.lstmforge.plugins.audio.data.SyntheticSounds;
import dev.lstmforge.plugins.audio.decode.AudioFixtures;
import dev.lstmforge.testkit.StoreCompatibilityContract;
import java.util.Map;
import java.util.Random;

/** An audio model saved by an earlier build still loads and classifies a clip as recorded. */
class AudioStoreCompatibilityTest extends StoreCompatibilityContract {

    @Override
    protected String projectId() {
        return "audio-classification";
    }

    @Override
    protected Map<String, String> fixtureTraining() {
        return Map.of(
                "epochs",
                "1",
                "hiddenSize",
                "8",
                "sampleRate",
                "8000",
                "nFft",
                "512",
                "hopLength",
                "128",
                "nMels",
                "40",
                "nMfcc",
                "13");
    }

    @Override
    protected String request() {
        return "";
    }

    @Override
    protected byte[] requestBody() {
        float[] clip =
                SyntheticSounds.generate(8000, 4, new Random(5)).samples().get(7);
        return AudioFixtures.wavBytes(8000, clip);
    }

    @Override
    protected Map<String, String> requestProperties() {
        return Map.of("top", "5");
    }
}
