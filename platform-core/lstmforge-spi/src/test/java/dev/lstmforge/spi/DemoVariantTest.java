package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoVariantTest {

    @Test
    void overridesAreCopiedAndUnmodifiable() {
        Map<String, String> source = new HashMap<>(Map.of("representation", "global_minmax"));
        DemoVariant v = new DemoVariant("global-minmax", source);
        source.put("window", "30");

        assertThat(v.overrides()).containsExactly(Map.entry("representation", "global_minmax"));
        assertThatThrownBy(() -> v.overrides().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nameIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new DemoVariant(null, Map.of()))
                .withMessage("name");
    }
}
