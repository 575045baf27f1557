package dev.lstmforge.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamTest {

    private static final Param<Integer> WINDOW = Param.integer("window", 60, 2, 5000, "days per input window");
    private static final Param<Double> DROPOUT = Param.real("dropout", 0.2, 0, 0.9, "dropout between layers");
    private static final Param<Boolean> SMOTE = Param.flag("smote", false, "oversample the rare class");
    private static final Param<String> FEATURES = Param.text("features", "close", "input columns");
    private static final Param<String> LEVEL = Param.choice("level", "char", List.of("char", "word"), "token unit");

    @Test
    void declarationsKeepNameKindDefaultAndDescription() {
        assertThat(WINDOW.name()).isEqualTo("window");
        assertThat(WINDOW.kind()).isEqualTo(Param.Kind.INTEGER);
        assertThat(WINDOW.defaultValue()).isEqualTo(60);
        assertThat(WINDOW.description()).isEqualTo("days per input window");
        assertThat(DROPOUT.kind()).isEqualTo(Param.Kind.REAL);
        assertThat(DROPOUT.defaultValue()).isEqualTo(0.2);
        assertThat(SMOTE.kind()).isEqualTo(Param.Kind.BOOLEAN);
        assertThat(SMOTE.defaultValue()).isFalse();
        assertThat(FEATURES.kind()).isEqualTo(Param.Kind.TEXT);
        assertThat(FEATURES.defaultValue()).isEqualTo("close");
        assertThat(LEVEL.kind()).isEqualTo(Param.Kind.CHOICE);
        assertThat(LEVEL.defaultValue()).isEqualTo("char");
    }

    @Test
    void integerParsesTrimmedWholeNumbersWithInclusiveBounds() {
        assertThat(WINDOW.parse("30")).isEqualTo(30);
        assertThat(WINDOW.parse(" 30 ")).isEqualTo(30);
        assertThat(WINDOW.parse("2")).isEqualTo(2);
        assertThat(WINDOW.parse("5000")).isEqualTo(5000);
        assertThat(WINDOW.parse("+7")).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "5001", "-3", "6O", "3.0", "sixty", "", "99999999999", "99999999999999999999"})
    void integerRefusesBadValuesNamingKeyValueAndRange(String raw) {
        assertThatThrownBy(() -> WINDOW.parse(raw))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'window' must be a whole number from 2 to 5000, got '" + raw + "'");
    }

    @Test
    void realParsesNumbersInRange() {
        assertThat(DROPOUT.parse("0.5")).isEqualTo(0.5);
        assertThat(DROPOUT.parse("0")).isEqualTo(0.0);
        assertThat(DROPOUT.parse("0.9")).isEqualTo(0.9);
        assertThat(DROPOUT.parse("2.5e-1")).isEqualTo(0.25);
        assertThat(DROPOUT.parse(" .1 ")).isEqualTo(0.1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.91", "-0.1", "NaN", "Infinity", "-Infinity", "half", "0,5"})
    void realRefusesOutOfRangeNonFiniteAndTextNamingKeyValueAndRange(String raw) {
        assertThatThrownBy(() -> DROPOUT.parse(raw))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'dropout' must be a number from 0 to 0.9, got '" + raw + "'");
    }

    @Test
    void realRangeWithFractionalBoundIsShownExactly() {
        assertThat(TrainingParams.LEARNING_RATE.allowed()).isEqualTo("number 1.0E-8..10");
        assertThatThrownBy(() -> TrainingParams.LEARNING_RATE.parse("0"))
                .hasMessage("hyper-parameter 'learningRate' must be a number from 1.0E-8 to 10, got '0'");
    }

    @Test
    void flagAcceptsTrueAndFalseInAnyCase() {
        assertThat(SMOTE.parse("true")).isTrue();
        assertThat(SMOTE.parse("TRUE")).isTrue();
        assertThat(SMOTE.parse(" False ")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on", ""})
    void flagRefusesOtherWords(String raw) {
        assertThatThrownBy(() -> SMOTE.parse(raw))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'smote' must be true or false, got '" + raw + "'");
    }

    @Test
    void textKeepsTheValueAsGiven() {
        assertThat(FEATURES.parse("close,volume,rsi")).isEqualTo("close,volume,rsi");
        assertThat(FEATURES.parse(" a b ")).isEqualTo(" a b ");
        assertThat(FEATURES.parse("")).isEmpty();
    }

    @Test
    void choiceFoldsCaseAndTrims() {
        assertThat(LEVEL.parse("word")).isEqualTo("word");
        assertThat(LEVEL.parse("WORD")).isEqualTo("word");
        assertThat(LEVEL.parse(" Char ")).isEqualTo("char");
    }

    @Test
    void choiceRefusesOtherWordsListingTheAllowedOnes() {
        assertThatThrownBy(() -> LEVEL.parse("byte"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'level' must be one of char, word, got 'byte'");
    }

    @Test
    void parseOfNullNamesTheKey() {
        assertThatNullPointerException().isThrownBy(() -> WINDOW.parse(null)).withMessage("window");
    }

    @Test
    void withDefaultReplacesOnlyTheDefault() {
        Param<Integer> more = TrainingParams.EPOCHS.withDefault(40);

        assertThat(more.defaultValue()).isEqualTo(40);
        assertThat(more.name()).isEqualTo("epochs");
        assertThat(more.allowed()).isEqualTo(TrainingParams.EPOCHS.allowed());
        assertThat(more.description()).isEqualTo(TrainingParams.EPOCHS.description());
        assertThat(TrainingParams.EPOCHS.defaultValue()).isEqualTo(30);
        assertThat(LEVEL.withDefault("word").parse("CHAR")).isEqualTo("char");
    }

    @Test
    void withDefaultChecksTheNewDefault() {
        assertThatThrownBy(() -> TrainingParams.EPOCHS.withDefault(0))
                .isInstanceOf(LstmForgeException.class)
                .hasMessage("hyper-parameter 'epochs' must be a whole number from 1 to 100000, got '0'");
        assertThatThrownBy(() -> LEVEL.withDefault("byte"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'level'")
                .hasMessageContaining("'byte'");
        assertThatThrownBy(() -> DROPOUT.withDefault(1.5))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'1.5'");
    }

    @Test
    void declaringADefaultOutsideTheRangeFails() {
        assertThatThrownBy(() -> Param.integer("window", 1, 2, 10, "d"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("'window'")
                .hasMessageContaining("'1'");
        assertThatThrownBy(() -> Param.real("rate", 2.0, 0, 1, "d")).isInstanceOf(LstmForgeException.class);
        assertThatThrownBy(() -> Param.choice("mode", "both", List.of("auto", "manual"), "d"))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("one of auto, manual");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Window", "batch_size", "2window", "hidden-size", "", "a b"})
    void namesMustBeLowerCamelCase(String name) {
        assertThatThrownBy(() -> Param.flag(name, true, "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void nullNameDefaultOrDescriptionIsNamed() {
        assertThatNullPointerException()
                .isThrownBy(() -> Param.text(null, "x", "d"))
                .withMessage("name");
        assertThatNullPointerException()
                .isThrownBy(() -> Param.text("path", null, "d"))
                .withMessage("default of path");
        assertThatNullPointerException()
                .isThrownBy(() -> Param.text("path", "", null))
                .withMessage("description of path");
    }

    @Test
    void allowedDescribesEachKind() {
        assertThat(WINDOW.allowed()).isEqualTo("integer 2..5000");
        assertThat(DROPOUT.allowed()).isEqualTo("number 0..0.9");
        assertThat(SMOTE.allowed()).isEqualTo("true|false");
        assertThat(FEATURES.allowed()).isEqualTo("text");
        assertThat(LEVEL.allowed()).isEqualTo("char|word");
    }

    @Test
    void equalityIsByNameAndToStringShowsAllowedAndDefault() {
        assertThat(TrainingParams.EPOCHS.withDefault(40))
                .isEqualTo(TrainingParams.EPOCHS)
                .hasSameHashCodeAs(TrainingParams.EPOCHS)
                .isNotEqualTo(TrainingParams.PATIENCE);
        assertThat(WINDOW).hasToString("window (integer 2..5000, default 60)");
        assertThat(LEVEL).hasToString("level (char|word, default char)");
    }
}
