package dev.lstmforge.plugins.text.corpus;

/**
 * The single unchecked exception raised by the text-generation corpus, tokenizer and sampling
 * code when input data or arguments are unusable.
 *
 * <p>Messages are written for the user: wherever possible they name the file (or other source),
 * the position or field, and the offending value, so the problem can be fixed without a
 * debugger.
 */
public class TextDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message what is wrong and where
     */
    public TextDataException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and the low-level cause.
     *
     * @param message what is wrong and where
     * @param cause   the underlying decoding, I/O or network failure
     */
    public TextDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
