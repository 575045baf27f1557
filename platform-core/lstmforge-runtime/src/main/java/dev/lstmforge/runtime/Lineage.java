package dev.lstmforge.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.runtime.store.ModelLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a model version comes from: the chain of versions it was fine-tuned from, oldest first,
 * each with the data it learned. A fine-tuned version's {@code provenance.json} holds
 * {@code "parent"} (the parent's reference), {@code "strategy"} and {@code "lineage"}: one object
 * per ancestor with its {@code ref}, {@code strategy}, {@code seed}, {@code finishedAt}, the
 * SHA-256 of its parameters file ({@code parametersSha256}) and its {@code data} record (source,
 * SHA-256, rows and the path given). The chain travels inside the provenance, so it survives
 * export and needs no other version to be present.
 *
 * <pre>{@code
 * for (Lineage.Step step : forge.lineage("audio-classification/v7")) {
 *     System.out.println(step.ref() + " " + step.strategy() + " " + step.dataSource());
 * }
 * }</pre>
 */
public final class Lineage {

    private Lineage() {}

    /**
     * One version of a chain.
     *
     * @param ref the version's reference when it was made (for example
     *     {@code audio-classification/v3})
     * @param strategy the fine-tuning strategy, or {@code null} for a training from scratch
     * @param dataSource the data it learned, as its plugin described it
     * @param dataPath the path given at training, or null for the project's default data
     * @param rows rows or samples read
     * @param dataSha256 the plugin's SHA-256 of that data
     * @param finishedAt when its training ended (ISO-8601)
     * @param parametersSha256 the SHA-256 of its parameters file, or null when not recorded
     */
    public record Step(
            String ref,
            String strategy,
            String dataSource,
            String dataPath,
            long rows,
            String dataSha256,
            String finishedAt,
            String parametersSha256) {}

    /**
     * Builds the lineage a child of {@code parent} records: the parent's own lineage followed by
     * the parent.
     *
     * @param parent the parent's files
     * @param parentRef the parent's reference
     * @return the entries, oldest first
     */
    static List<JsonObject> childLineage(ModelLayout parent, String parentRef) {
        JsonObject prov = parent.readProvenance();
        List<JsonObject> out = entries(prov);
        JsonObject self = new JsonObject();
        self.addProperty("ref", parentRef);
        self.add("strategy", prov.get("strategy"));
        self.add("seed", prov.get("seed"));
        self.add("finishedAt", prov.get("finishedAt"));
        String params = parametersSha256(parent);
        if (params != null) {
            self.addProperty("parametersSha256", params);
        }
        self.add("data", prov.get("data"));
        out.add(self);
        return out;
    }

    /**
     * Reads the ancestors a provenance records.
     *
     * @param provenance a version's provenance
     * @return its ancestors, oldest first; empty for a training from scratch
     */
    static List<JsonObject> entries(JsonObject provenance) {
        List<JsonObject> out = new ArrayList<>();
        JsonElement l = provenance.get("lineage");
        if (l != null && l.isJsonArray()) {
            for (JsonElement e : l.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    out.add(e.getAsJsonObject().deepCopy());
                }
            }
        }
        return out;
    }

    /**
     * Returns the whole chain of a version: its ancestors, then itself.
     *
     * @param layout the version's files
     * @param ref the version's reference
     * @return the steps, oldest first
     */
    static List<Step> of(ModelLayout layout, String ref) {
        JsonObject prov = layout.readProvenance();
        List<Step> steps = new ArrayList<>();
        for (JsonObject e : entries(prov)) {
            steps.add(step(e, text(e, "ref")));
        }
        JsonObject self = new JsonObject();
        self.add("strategy", prov.get("strategy"));
        self.add("finishedAt", prov.get("finishedAt"));
        self.add("data", prov.get("data"));
        String params = parametersSha256(layout);
        if (params != null) {
            self.addProperty("parametersSha256", params);
        }
        steps.add(step(self, ref));
        return steps;
    }

    /**
     * Converts lineage entries for a provenance map.
     *
     * @param entries the entries
     * @return a JSON array
     */
    static JsonArray toJson(List<JsonObject> entries) {
        JsonArray a = new JsonArray();
        entries.forEach(a::add);
        return a;
    }

    private static Step step(JsonObject e, String ref) {
        JsonObject d = e.has("data") && e.get("data").isJsonObject() ? e.getAsJsonObject("data") : new JsonObject();
        JsonElement rows = d.get("rows");
        return new Step(
                ref,
                text(e, "strategy"),
                text(d, "source"),
                text(d, "path"),
                rows != null
                                && rows.isJsonPrimitive()
                                && rows.getAsJsonPrimitive().isNumber()
                        ? rows.getAsLong()
                        : 0,
                text(d, "sha256"),
                text(e, "finishedAt"),
                text(e, "parametersSha256"));
    }

    private static String parametersSha256(ModelLayout layout) {
        return layout.readManifest()
                .flatMap(m -> m.files().entrySet().stream()
                        .filter(f -> f.getKey().endsWith(ModelLayout.PARAMS_SUFFIX))
                        .map(f -> f.getValue().sha256())
                        .findFirst())
                .orElse(null);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }
}
