package dev.lstmforge.plugins.sensor;

import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import dev.lstmforge.plugins.sensor.data.NabLabels;
import dev.lstmforge.plugins.sensor.data.SensorSeries;
import dev.lstmforge.spi.DataFingerprint;
import dev.lstmforge.spi.PreparedData;
import dev.lstmforge.support.data.Scaler;
import java.util.List;
import java.util.Map;

/**
 * Prepared sensor data. The autoencoder works on one series split by time
 * ({@link #series()}, training rows {@code [0, trainEnd)}, test rows {@code [trainEnd, rows)});
 * the classifier on whole files ({@link #validationFiles()}, {@link #testFiles()}). Warnings
 * went to the run's context while preparing; {@link #description()} says how the data was split,
 * for the report.
 */
public final class SensorData extends PreparedData<SensorState> {

    private final Scaler scaler;
    private final SensorSeries series;
    private final int trainEnd;
    private final List<NabLabels.Window> nabWindows;
    private final List<SensorSeries> validationFiles;
    private final List<SensorSeries> testFiles;
    private final List<String> notes;

    SensorData(
            Dataset train,
            Dataset validation,
            SensorState state,
            DataFingerprint fingerprint,
            Scaler scaler,
            SensorSeries series,
            int trainEnd,
            List<NabLabels.Window> nabWindows,
            List<SensorSeries> validationFiles,
            List<SensorSeries> testFiles,
            List<String> notes) {
        super(train, validation, new Shape[] {new Shape(1, state.window, state.columns.size())}, state, fingerprint);
        this.scaler = scaler;
        this.series = series;
        this.trainEnd = trainEnd;
        this.nabWindows = nabWindows;
        this.validationFiles = validationFiles == null ? List.of() : List.copyOf(validationFiles);
        this.testFiles = testFiles == null ? List.of() : List.copyOf(testFiles);
        this.notes = List.copyOf(notes);
    }

    /**
     * The drift reference (autoencoder mode): each sensor column's step-to-step changes over the
     * training part ({@link SensorDrift}). The classifier mode trains on whole files and offers
     * none yet.
     */
    @Override
    public Map<String, double[]> driftReference() {
        return series == null ? Map.of() : SensorDrift.of(series, trainEnd);
    }

    /** @return the scaler fitted on the training part */
    public Scaler scaler() {
        return scaler;
    }

    /** @return the whole series (autoencoder mode), or null */
    public SensorSeries series() {
        return series;
    }

    /** @return the first test row of {@link #series()} */
    public int trainEnd() {
        return trainEnd;
    }

    /** @return NAB label windows of the series, or null when it has none */
    public List<NabLabels.Window> nabWindows() {
        return nabWindows;
    }

    /** @return validation files (classifier mode) */
    public List<SensorSeries> validationFiles() {
        return validationFiles;
    }

    /** @return test files (classifier mode) */
    public List<SensorSeries> testFiles() {
        return testFiles;
    }

    /** @return how the data was read and split, one line each, for the report's data section */
    public List<String> description() {
        return notes;
    }
}
