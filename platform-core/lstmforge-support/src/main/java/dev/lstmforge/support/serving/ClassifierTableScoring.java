package dev.lstmforge.support.serving;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.spi.TableScoring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table scoring for every clip classifier whose answer is the {@link TopClasses} shape: one
 * request per row naming a file, and the columns {@code label}, {@code probability} and
 * {@code probabilities} (every class, most probable first). A classifier's serving translator
 * only declares it:
 *
 * <pre>{@code
 * public final class AudioServingTranslator extends ProjectServingTranslator<AudioState>
 *         implements ClassifierTableScoring {}
 * }</pre>
 */
public interface ClassifierTableScoring extends TableScoring {

    @Override
    default Unit scoringUnit() {
        return Unit.FILE;
    }

    /** Asks for every class, so {@code probabilities} is complete. */
    @Override
    default Map<String, String> scoringProperties() {
        return Map.of(TopClasses.PROPERTY, String.valueOf(Integer.MAX_VALUE));
    }

    @Override
    default List<ScoreColumn> scoreColumns() {
        return List.of(
                new ScoreColumn("label", ScoreColumn.Type.STRING),
                new ScoreColumn("probability", ScoreColumn.Type.DOUBLE),
                new ScoreColumn("probabilities", ScoreColumn.Type.DOUBLE_MAP));
    }

    @Override
    default List<Object[]> scoreRows(String answer, int rows) {
        JsonObject json = JsonUtils.GSON.fromJson(answer, JsonObject.class);
        if (json == null || !json.has("label") || !json.has("probability") || !json.has("top")) {
            throw new IllegalArgumentException("a classifier answer needs 'label', 'probability' and 'top'");
        }
        Map<String, Double> all = new LinkedHashMap<>();
        for (JsonElement e : json.getAsJsonArray("top")) {
            JsonObject c = e.getAsJsonObject();
            all.put(c.get("class").getAsString(), c.get("probability").getAsDouble());
        }
        return List.<Object[]>of(new Object[] {
            json.get("label").getAsString(), json.get("probability").getAsDouble(), all
        });
    }
}
