package dev.lstmforge.plugins.sensor.data;

/**
 * The one unchecked exception of the sensor-anomaly data, resampling and metric code: a data file,
 * label file or array handed in cannot be used as it is.
 *
 * <p>Messages are written for the person who has to fix the input: they name the file (or the
 * series' source), the line or row, the column and the offending value where these are known.
 */
public class SensorDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what is wrong and where.
     *
     * @param message what is wrong, naming file, line/row, column and value where known
     */
    public SensorDataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the lower-level cause (an I/O or JSON error).
     *
     * @param message what is wrong, naming file, line/row, column and value where known
     * @param cause the underlying exception
     */
    public SensorDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
