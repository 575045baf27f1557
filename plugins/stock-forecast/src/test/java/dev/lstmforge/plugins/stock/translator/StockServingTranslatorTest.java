package dev.lstmforge.plugins.stock.translator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmforge.plugins.stock.StockState;
import dev.lstmforge.support.DataException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StockServingTranslatorTest {

    @Test
    void aStateWithoutRecentDataIsNamed() {
        StockState state = new StockState();
        Path dir = Path.of("models", "stock-forecast", "v1");
        assertThatThrownBy(() -> new StockServingTranslator().onLoad(dir, state, null))
                .isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("state.json") + ": field 'recentCsv' is missing; the model cannot forecast "
                        + "from its training data");
    }
}
