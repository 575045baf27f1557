package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    private static HyperParameters sample() {
        return HyperParameters.builder()
                .put("window", 60)
                .put("hiddenSize", 50)
                .put("learningRate", 0.001)
                .put("bidirectional", false)
                .put("representation", "window")
                .build();
    }

    @Test
    void builderStoresToStringOfValuesInInsertionOrder() {
        HyperParameters hp = sample();

        assertThat(hp.asMap())
                .containsExactly(
                        Map.entry("window", "60"),
                        Map.entry("hiddenSize", "50"),
                        Map.entry("learningRate", "0.001"),
                        Map.entry("bidirectional", "false"),
                        Map.entry("representation", "window"));
        assertThat(hp.contains("window")).isTrue();
        assertThat(hp.contains("Window")).isFalse();
    }

    @Test
    void builderRejectsNullKey() {
        assertThatThrownBy(() -> HyperParameters.builder().put(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
    }

    @Test
    void builderReplacesExistingKeyInPlace() {
        HyperParameters hp = HyperParameters.builder().put("a", 1).put("b", 2).put("a", 3).build();

        assertThat(hp.asMap()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void ofKeepsMapOrderAndCopiesIt() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("z", "1");
        source.put("a", "2");
        source.put("m", "3");

        HyperParameters hp = HyperParameters.of(source);
        source.put("late", "4");

        assertThat(hp.asMap().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void asMapIsUnmodifiable() {
        assertThatThrownBy(() -> sample().asMap().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void typedGettersParseValues() {
        HyperParameters hp = HyperParameters.of(Map.of(
                "i", " 42 ", "neg", "-3", "d", "1e-3", "t", "TRUE", "f", " false ", "s", "text"));

        assertThat(hp.getInt("i")).isEqualTo(42);
        assertThat(hp.getInt("neg")).isEqualTo(-3);
        assertThat(hp.getInt("i", 42)).isEqualTo(42);
        assertThat(hp.getDouble("d")).isEqualTo(0.001);
        assertThat(hp.getDouble("i")).isEqualTo(42.0);
        assertThat(hp.getBoolean("t")).isTrue();
        assertThat(hp.getBoolean("f")).isFalse();
        assertThat(hp.get("s")).isEqualTo("text");
        assertThat(hp.get("i")).isEqualTo(" 42 ");
    }

    @Test
    void getOfMissingKeyNamesKeyAndKnownKeys() {
        assertThatThrownBy(() -> sample().get("windw"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'windw'")
                .hasMessageContaining("not set")
                .hasMessageContaining("window, hiddenSize, learningRate, bidirectional, representation");
        assertThatThrownBy(() -> sample().getInt("epochs"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'epochs'");
        assertThatThrownBy(() -> sample().getDouble("epochs"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'epochs'");
        assertThatThrownBy(() -> sample().getBoolean("epochs"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'epochs'");
    }

    @Test
    void getIntRejectsNonIntegersNamingKeyAndValue() {
        HyperParameters hp = HyperParameters.of(Map.of("window", "6O", "rate", "0.5", "big", "99999999999"));

        assertThatThrownBy(() -> hp.getInt("window"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'window' must be an integer, got '6O'");
        assertThatThrownBy(() -> hp.getInt("rate"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'rate'")
                .hasMessageContaining("'0.5'");
        assertThatThrownBy(() -> hp.getInt("big"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'big'")
                .hasMessageContaining("'99999999999'");
    }

    @Test
    void getIntWithMinimumNamesKeyBoundAndValue() {
        HyperParameters hp = HyperParameters.of(Map.of("window", "0"));

        assertThat(hp.getInt("window", 0)).isZero();
        assertThatThrownBy(() -> hp.getInt("window", 1))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'window' must be at least 1, got 0");
    }

    @Test
    void getDoubleRejectsTextAndNonFiniteValues() {
        HyperParameters hp = HyperParameters.of(Map.of(
                "text", "fast", "nan", "NaN", "inf", "Infinity", "ninf", "-Infinity"));

        assertThatThrownBy(() -> hp.getDouble("text"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'text' must be a finite number, got 'fast'");
        for (String key : new String[] {"nan", "inf", "ninf"}) {
            assertThatThrownBy(() -> hp.getDouble(key))
                    .isInstanceOf(LstmForgeException.class)
                    .hasMessageContaining("'" + key + "'")
                    .hasMessageContaining("'" + hp.get(key) + "'")
                    .hasMessageContaining("finite");
        }
    }

    @Test
    void getBooleanAcceptsOnlyTrueOrFalse() {
        HyperParameters hp = HyperParameters.of(Map.of("flag", "yes", "one", "1"));

        assertThatThrownBy(() -> hp.getBoolean("flag"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'flag' must be true or false, got 'yes'");
        assertThatThrownBy(() -> hp.getBoolean("one"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'one'")
                .hasMessageContaining("'1'");
    }

    @Test
    void withReplacesKnownKeysKeepingOrderAndLeavesOriginalUnchanged() {
        HyperParameters defaults = sample();

        HyperParameters hp = defaults.with(Map.of("representation", "flat", "window", "30"));

        assertThat(hp.asMap().keySet())
                .containsExactly("window", "hiddenSize", "learningRate", "bidirectional", "representation");
        assertThat(hp.getInt("window")).isEqualTo(30);
        assertThat(hp.get("representation")).isEqualTo("flat");
        assertThat(defaults.getInt("window")).isEqualTo(60);
        assertThat(defaults.get("representation")).isEqualTo("window");
    }

    @Test
    void withEmptyMapReturnsEqualSet() {
        assertThat(sample().with(Map.of())).isEqualTo(sample());
    }

    @Test
    void withRejectsUnknownKeyListingKnownKeys() {
        assertThatThrownBy(() -> sample().with(Map.of("windowSize", "30")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown hyper-parameter 'windowSize'; known: "
                        + "window, hiddenSize, learningRate, bidirectional, representation");
    }

    @Test
    void withRejectsNullValueNamingKey() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", null);

        assertThatThrownBy(() -> sample().with(overrides))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("window");
    }

    @Test
    void withDefaultsAddsMissingKeysAndKeepsExistingValues() {
        HyperParameters user = HyperParameters.builder().put("window", 30).put("extra", "x").build();
        HyperParameters defaults = HyperParameters.builder()
                .put("hiddenSize", 50)
                .put("window", 60)
                .put("epochs", 10)
                .build();

        HyperParameters merged = user.withDefaults(defaults);

        assertThat(merged.getInt("window")).isEqualTo(30);
        assertThat(merged.getInt("hiddenSize")).isEqualTo(50);
        assertThat(merged.getInt("epochs")).isEqualTo(10);
        assertThat(merged.get("extra")).isEqualTo("x");
        // defaults' order first, then keys only this set has
        assertThat(merged.asMap().keySet()).containsExactly("hiddenSize", "window", "epochs", "extra");
        assertThat(user.asMap()).hasSize(2);
        assertThat(defaults.getInt("window")).isEqualTo(60);
    }

    @Test
    void equalsHashCodeAndToStringFollowValues() {
        HyperParameters a = HyperParameters.builder().put("x", 1).put("y", "b").build();
        HyperParameters b = HyperParameters.of(Map.of("x", "1", "y", "b"));
        HyperParameters c = HyperParameters.of(Map.of("x", "2", "y", "b"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c).isNotEqualTo("x=1");
        assertThat(a.toString()).isEqualTo("{x=1, y=b}");
    }
}
