package dev.lstmforge.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a project is: the id users type on the command line, a title, a one-line description, the
 * kind of task and the optional capabilities it offers beyond train, evaluate, predict and export.
 *
 * <pre>{@code
 * new ProjectInfo("text-generation", "Text generation",
 *         "Character- and word-level language models", Task.GENERATION,
 *         Set.of(Capability.GENERATE));
 * }</pre>
 *
 * @param id lower-case id, letters, digits and dashes; also the directory name in the model store
 * @param title a short human title
 * @param description one line shown by {@code lstmforge list}
 * @param task the kind of learning problem
 * @param capabilities optional commands the project's serving translator answers
 */
public record ProjectInfo(String id, String title, String description, Task task, Set<Capability> capabilities) {

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

    /**
     * Optional commands. Each is served by the project's serving translator, so it works the same
     * from the CLI, the Java API and DJL Serving.
     */
    public enum Capability {
        /**
         * {@code lstmforge generate}: the request body is a prompt; request properties
         * {@code temperature}, {@code length}, {@code topK} and {@code seed} steer sampling; the
         * response is a JSON object with the whole {@code text} and optional {@code warnings}.
         */
        GENERATE
    }

    /**
     * Creates the info of a project without optional capabilities.
     *
     * @param id the id
     * @param title the title
     * @param description the description
     * @param task the task
     */
    public ProjectInfo(String id, String title, String description, Task task) {
        this(id, title, description, task, Set.of());
    }

    /** Validates the id and copies the capabilities. */
    public ProjectInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(task, "task");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("project id '" + id + "' must match " + ID.pattern());
        }
    }

    /**
     * Tells whether the project offers a capability.
     *
     * @param c the capability
     * @return true if offered
     */
    public boolean offers(Capability c) {
        return capabilities.contains(c);
    }
}
