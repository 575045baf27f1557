package dev.lstmforge.spi;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's data, ready for training: training and validation {@link Dataset}s, the input
 * shapes the block is initialised with, and the preprocessing state fitted on the training part.
 *
 * <p>Plugins usually subclass it to carry what their own evaluation needs, such as the test part
 * and the raw series for plots; the host only reads the members declared here.
 *
 * <pre>{@code
 * final class StockData extends PreparedData<StockState> {
 *     StockData(Dataset train, Dataset validation, StockState state, DataFingerprint fp, ...) {
 *         super(train, validation, new Shape[] {new Shape(1, 60, 1)}, state, fp);
 *     }
 * }
 * }</pre>
 *
 * @param <S> the plugin's fitted-state type, a plain Gson-serialisable object
 */
public class PreparedData<S> {

    private final Dataset train;
    private final Dataset validation;
    private final Shape[] inputShapes;
    private final S state;
    private final DataFingerprint fingerprint;

    /**
     * Creates the prepared data.
     *
     * @param train the training part
     * @param validation the validation part, used for early stopping
     * @param inputShapes shapes passed to {@code Trainer.initialize}, batch dimension first
     * @param state preprocessing fitted on the training part only; saved with the model
     * @param fingerprint what was read, for provenance
     */
    public PreparedData(Dataset train, Dataset validation, Shape[] inputShapes, S state, DataFingerprint fingerprint) {
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.inputShapes = Objects.requireNonNull(inputShapes, "inputShapes").clone();
        this.state = Objects.requireNonNull(state, "state");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * Returns the training part.
     *
     * @return the training dataset
     */
    public Dataset train() {
        return train;
    }

    /**
     * Returns the validation part.
     *
     * @return the validation dataset
     */
    public Dataset validation() {
        return validation;
    }

    /**
     * Returns the input shapes for {@code Trainer.initialize}.
     *
     * @return a copy of the shapes
     */
    public Shape[] inputShapes() {
        return inputShapes.clone();
    }

    /**
     * Returns the fitted preprocessing state.
     *
     * @return the state
     */
    public S state() {
        return state;
    }

    /**
     * Returns the data fingerprint.
     *
     * @return the fingerprint
     */
    public DataFingerprint fingerprint() {
        return fingerprint;
    }

    /**
     * Names what one training sample holds, for the training-speed figure the host reports as
     * {@code train_<unit>_per_second} (for example {@code chars} for a language model whose
     * samples are windows of text). The default, {@code samples}, reports samples per second.
     *
     * @return the unit name, lower case
     */
    public String sampleUnit() {
        return "samples";
    }

    /**
     * Returns how many {@link #sampleUnit()}s one training sample holds on average.
     *
     * @return units per sample; 1 by default
     */
    public double unitsPerSample() {
        return 1;
    }

    /**
     * Returns the training part as single examples, for continual learning's rehearsal memory
     * (strategy {@code replay}). The default wraps a {@link RandomAccessDataset} training part
     * (DJL's {@code ArrayDataset}) with {@link Examples#stacked}, uses a training part that
     * implements {@link Examples} itself, and otherwise offers none: {@code replay} is then refused
     * with a clear error.
     *
     * @return the examples, if the training part can be read one example at a time
     */
    public Optional<Examples> trainingExamples() {
        if (train instanceof Examples e) {
            return Optional.of(e);
        }
        if (train instanceof RandomAccessDataset r) {
            return Optional.of(Examples.stacked(r));
        }
        return Optional.empty();
    }

    /**
     * Returns the training part's values of the features the project's serving translator reports
     * through {@link DriftFeatures}, with the same names and definitions. The host saves their
     * profile with the model ({@code drift-profile.json}) as the reference that live inputs are
     * compared with. Only the training part: validation and test data must not shape it.
     *
     * <pre>{@code
     * public Map<String, double[]> driftReference() {
     *     return Map.of("log_return", DailyReturns.log(trainingCloses));
     * }
     * }</pre>
     *
     * @return feature name to values; empty (the default) when the project offers no drift monitoring
     */
    public Map<String, double[]> driftReference() {
        return Map.of();
    }
}
