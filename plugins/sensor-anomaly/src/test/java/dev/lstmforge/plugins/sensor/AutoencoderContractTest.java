package dev.lstmforge.plugins.sensor;

import dev.lstmforge.testkit.LstmProjectContract;
import java.util.Map;

/** The autoencoder path through the host's contract on both engines (generated data, no data root). */
class AutoencoderContractTest extends LstmProjectContract {

    @Override
    protected String projectId() {
        return "sensor-anomaly";
    }

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of("epochs", "2", "window", "30", "stride", "5", "hiddenSize", "16");
    }

    @Override
    protected String sampleRequest() {
        return SensorFixtures.csv(200, false);
    }
}
