package dev.lstmforge.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a project is: the id users type on the command line, a title and a one-line description.
 *
 * <pre>{@code
 * new ProjectInfo("stock-forecast", "Stock price forecasting",
 *         "Next-day and multi-step price forecasts from 60-day windows", Task.REGRESSION);
 * }</pre>
 *
 * @param id lower-case id, letters, digits and dashes; also the directory name in the model store
 * @param title a short human title
 * @param description one line shown by {@code lstmforge list}
 * @param task the kind of learning problem
 */
public record ProjectInfo(String id, String title, String description, Task task) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    /** The kind of learning problem a project solves; the host uses it only for display. */
    public enum Task {
        /** Predicts real values, e.g. tomorrow's price. */
        REGRESSION,
        /** Predicts one of several classes. */
        CLASSIFICATION,
        /** Generates sequences, e.g. text. */
        GENERATION,
        /** Scores how anomalous each point or window is. */
        ANOMALY_DETECTION
    }

    /** Validates the id. */
    public ProjectInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(task, "task");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "project id '" + id + "' must match " + ID.pattern());
        }
    }
}
