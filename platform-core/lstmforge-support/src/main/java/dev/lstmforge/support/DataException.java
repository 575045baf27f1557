package dev.lstmforge.support;

import dev.lstmforge.spi.LstmForgeException;

/**
 * Bad input data: a file, a cell, a label or a request a plugin cannot use as it is. Part of the
 * one error family ({@link LstmForgeException}), so the CLI prints the message on one line and
 * exits with status 2.
 *
 * <p>Messages name the place first, then what is wrong, then the value, and never a Java class:
 *
 * <pre>{@code
 * throw DataException.at("prices.csv", 43, "Close", "'12x5' is not a number");
 * // prices.csv line 43, column Close: '12x5' is not a number
 * }</pre>
 */
public class DataException extends LstmForgeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message that names what is wrong and where.
     *
     * @param message the whole message
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the lower-level cause.
     *
     * @param message the whole message
     * @param cause the underlying failure
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds the message for one cell of a table.
     *
     * @param source the file name (or "request")
     * @param line the 1-based line number in the file, or 0 when unknown
     * @param column the column name, or null
     * @param problem what is wrong, with the value
     * @return the exception
     */
    public static DataException at(String source, long line, String column, String problem) {
        StringBuilder m = new StringBuilder(source);
        if (line > 0) {
            m.append(" line ").append(line);
        }
        if (column != null) {
            m.append(line > 0 ? ", column " : " column ").append(column);
        }
        return new DataException(m.append(": ").append(problem).toString());
    }
}
