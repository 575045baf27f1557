package dev.lstmforge.plugins.stock.data;

/**
 * The single unchecked exception raised by the stock-forecast data, feature and evaluator code
 * when input data or arguments are unusable.
 *
 * <p>Messages are meant to be shown to a user as-is: wherever possible they name the source (a
 * display name such as {@code AAPL.csv}), the 1-based line or row, the column and the offending
 * value, so the problem can be fixed without a debugger.
 */
public class StockDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message what is wrong and where
     */
    public StockDataException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and the low-level cause.
     *
     * @param message what is wrong and where
     * @param cause   the underlying parse or I/O failure
     */
    public StockDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
