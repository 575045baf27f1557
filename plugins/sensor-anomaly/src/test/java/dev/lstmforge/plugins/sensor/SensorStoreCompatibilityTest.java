package dev.lstmforge.plugins.sensor;

import dev.lstmforge.testkit.StoreCompatibilityContract;
import java.util.Map;

/** A sensor autoencoder saved by an earlier build still loads and scores a series as recorded. */
class SensorStoreCompatibilityTest extends StoreCompatibilityContract {

    @Override
    protected String projectId() {
        return "sensor-anomaly";
    }

    @Override
    protected Map<String, String> fixtureTraining() {
        return Map.of("epochs", "1", "window", "30", "stride", "10", "hiddenSize", "8");
    }

    @Override
    protected String request() {
        return SensorFixtures.csv(120, false);
    }

    @Override
    protected Map<String, String> requestProperties() {
        return Map.of("scores", "true");
    }
}
