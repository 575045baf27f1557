package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    static final Param<Integer> WINDOW = Param.integer("window", 60, 2, 5000, "days per input window");
    static final Param<Integer> HIDDEN = Param.integer("hiddenSize", 50, 1, 4096, "LSTM units per layer");
    static final Param<Double> RATE = Param.real("learningRate", 0.001, 1e-6, 1, "step size");
    static final Param<Boolean> BIDIRECTIONAL = Param.flag("bidirectional", false, "read windows both ways");
    static final Param<String> FEATURES = Param.text("features", "close", "input columns");
    static final Param<String> LEVEL = Param.choice("level", "char", List.of("char", "word"), "token unit");

    static final List<Param<?>> DECLARED = List.of(WINDOW, HIDDEN, RATE, BIDIRECTIONAL, FEATURES, LEVEL);

    private static HyperParameters parse(Map<String, String> overrides) {
        return HyperParameters.parse(DECLARED, overrides);
    }

    @Test
    void parseGivesEveryDeclaredKeyItsDefaultInDeclarationOrder() {
        HyperParameters hp = parse(Map.of());

        assertThat(hp.asMap())
                .containsExactly(
                        Map.entry("window", "60"),
                        Map.entry("hiddenSize", "50"),
                        Map.entry("learningRate", "0.001"),
                        Map.entry("bidirectional", "false"),
                        Map.entry("features", "close"),
                        Map.entry("level", "char"));
        assertThat(hp.get(WINDOW)).isEqualTo(60);
        assertThat(hp.get(RATE)).isEqualTo(0.001);
        assertThat(hp.get(BIDIRECTIONAL)).isFalse();
        assertThat(hp.get(LEVEL)).isEqualTo("char");
        assertThat(hp.declarations()).containsExactlyElementsOf(DECLARED);
    }

    @Test
    void parseAppliesOverridesTyped() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("level", "WORD");
        overrides.put("window", " 30 ");
        overrides.put("learningRate", "1e-2");
        overrides.put("bidirectional", "true");
        overrides.put("features", "close,volume");

        HyperParameters hp = parse(overrides);

        assertThat(hp.get(WINDOW)).isEqualTo(30);
        assertThat(hp.get(HIDDEN)).isEqualTo(50);
        assertThat(hp.get(RATE)).isEqualTo(0.01);
        assertThat(hp.get(BIDIRECTIONAL)).isTrue();
        assertThat(hp.get(FEATURES)).isEqualTo("close,volume");
        assertThat(hp.get(LEVEL)).isEqualTo("word");
        // Order stays the declarations' order, not the overrides'.
        assertThat(hp.asMap().keySet())
                .containsExactly("window", "hiddenSize", "learningRate", "bidirectional", "features", "level");
        assertThat(hp.typedValues())
                .containsExactly(
                        Map.entry("window", 30),
                        Map.entry("hiddenSize", 50),
                        Map.entry("learningRate", 0.01),
                        Map.entry("bidirectional", true),
                        Map.entry("features", "close,volume"),
                        Map.entry("level", "word"));
    }

    @Test
    void parseRefusesABadValueNamingKeyValueAndAllowedRange() {
        assertThatThrownBy(() -> parse(Map.of("window", "1")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'window' must be a whole number from 2 to 5000, got '1'");
        assertThatThrownBy(() -> parse(Map.of("window", "sixty")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'window' must be a whole number from 2 to 5000, got 'sixty'");
        assertThatThrownBy(() -> parse(Map.of("learningRate", "2")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'learningRate' must be a number from 1.0E-6 to 1, got '2'");
        assertThatThrownBy(() -> parse(Map.of("level", "byte")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'level' must be one of char, word, got 'byte'");
    }

    @Test
    void parseRefusesAnUnknownKeySuggestingTheClosestName() {
        assertThatThrownBy(() -> parse(Map.of("windw", "30")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown hyper-parameter 'windw'; did you mean 'window'?");
        assertThatThrownBy(() -> parse(Map.of("hiddensize", "30")))
                .hasMessage("unknown hyper-parameter 'hiddensize'; did you mean 'hiddenSize'?");
        assertThatThrownBy(() -> parse(Map.of("learnRate", "0.1")))
                .hasMessage("unknown hyper-parameter 'learnRate'; did you mean 'learningRate'?");
    }

    @Test
    void parseRefusesAFarOffKeyListingTheKnownOnes() {
        assertThatThrownBy(() -> parse(Map.of("optimizer", "sgd")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown hyper-parameter 'optimizer'; known: "
                        + "window, hiddenSize, learningRate, bidirectional, features, level");
    }

    @Test
    void parseRefusesANullValueNamingTheKey() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("window", null);

        assertThatNullPointerException().isThrownBy(() -> parse(overrides)).withMessage("window");
    }

    @Test
    void parseRefusesADeclarationListNamingAKeyTwice() {
        List<Param<?>> twice = List.of(WINDOW, HIDDEN, WINDOW.withDefault(30));

        assertThatThrownBy(() -> HyperParameters.parse(twice, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyper-parameter 'window' is declared twice");
    }

    @Test
    void unknownNamesTheProject() {
        assertThat(HyperParameters.unknown("windw", List.of("window", "epochs"), "stock-forecast"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown hyper-parameter 'windw' for stock-forecast; did you mean 'window'?");
        assertThat(HyperParameters.unknown("zzz", List.of("window", "epochs"), "stock-forecast"))
                .hasMessage("unknown hyper-parameter 'zzz' for stock-forecast; known: window, epochs");
    }

    @Test
    void closestAllowsAboutOneEditInThreeAndIgnoresCase() {
        List<String> known = List.of("window", "epochs", "hiddenSize", "batchSize");

        assertThat(HyperParameters.closest("windw", known)).isEqualTo("window");
        assertThat(HyperParameters.closest("WINDOW", known)).isEqualTo("window");
        assertThat(HyperParameters.closest("epoch", known)).isEqualTo("epochs");
        assertThat(HyperParameters.closest("batchsize", known)).isEqualTo("batchSize");
        // Two edits are always allowed, even for a short key: "ab" -> "epochs" needs five.
        assertThat(HyperParameters.closest("ab", known)).isNull();
        assertThat(HyperParameters.closest("optimizer", known)).isNull();
        assertThat(HyperParameters.closest("window", List.of())).isNull();
    }

    @Test
    void ofWrapsSavedTextAndTypedReadsParseItWithTheDeclaration() {
        HyperParameters saved = HyperParameters.of(Map.of("window", "30", "level", "word", "bidirectional", "true"));

        assertThat(saved.get(WINDOW)).isEqualTo(30);
        assertThat(saved.get(LEVEL)).isEqualTo("word");
        assertThat(saved.get(BIDIRECTIONAL)).isTrue();
        assertThat(saved.declarations()).isEmpty();
    }

    @Test
    void typedReadOfAKeyMissingFromAnOldModelGivesTheDefault() {
        HyperParameters saved = HyperParameters.of(Map.of("window", "30"));

        assertThat(saved.get(HIDDEN)).isEqualTo(50);
        assertThat(saved.get(TrainingParams.EPOCHS.withDefault(40))).isEqualTo(40);
    }

    @Test
    void typedReadOfABadSavedValueNamesKeyAndValue() {
        HyperParameters saved = HyperParameters.of(Map.of("window", "1", "features", "  x "));

        assertThatThrownBy(() -> saved.get(WINDOW))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'window' must be a whole number from 2 to 5000, got '1'");
        assertThat(saved.get(FEATURES)).isEqualTo("  x ");
    }

    @Test
    void savedTextRoundTripsToTheSameTypedValues() {
        HyperParameters trained = parse(Map.of("window", "30", "learningRate", "0.05", "level", "Word"));

        HyperParameters reread = HyperParameters.of(trained.asMap());

        for (Param<?> p : DECLARED) {
            assertThat((Object) reread.get(p)).as(p.name()).isEqualTo(trained.get(p));
        }
        assertThat(reread).isEqualTo(trained).hasSameHashCodeAs(trained);
    }

    @Test
    void untypedGettersStillReadTextAndTypedValues() {
        HyperParameters parsed = parse(Map.of("window", "30"));
        HyperParameters saved = HyperParameters.of(Map.of("i", " 42 ", "d", "1e-3", "t", "TRUE", "s", "text"));

        assertThat(parsed.getInt("window")).isEqualTo(30);
        assertThat(parsed.getDouble("learningRate")).isEqualTo(0.001);
        assertThat(parsed.getDouble("window")).isEqualTo(30.0);
        assertThat(parsed.getBoolean("bidirectional")).isFalse();
        assertThat(parsed.get("level")).isEqualTo("char");
        assertThat(saved.getInt("i")).isEqualTo(42);
        assertThat(saved.getDouble("d")).isEqualTo(0.001);
        assertThat(saved.getBoolean("t")).isTrue();
        assertThat(saved.get("s")).isEqualTo("text");
        assertThat(saved.get("i")).isEqualTo(" 42 ");
    }

    @Test
    void untypedGettersNameKeyAndValueOfABadOne() {
        HyperParameters saved = HyperParameters.of(Map.of("window", "6O", "rate", "NaN", "flag", "yes"));

        assertThatThrownBy(() -> saved.getInt("window"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith("hyper-parameter 'window' must be a whole number")
                .hasMessageEndingWith("got '6O'");
        assertThatThrownBy(() -> saved.getDouble("rate"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageStartingWith("hyper-parameter 'rate' must be a number")
                .hasMessageEndingWith("got 'NaN'");
        assertThatThrownBy(() -> saved.getBoolean("flag"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'flag' must be true or false, got 'yes'");
    }

    @Test
    void untypedReadOfAMissingKeySuggestsTheClosest() {
        HyperParameters hp = parse(Map.of());

        assertThatThrownBy(() -> hp.get("windw"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown hyper-parameter 'windw'; did you mean 'window'?");
        assertThatThrownBy(() -> hp.getInt("epochs"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'epochs'");
        assertThat(hp.contains("window")).isTrue();
        assertThat(hp.contains("Window")).isFalse();
    }

    @Test
    void withParsesReplacementsByTheirDeclarationAndLeavesTheOriginal() {
        HyperParameters defaults = parse(Map.of());

        HyperParameters hp = defaults.with(Map.of("window", "20", "level", "WORD"));

        assertThat(hp.get(WINDOW)).isEqualTo(20);
        assertThat(hp.typedValues().get("window")).isEqualTo(20);
        assertThat(hp.get(LEVEL)).isEqualTo("word");
        assertThat(hp.declarations()).containsExactlyElementsOf(DECLARED);
        assertThat(defaults.get(WINDOW)).isEqualTo(60);
        assertThat(defaults.with(Map.of())).isEqualTo(defaults);
    }

    @Test
    void withRefusesUnknownKeysAndBadValues() {
        HyperParameters defaults = parse(Map.of());

        assertThatThrownBy(() -> defaults.with(Map.of("windw", "20")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("unknown hyper-parameter 'windw'; did you mean 'window'?");
        assertThatThrownBy(() -> defaults.with(Map.of("window", "0")))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'window'")
                .hasMessageContaining("'0'");
    }

    @Test
    void builderKeepsValuesAsGivenInInsertionOrder() {
        HyperParameters hp =
                HyperParameters.builder().put("b", 2).put("a", "x").put("b", 3).build();

        assertThat(hp.asMap()).containsExactly(Map.entry("b", "3"), Map.entry("a", "x"));
        assertThat(hp.typedValues().get("b")).isEqualTo(3);
        assertThatNullPointerException()
                .isThrownBy(() -> HyperParameters.builder().put(null, 1))
                .withMessage("key");
        assertThatNullPointerException()
                .isThrownBy(() -> HyperParameters.builder().put("k", null))
                .withMessage("k");
    }

    @Test
    void ofCopiesItsMapAndViewsAreUnmodifiable() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("z", "1");
        source.put("a", "2");
        HyperParameters hp = HyperParameters.of(source);
        source.put("late", "3");

        assertThat(hp.asMap().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> hp.asMap().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hp.typedValues().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityFollowsTextValues() {
        HyperParameters a = HyperParameters.builder().put("x", 1).put("y", "b").build();
        HyperParameters b = HyperParameters.of(Map.of("x", "1", "y", "b"));
        HyperParameters c = HyperParameters.of(Map.of("x", "2", "y", "b"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c).isNotEqualTo("x=1");
        assertThat(a).hasToString("{x=1, y=b}");
    }
}
