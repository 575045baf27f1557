package dev.lstmforge.plugins.stock;

import dev.lstmforge.testkit.LstmProjectContract;
import java.util.Map;

/** Runs the stock project through the host's contract on both CPU engines. */
class StockForecastContractTest extends LstmProjectContract {

    @Override
    protected String projectId() {
        return "stock-forecast";
    }

    @Override
    protected Map<String, String> smallBudget() {
        return Map.of("epochs", "2", "window", "20", "hiddenSize", "16");
    }

    @Override
    protected String sampleRequest() {
        return "";
    }
}
