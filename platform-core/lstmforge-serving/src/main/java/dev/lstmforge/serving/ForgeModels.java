package dev.lstmforge.serving;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.drift.DriftProfile;
import dev.lstmforge.runtime.store.ModelHandle;
import dev.lstmforge.runtime.store.ModelVersion;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Serves the models of an {@link LstmForge}: store versions, model folders and exported zips
 * (DJL Serving archives), each worker with its own {@link LoadedModel}. Only the store and local
 * paths are accepted; a URL with any scheme but {@code file:} is refused, so a client cannot make
 * the server fetch from the network.
 *
 * <pre>{@code
 * try (ModelServer server = ModelServer.start(new ForgeModels(forge), ModelServer.Options.defaults())) {
 *     server.register("stock-forecast", Map.of());
 * }
 * }</pre>
 */
public final class ForgeModels implements ModelProvider {

    private final LstmForge forge;

    /**
     * Serves a forge's models.
     *
     * @param forge the forge, with its plugins, store and engine
     */
    public ForgeModels(LstmForge forge) {
        this.forge = forge;
    }

    @Override
    public Description describe(String url) {
        String ref = localReference(url);
        try (ModelHandle h = forge.store().open(ref)) {
            ModelVersion v = h.version();
            if (!forge.projects().containsKey(v.projectId())) {
                throw ApiError.badRequest("model '" + url + "' was trained by project '" + v.projectId()
                        + "', and no installed plugin provides it; installed: "
                        + forge.projects().keySet());
            }
            Map<String, String> serving = new LinkedHashMap<>();
            try {
                Properties p = h.layout().readServingProperties();
                p.stringPropertyNames().forEach(k -> serving.put(k, p.getProperty(k)));
            } catch (IOException e) {
                // a model folder without serving.properties gets the server's defaults
            }
            // a store version is pinned to its number; a folder or zip is loaded from its path
            String pinned = v.origin() == null ? v.projectId() + "/v" + v.version() : ref;
            String version = v.version() > 0 ? String.valueOf(v.version()) : "1";
            Path profile = v.dir().resolve(DriftProfile.FILE_NAME);
            DriftProfile drift = Files.isRegularFile(profile) ? DriftProfile.read(profile) : null;
            return new Description(v.projectId(), version, pinned, serving, drift);
        } catch (LstmForgeException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** Turns a {@code file:} URL into a path and refuses every other scheme. */
    static String localReference(String url) {
        if (url == null || url.isBlank()) {
            throw ApiError.badRequest("parameter 'url' is missing: give a store reference such as"
                    + " 'stock-forecast/v3', or a local model folder or zip");
        }
        int colon = url.indexOf(':');
        // "C:\..." style drive letters are paths, not schemes
        if (colon > 1 && url.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("file")) {
                throw ApiError.badRequest("url '" + url + "' is refused: only store references and local paths"
                        + " (or file: URLs) can be loaded, not '" + scheme + ":' URLs");
            }
            try {
                return Path.of(new URI(url)).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw ApiError.badRequest("url '" + url + "' is not a valid file: URL: " + e.getMessage());
            }
        }
        return url;
    }

    @Override
    public DynamicBatcher.BatchFunction<Input, Output> open(Description model, Consumer<Map<String, double[]>> drift) {
        LoadedModel m = forge.load(model.ref());
        boolean watch = model.drift() != null;
        return new DynamicBatcher.BatchFunction<>() {
            @Override
            public List<Output> apply(List<Input> batch) throws TranslateException {
                List<Output> out = m.predictBatch(batch);
                if (watch) {
                    for (int i = 0; i < batch.size(); i++) {
                        if (out.get(i).getCode() < 400) {
                            record(batch.get(i), out.get(i));
                        }
                    }
                }
                return out;
            }

            private void record(Input input, Output output) {
                try {
                    Map<String, double[]> values = new HashMap<>(m.driftFeatures(input));
                    values.putAll(m.driftOutputs(input, output));
                    drift.accept(values);
                } catch (TranslateException | RuntimeException e) {
                    // the request was answered; a body the drift reader cannot use is not monitored
                }
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }
}
