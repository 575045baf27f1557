package dev.lstmforge.plugins.stock;

import dev.lstmforge.testkit.StoreCompatibilityContract;
import java.util.Map;

/** A stock model saved by an earlier build still loads and forecasts the recorded prices. */
class StockStoreCompatibilityTest extends StoreCompatibilityContract {

    @Override
    protected String projectId() {
        return "stock-forecast";
    }

    @Override
    protected Map<String, String> fixtureTraining() {
        return Map.of("epochs", "2", "hiddenSize", "8", "layers", "1", "window", "20", "horizon", "3");
    }

    @Override
    protected String request() {
        return "";
    }

    @Override
    protected Map<String, String> requestProperties() {
        return Map.of("horizon", "3");
    }
}
