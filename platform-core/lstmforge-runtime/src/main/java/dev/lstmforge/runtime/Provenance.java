package dev.lstmforge.runtime;

import ai.djl.engine.Engine;
import dev.lstmforge.runtime.engine.ResolvedEngine;
import dev.lstmforge.runtime.plugin.PluginStatus;
import dev.lstmforge.runtime.train.TrainingHistory;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.HyperParameters;
import dev.lstmforge.spi.LstmProject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model was made, twice: the full record saved as {@code provenance.json}, and the few
 * facts a report shows beside the metrics.
 *
 * <pre>{@code
 * Map<String, Object> p = Provenance.record(session, project, hp, fp, dataPath, started, finished,
 *         history, warnings, "default");
 * }</pre>
 */
final class Provenance {

    private Provenance() {}

    /**
     * Builds the provenance of a training run.
     *
     * @param s the session (engine, seed, plugins)
     * @param project the project
     * @param hp the typed hyper-parameters
     * @param fp what the plugin read
     * @param dataGiven the data path the run was given, or null for the project's default
     * @param started when training started
     * @param finished when the model was evaluated
     * @param history the training epochs
     * @param warnings the run's warnings
     * @param variant the demo variant or {@code default}
     * @return the provenance, in a stable key order
     */
    static Map<String, Object> record(
            Session s,
            LstmProject<?, ?> project,
            HyperParameters hp,
            DataFingerprint fp,
            Path dataGiven,
            Instant started,
            Instant finished,
            TrainingHistory history,
            List<String> warnings,
            String variant) {
        PluginStatus plugin = s.pluginOf(project.info().id()).orElse(null);
        ResolvedEngine engine = s.engine();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("project", project.info().id());
        p.put("variant", variant);
        p.put("plugin", plugin == null ? null : plugin.id());
        p.put("pluginVersion", plugin == null ? null : plugin.version());
        p.put("platformVersion", RuntimeInfo.platformVersion());
        p.put("djlVersion", Engine.getDjlVersion());
        p.put("engineProfile", engine.profile().name());
        p.put("engine", engine.engineName());
        p.put("engineVersion", engine.engineVersion());
        p.put("device", engine.device().toString());
        p.put("seed", s.seed());
        p.put("hyperParameters", hp.typedValues());
        p.put("data", TrainingData.record(fp, dataGiven));
        p.put("startedAt", started.toString());
        p.put("finishedAt", finished.toString());
        p.put("trainingSeconds", Duration.between(started, finished).toMillis() / 1000.0);
        p.put("epochsRun", history.epochs().size());
        p.put("bestEpoch", history.bestEpoch());
        p.put("stopReason", history.stopReason());
        p.put("java", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("warnings", warnings);
        return p;
    }

    /**
     * Builds a report's facts.
     *
     * @param engine the engine used
     * @param seed the seed the run used
     * @param fp the data read
     * @param hp the hyper-parameters
     * @param started when the run started
     * @param finished when it ended
     * @param more facts to show after the data (may be empty)
     * @param warnings the run's warnings, shown last
     * @return ordered key facts
     */
    static Map<String, String> facts(
            ResolvedEngine engine,
            long seed,
            DataFingerprint fp,
            HyperParameters hp,
            Instant started,
            Instant finished,
            Map<String, String> more,
            List<String> warnings) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(
                "engine",
                engine.profile().name() + " (" + engine.engineName() + " " + engine.engineVersion() + ", "
                        + engine.device() + ")");
        f.put("seed", Long.toString(seed));
        f.put("data", fp.source() + " (" + fp.rows() + " rows, sha256 " + TrainingData.shortHash(fp.sha256()) + ")");
        f.putAll(more);
        f.put("hyper-parameters", hp.asMap().toString());
        double seconds = Duration.between(started, finished).toMillis() / 1000.0;
        f.put("wall time", String.format(Locale.ROOT, "%.1f s", seconds));
        for (int i = 0; i < warnings.size(); i++) {
            f.put("warning " + (i + 1), warnings.get(i));
        }
        return f;
    }
}
