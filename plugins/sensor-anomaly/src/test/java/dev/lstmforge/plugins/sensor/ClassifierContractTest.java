package dev.lstmforge.plugins.sensor;

import dev.lstmforge.testkit.LstmProjectContract;
import java.util.Map;

/** The SMOTE + classifier path through the host's contract on both engines (generated data). */
class ClassifierContractTest extends LstmProjectContract {

    @Override
    protected String projectId() {
        return "sensor-anomaly";
    }

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of("mode", "classifier", "smote", "true", "epochs", "2", "window", "20", "hiddenSize", "16");
    }

    @Override
    protected String sampleRequest() {
        return SensorFixtures.csv(200, false);
    }
}
