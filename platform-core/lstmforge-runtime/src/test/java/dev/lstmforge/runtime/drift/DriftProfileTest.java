package dev.lstmforge.runtime.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftProfileTest {

    @TempDir
    Path dir;

    @Test
    void summaryNumbersMatchADirectComputation() {
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9};
        FeatureProfile p = FeatureProfile.of("x", x);
        assertThat(p.count()).isEqualTo(8);
        assertThat(p.mean()).isCloseTo(5.0, within(1e-15));
        assertThat(p.std()).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-15)); // sample std, n - 1
        assertThat(p.min()).isEqualTo(2.0);
        assertThat(p.max()).isEqualTo(9.0);
        assertThat(p.edges()).isEqualTo(Psi.edges(x, 10));
        assertThat(p.binFractions()).isEqualTo(Psi.fractions(x, Psi.edges(x, 10)));
        assertThat(Arrays.stream(p.binFractions()).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(p.sample()).containsExactly(2, 4, 4, 4, 5, 5, 7, 9); // small: all values, sorted
        assertThat(FeatureProfile.of("one", new double[] {3}).std()).isEqualTo(0.0);
    }

    @Test
    void theSubsampleIsBoundedDeterministicAndDrawnFromTheData() {
        double[] x = Fixture.normal(11, 50_000, 10, 2);
        FeatureProfile a = FeatureProfile.of("x", x);
        FeatureProfile b = FeatureProfile.of("x", x.clone());
        assertThat(a.sampleSize()).isEqualTo(FeatureProfile.DEFAULT_SAMPLE_SIZE);
        assertThat(a).isEqualTo(b);
        assertThat(a.sample()).isEqualTo(b.sample());
        assertThat(a.sample()).isSorted();
        // Every sampled value is a distinct data point (drawn without replacement).
        Map<Double, Integer> available = new HashMap<>();
        for (double v : x) {
            available.merge(v, 1, Integer::sum);
        }
        for (double v : a.sample()) {
            assertThat(available.merge(v, -1, Integer::sum)).isGreaterThanOrEqualTo(0);
        }
        // Another seed draws another sample; the edges come from all values either way.
        FeatureProfile other = FeatureProfile.of("x", x, 10, 2000, 99);
        assertThat(other.sample()).isNotEqualTo(a.sample());
        assertThat(other.edges()).isEqualTo(a.edges());
        // The sample represents the data: KS against all values does not reject.
        assertThat(KolmogorovSmirnov.test(a.sample(), x).pValue()).isGreaterThan(0.01);
        // Builders with the same settings give equal profiles.
        assertThat(DriftProfile.builder().add("x", x).build())
                .isEqualTo(DriftProfile.builder().add("x", x.clone()).build());
    }

    @Test
    void jsonRoundTripGivesAnEqualProfile() throws IOException {
        DriftProfile profile = DriftProfile.builder()
                .add("close", Fixture.normal(12, 5000, 100, 15))
                .add("volume", Fixture.normal(13, 300, 1e6, 2e5))
                .add("flag", new double[] {0, 1, 1, 0, 1, -0.0})
                .add("constant", new double[] {7, 7, 7})
                .fact("data", "AAPL.csv")
                .fact("rows", "5000")
                .build();
        Path file = profile.write(dir);
        assertThat(file).isEqualTo(dir.resolve(DriftProfile.FILE_NAME));
        assertThat(file.getFileName().toString()).isEqualTo("drift-profile.json");
        DriftProfile back = DriftProfile.read(dir);
        assertThat(back).isEqualTo(profile);
        assertThat(back.names()).containsExactly("close", "volume", "flag", "constant");
        assertThat(back.facts()).containsExactly(Map.entry("data", "AAPL.csv"), Map.entry("rows", "5000"));
        assertThat(DriftProfile.read(file)).isEqualTo(profile); // the file itself works too
        // Writing again replaces the file and leaves no temporary file behind.
        profile.write(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(back.toJson()).isEqualTo(profile.toJson());
    }

    @Test
    void brokenJsonNamesTheFile() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model-v3"));
        Files.writeString(model.resolve(DriftProfile.FILE_NAME), "{\"format\": \"lstmforge-drift-profile\", ");
        assertThatThrownBy(() -> DriftProfile.read(model))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("model-v3")
                .hasMessageContaining(DriftProfile.FILE_NAME)
                .hasMessageContaining("damaged");
    }

    @Test
    void aWrongFieldIsNamed() throws IOException {
        DriftProfile.builder()
                .add("close", Fixture.normal(14, 100, 0, 1))
                .add("volume", Fixture.normal(15, 100, 0, 1))
                .build()
                .write(dir);
        Path file = dir.resolve(DriftProfile.FILE_NAME);
        String good = Files.readString(file);

        // The second feature's mean becomes a string.
        String badMean =
                good.replaceFirst("(\"name\": \"volume\",\\s*\"count\": 100,\\s*\"mean\": )[^,]+,", "$1\"high\",");
        assertThat(badMean).isNotEqualTo(good);
        Files.writeString(file, badMean);
        assertThatThrownBy(() -> DriftProfile.read(dir))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(DriftProfile.FILE_NAME)
                .hasMessageContaining("features[1] ('volume').mean");

        // A missing field.
        Files.writeString(file, good.replace("\"binFractions\"", "\"fractions\""));
        assertThatThrownBy(() -> DriftProfile.read(dir))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(DriftProfile.FILE_NAME)
                .hasMessageContaining("features[0] ('close').binFractions: missing");

        // Another file format or version.
        Files.writeString(file, good.replace("\"version\": 1", "\"version\": 7"));
        assertThatThrownBy(() -> DriftProfile.read(dir)).hasMessageContaining("version: 7 is not supported");
        Files.writeString(file, "[1, 2, 3]", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DriftProfile.read(dir)).hasMessageContaining("not a JSON object");

        // Duplicate names.
        Files.writeString(file, good.replace("\"name\": \"volume\"", "\"name\": \"close\""));
        assertThatThrownBy(() -> DriftProfile.read(dir))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining("features[1].name: 'close' appears twice");

        // A missing file.
        Files.delete(file);
        assertThatThrownBy(() -> DriftProfile.read(dir))
                .isInstanceOf(LstmForgeException.class)
                .hasMessageContaining(DriftProfile.FILE_NAME)
                .hasMessageContaining("missing");
    }

    @Test
    void theBuilderRejectsRepeatedNamesBadValuesAndNoFeatures() {
        assertThatThrownBy(
                        () -> DriftProfile.builder().add("a", new double[] {1}).add("a", new double[] {2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> DriftProfile.builder().add("close", new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'close'")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> DriftProfile.builder().add("close", new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 'close'");
        assertThatThrownBy(() -> DriftProfile.builder().add(" ", new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriftProfile.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outputFeaturesAreNamedByAFactAndCanBeLeftOut() {
        DriftProfile p = DriftProfile.builder()
                .add("log_return", new double[] {0.01, -0.02, 0.0})
                .add("forecast_return", new double[] {0.001, 0.002})
                .fact(DriftProfile.OUTPUTS_FACT, "forecast_return")
                .build();
        assertThat(p.outputNames()).containsExactly("forecast_return");
        DriftProfile inputs = p.inputsOnly();
        assertThat(inputs.names()).containsExactly("log_return");
        assertThat(inputs.inputsOnly().names()).containsExactly("log_return");
        DriftProfile plain =
                DriftProfile.builder().add("x", new double[] {1, 2}).build();
        assertThat(plain.outputNames()).isEmpty();
        assertThat(plain.inputsOnly()).isSameAs(plain);
    }
}
