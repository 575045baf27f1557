package dev.lstmforge.spi;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.translate.ServingTranslator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * The extension point every LSTM Forge project implements: one LSTM project, from raw data to a
 * model that serves predictions. Eight methods, each for one concept, and an optional list of demo
 * variants.
 *
 * <p>The host calls them in this order for {@code train}:
 *
 * <ol>
 *   <li>{@link #parameters()}: the host parses the user's {@code -P key=value} against these
 *       declarations (plus {@link TrainingParams}) and refuses unknown keys and bad values;
 *   <li>{@link #prepare(ProjectContext, Object)} with {@code null} state: read the data, split it
 *       by time or at random as the task requires, fit preprocessing on the training part only,
 *       and report anything repaired or surprising with {@link ProjectContext#warn(String)};
 *   <li>{@link #newBlock(HyperParameters, Object)} and {@link #trainingRecipe(HyperParameters)}:
 *       the host trains with early stopping on the validation loss and keeps the best epoch;
 *   <li>{@link #evaluate(ProjectContext, PreparedData, Model)} on the held-out test part;
 *   <li>the host saves parameters, the state (as {@code state.json}), hyper-parameters, metrics
 *       and provenance, plus a {@code serving.properties} naming {@link #newServingTranslator()}'s
 *       class and {@link ProjectBlockFactory}, which calls {@code newBlock} again when DJL Serving
 *       loads the model: the topology is defined once.
 * </ol>
 *
 * <p>{@code evaluate} reloads a saved model and calls {@code prepare} with the saved state, so the
 * test part is encoded exactly as at training time. {@code predict}, the Java API and DJL Serving
 * all go through the serving translator, which reads the model directory with {@link ModelFiles}:
 * there is one inference path. Code two projects share (CSV reading, scalers, windowing, block
 * builders, metrics, a serving-translator base) lives in the {@code lstmforge-support} library,
 * which each plugin jar bundles.
 *
 * <p>Implementations are stateless and annotated with PF4J's {@code @Extension}:
 *
 * <pre>{@code
 * @Extension
 * public final class StockForecastProject implements LstmProject<StockState, StockData> {
 *     static final Param<Integer> WINDOW = Param.integer("window", 60, 2, 5000, "days per input window");
 *
 *     public ProjectInfo info() {
 *         return new ProjectInfo("stock-forecast", "Stock price forecasting",
 *                 "Next-day and multi-step forecasts", ProjectInfo.Task.REGRESSION);
 *     }
 *     public List<Param<?>> parameters() {
 *         return List.of(WINDOW, TrainingParams.EPOCHS.withDefault(40));
 *     }
 *     public Block newBlock(HyperParameters hp, StockState state) {
 *         return StackedLstm.builder().hiddenSize(50).layers(2).outputs(1).build();
 *     }
 *     // ...
 * }
 * }</pre>
 *
 * @param <S> the fitted preprocessing state: a plain object Gson can write and read back
 * @param <D> the prepared-data type the plugin's evaluation works on
 */
public interface LstmProject<S, D extends PreparedData<S>> extends ExtensionPoint {

    /**
     * Describes the project.
     *
     * @return id, title, description, task and optional capabilities
     */
    ProjectInfo info();

    /**
     * Declares every hyper-parameter the project understands: name, type, default, range and a
     * one-line description. The host adds {@link TrainingParams#ALL} for keys not declared here.
     *
     * @return the declarations, in the order {@code --help} lists them
     */
    List<Param<?>> parameters();

    /**
     * Returns the class of the fitted state, so the host can read {@code state.json} back.
     *
     * @return the state class
     */
    Class<S> stateType();

    /**
     * Reads and prepares the data. Bad input ends in a {@link LstmForgeException} that names the
     * file, field and value.
     *
     * @param ctx the run's context; {@link ProjectContext#dataPath()} wins over defaults
     * @param fittedState {@code null} to fit preprocessing on the training part, or a saved
     *     model's state to reuse it unchanged
     * @return the prepared data
     * @throws IOException if a file cannot be read
     */
    D prepare(ProjectContext ctx, S fittedState) throws IOException;

    /**
     * Builds the untrained network. Must be deterministic in its arguments: the same call
     * rebuilds the topology when a saved model is loaded, by the host or by
     * {@link ProjectBlockFactory} inside DJL Serving.
     *
     * @param hp the hyper-parameters (read back from {@code hyperparameters.json} on load)
     * @param state the fitted state (for example the number of input features)
     * @return the block
     */
    Block newBlock(HyperParameters hp, S state);

    /**
     * Returns the loss, metrics and optimizer for training.
     *
     * @param hp the hyper-parameters
     * @return the recipe
     */
    TrainingRecipe trainingRecipe(HyperParameters hp);

    /**
     * Evaluates a trained model on the test part of {@code data}.
     *
     * @param ctx the run's context
     * @param data data prepared with the model's state
     * @param model the trained model, block and parameters loaded
     * @return metrics, charts and text for the report
     * @throws Exception if inference fails
     */
    Evaluation evaluate(ProjectContext ctx, D data, Model model) throws Exception;

    /**
     * Creates the translator that turns a request ({@code Input}) into a prediction
     * ({@code Output}). Its class needs a public no-argument constructor and must read everything
     * it needs from the model directory, because DJL Serving instantiates it by name.
     *
     * @return a new translator
     */
    ServingTranslator newServingTranslator();

    /**
     * Lists the configurations the {@code demo} command runs; the first is the default model.
     *
     * @return one or more variants
     */
    default List<DemoVariant> demoVariants() {
        return List.of(new DemoVariant("default", Map.of()));
    }
}
