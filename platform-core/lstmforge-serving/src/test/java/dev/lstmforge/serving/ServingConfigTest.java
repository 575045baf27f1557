package dev.lstmforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where batching settings come from, how versions sort, and which model URLs are refused. */
class ServingConfigTest {

    private static final DynamicBatcher.Settings DEFAULTS = new DynamicBatcher.Settings(32, Duration.ZERO, 1000, 1);

    @Test
    void parametersWinOverServingPropertiesWhichWinOverDefaults() {
        assertThat(ServingConfig.settings(DEFAULTS, Map.of(), Map.of())).isEqualTo(DEFAULTS);
        Map<String, String> props = Map.of("batch_size", "8", "max_batch_delay", "20", "maxWorkers", "3");
        assertThat(ServingConfig.settings(DEFAULTS, props, Map.of()))
                .isEqualTo(new DynamicBatcher.Settings(8, Duration.ofMillis(20), 1000, 3));
        assertThat(ServingConfig.settings(DEFAULTS, props, Map.of("batch_size", "4", "min_worker", "2")))
                .isEqualTo(new DynamicBatcher.Settings(4, Duration.ofMillis(20), 1000, 3));
        assertThat(ServingConfig.settings(DEFAULTS, Map.of(), Map.of("min_worker", "2"))
                        .workers())
                .isEqualTo(2);
    }

    @Test
    void badNumbersNameTheirSource() {
        assertThatThrownBy(() -> ServingConfig.settings(DEFAULTS, Map.of("batch_size", "x"), Map.of()))
                .isInstanceOf(ApiError.class)
                .hasMessage("serving.properties batch_size='x' is not a whole number");
        assertThatThrownBy(() -> ServingConfig.settings(DEFAULTS, Map.of(), Map.of("batch_size", "0")))
                .hasMessage("parameter batch_size=0 must be at least 1");
        assertThatThrownBy(
                        () -> ServingConfig.settings(DEFAULTS, Map.of(), Map.of("min_worker", "3", "max_worker", "2")))
                .hasMessageContaining("min_worker <= max_worker");
        assertThatThrownBy(() -> ServingConfig.workers(Map.of("max_worker", "500"), 1))
                .hasMessageContaining("1 to 64");
        assertThat(ServingConfig.workers(Map.of(), 3)).isEqualTo(3);
    }

    @Test
    void versionsSortAsNumbers() {
        assertThat(ModelServer.compareVersions("10", "9")).isPositive();
        assertThat(ModelServer.compareVersions("1.10", "1.9")).isPositive();
        assertThat(ModelServer.compareVersions("2", "2.0")).isZero();
        assertThat(ModelServer.compareVersions("1", "1")).isZero();
    }

    @Test
    void onlyLocalModelsAreLoaded() {
        assertThat(ForgeModels.localReference("stock-forecast/v3")).isEqualTo("stock-forecast/v3");
        assertThat(ForgeModels.localReference("/tmp/export.zip")).isEqualTo("/tmp/export.zip");
        assertThat(ForgeModels.localReference("file:///tmp/export.zip")).isEqualTo("/tmp/export.zip");
        for (String remote :
                new String[] {"https://example.com/m.zip", "http://10.0.0.1/m", "s3://bucket/m", "jar:file:/x!/"}) {
            assertThatThrownBy(() -> ForgeModels.localReference(remote))
                    .isInstanceOf(ApiError.class)
                    .hasMessageContaining("only store references and local paths");
        }
        assertThatThrownBy(() -> ForgeModels.localReference(" ")).hasMessageContaining("parameter 'url' is missing");
    }
}
