package dev.lstmforge.plugins.sensor;

import dev.lstmforge.support.data.Scaler;
import java.util.List;

/**
 * What a trained sensor model needs besides its parameters, saved as {@code state.json}: the
 * sensor columns it reads, the scaler fitted on the training part, the window, and the alert
 * threshold with the rule that chose it.
 */
public final class SensorState {

    /** {@code autoencoder} or {@code classifier}. */
    public String mode;

    /** The sensor columns, in model input order. */
    public List<String> columns;

    /** Standardisation fitted on the training part. */
    public Scaler.State scaler;

    /** Rows per window. */
    public int window;

    /**
     * Point scores above this raise an alert (reconstruction error, or anomaly probability).
     * Null until fitted: right after training, from the training part's scores.
     */
    public Double threshold;

    /** The rule that chose the threshold: {@code percentile} or {@code bestf1}. */
    public String thresholdRule;

    /** How the threshold was chosen, in words, for reports. */
    public String thresholdNote;

    /** Where the training data came from. */
    public String dataSource;
}
