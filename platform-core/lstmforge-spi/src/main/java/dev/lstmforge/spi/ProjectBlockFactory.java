package dev.lstmforge.spi;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a saved model's block outside LSTM Forge, for DJL Serving and plain
 * {@code Criteria<Input, Output>}: the {@code blockFactory=} of every exported
 * {@code serving.properties}. A project never writes a block factory of its own: this one finds the
 * project class through PF4J's extension index in the plugin jar, reads the saved state and
 * hyper-parameters, and calls the same {@link LstmProject#newBlock(HyperParameters, Object)} that
 * training used, so the topology has exactly one definition.
 *
 * <pre>{@code
 * # serving.properties, written by the host
 * blockFactory=dev.lstmforge.spi.ProjectBlockFactory
 * }</pre>
 */
public final class ProjectBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    /** PF4J's list of extension classes inside a plugin jar. */
    static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) throws IOException {
        String id = projectId(modelPath);
        LstmProject<?, ?> project = findProject(id);
        return build(project, modelPath);
    }

    private static <S> Block build(LstmProject<S, ?> project, Path modelPath) throws IOException {
        S state = ModelFiles.readState(modelPath, project.stateType());
        HyperParameters hp = ModelFiles.readHyperParameters(modelPath);
        return project.newBlock(hp, state);
    }

    /**
     * Reads the project id a model was trained by from its provenance.
     *
     * @param modelPath the model directory
     * @return the project id
     * @throws IOException if the provenance is missing or names no project
     */
    static String projectId(Path modelPath) throws IOException {
        Path file = modelPath.resolve(ModelFiles.PROVENANCE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file missing: " + file);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonObject o = JsonUtils.GSON.fromJson(r, JsonObject.class);
            if (o == null || !o.has("project")) {
                throw new IOException(file + " names no project");
            }
            return o.get("project").getAsString();
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(file + " is not valid JSON", e);
        }
    }

    /**
     * Finds the project with an id among the extensions visible to the context class loader and
     * this class's loader.
     *
     * @param id the project id
     * @return a new instance of the project
     * @throws IOException if no visible plugin provides it
     */
    static LstmProject<?, ?> findProject(String id) throws IOException {
        List<ClassLoader> loaders = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(ProjectBlockFactory.class.getClassLoader());
        Set<String> seen = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            Enumeration<URL> indexes = loader.getResources(EXTENSIONS_INDEX);
            while (indexes.hasMoreElements()) {
                for (String name : read(indexes.nextElement())) {
                    LstmProject<?, ?> p = instantiate(loader, name, failures);
                    if (p != null) {
                        seen.add(p.info().id());
                        if (p.info().id().equals(id)) {
                            return p;
                        }
                    }
                }
            }
        }
        throw new IOException("no plugin on the class path provides project '" + id + "' (found: "
                + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")"
                + (failures.isEmpty() ? "" : "; could not load " + String.join("; ", failures))
                + "; put the plugin jar, lstmforge-spi.jar and pf4j.jar in the model folder");
    }

    private static List<String> read(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
        }
        return names;
    }

    private static LstmProject<?, ?> instantiate(ClassLoader loader, String name, List<String> failures) {
        try {
            Class<?> c = Class.forName(name, true, loader);
            if (!LstmProject.class.isAssignableFrom(c)) {
                return null;
            }
            return (LstmProject<?, ?>) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            failures.add(name + " (class " + e.getMessage().replace('/', '.') + " is missing)");
        } catch (ReflectiveOperationException | LinkageError e) {
            failures.add(name + " (" + (e.getMessage() == null ? "cannot be created" : e.getMessage()) + ")");
        }
        return null;
    }
}
