package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidateTableTest {

    @Test
    void foldsMeanAndSampleStandardDeviation() {
        Map<String, Map<String, Double>> folds = new LinkedHashMap<>();
        folds.put("a", Map.of("accuracy", 0.5));
        folds.put("b", Map.of("accuracy", 0.7));
        folds.put("c", Map.of("accuracy", 0.9));
        String t = CrossValidateCommand.table("holdOut", folds, List.of("accuracy"));
        assertThat(t.lines().toList())
                .containsExactly(
                        "holdOut                accuracy",
                        "a                        0.5000",
                        "b                        0.7000",
                        "c                        0.9000",
                        "mean                     0.7000",
                        "sd                       0.2000");
    }
}
