package dev.lstmforge.spi;

import ai.djl.util.JsonUtils;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a saved model that both the host and a plugin's serving classes read, and how
 * to read them. Only DJL's API (and the Gson it brings) is used, so the same code runs inside
 * LSTM Forge and inside a bare DJL Serving process.
 *
 * <pre>{@code
 * // inside a ServingTranslator.prepare(ctx):
 * Path dir = ctx.getModel().getModelPath();
 * StockState state = ModelFiles.readState(dir, StockState.class);
 * HyperParameters hp = ModelFiles.readHyperParameters(dir);
 * }</pre>
 */
public final class ModelFiles {

    /** The plugin's fitted preprocessing state, as JSON. */
    public static final String STATE = "state.json";

    /** The hyper-parameters the model was trained with, as a JSON object of strings. */
    public static final String HYPER_PARAMETERS = "hyperparameters.json";

    /** How the model was made; its {@code project} names the project that trained it. */
    public static final String PROVENANCE = "provenance.json";

    private ModelFiles() {}

    /**
     * Writes an object as pretty JSON.
     *
     * @param file the target file
     * @param value the object
     * @throws IOException if writing fails
     */
    public static void writeJson(Path file, Object value) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            JsonUtils.GSON_PRETTY.toJson(value, w);
        }
    }

    /**
     * Reads a JSON file into an object.
     *
     * @param file the file
     * @param type the class to read
     * @param <T> the type
     * @return the object
     * @throws IOException if the file is missing or unreadable
     */
    public static <T> T readJson(Path file, Class<T> type) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            T value = JsonUtils.GSON.fromJson(r, type);
            if (value == null) {
                throw new IOException(file + " is empty");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new IOException("model file missing: " + file, e);
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + jsonProblem(e), e);
        }
    }

    /**
     * Reads the fitted state of a saved model.
     *
     * @param modelDir the model directory
     * @param type the plugin's state class
     * @param <S> the state type
     * @return the state
     * @throws IOException if missing or unreadable
     */
    public static <S> S readState(Path modelDir, Class<S> type) throws IOException {
        return readJson(modelDir.resolve(STATE), type);
    }

    /**
     * Reads the hyper-parameters of a saved model.
     *
     * @param modelDir the model directory
     * @return the hyper-parameters, in saved order
     * @throws IOException if missing or unreadable
     */
    public static HyperParameters readHyperParameters(Path modelDir) throws IOException {
        Path file = modelDir.resolve(HYPER_PARAMETERS);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, String> map =
                    JsonUtils.GSON.fromJson(r, new TypeToken<LinkedHashMap<String, String>>() {}.getType());
            if (map == null) {
                throw new IOException(file + " is empty");
            }
            return HyperParameters.of(map);
        } catch (NoSuchFileException e) {
            throw new IOException("model file missing: " + file, e);
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + jsonProblem(e), e);
        }
    }

    /**
     * Describes a JSON parse failure without Java class names: Gson's messages start with the
     * exception's class ({@code MalformedJsonException: ...}) which means nothing to a user.
     *
     * @param e the parse failure
     * @return for example {@code "Unterminated object at line 3 column 5 path $.window"}
     */
    public static String jsonProblem(Throwable e) {
        String m = LstmForgeException.describe(e);
        int see = m.indexOf("\nSee https://");
        return see >= 0 ? m.substring(0, see) : m;
    }
}
