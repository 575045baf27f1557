package dev.lstmforge.spi;

/**
 * The one unchecked exception of LSTM Forge for problems a user can fix: bad input files, bad
 * hyper-parameters, unknown engine profiles, missing models.
 *
 * <p>The message must be actionable on its own and name what was wrong: the file, the field and
 * the value, for example {@code "column 'Close' not found in AAPL.csv; columns are: Date, Open"}.
 * The CLI prints only the message and exits with status 2.
 *
 * <pre>{@code
 * if (rows < window + 1) {
 *     throw new LstmForgeException(file + ": " + rows + " rows, need at least " + (window + 1));
 * }
 * }</pre>
 */
public class LstmForgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message what went wrong and, where possible, how to fix it
     */
    public LstmForgeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and its cause.
     *
     * @param message what went wrong and, where possible, how to fix it
     * @param cause the underlying failure
     */
    public LstmForgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
