package dev.lstmforge.cli;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.spi.LstmProject;
import dev.lstmforge.spi.Param;
import dev.lstmforge.spi.TrainingParams;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prints a project's hyper-parameters as a table: name, allowed values, default and description.
 * The rows are exactly the declarations {@code -P KEY=VALUE} is checked against, the project's own
 * first, then the training keys every project has (with the project's defaults where it declares
 * its own). Descriptions wrap so that lines stay within {@value #WIDTH} columns.
 *
 * <pre>
 * Hyper-parameters of stock-forecast (set with -P KEY=VALUE):
 *   NAME        ALLOWED            DEFAULT  DESCRIPTION
 *   window      integer 2..5000    60       days of history in one input window
 * Training (every project):
 *   epochs      integer 1..100000  40       most passes over the training data
 * </pre>
 */
final class ParamTable {

    /** Lines are wrapped to this width, as far as the description column allows. */
    static final int WIDTH = 120;

    /** The narrowest description column; below it, descriptions still get this much room. */
    private static final int MIN_DESCRIPTION = 30;

    private static final Set<String> HOST_KEYS =
            TrainingParams.ALL.stream().map(Param::name).collect(Collectors.toUnmodifiableSet());

    private ParamTable() {}

    /**
     * Prints the table of a project.
     *
     * @param out where to print
     * @param project the project
     */
    static void print(PrintWriter out, LstmProject<?, ?> project) {
        List<Param<?>> all =
                LstmForge.hyperParameters(project, java.util.Map.of()).declarations();
        List<Param<?>> own = new ArrayList<>();
        List<Param<?>> training = new ArrayList<>();
        for (Param<?> p : all) {
            (HOST_KEYS.contains(p.name()) ? training : own).add(p);
        }
        String[] header = {"NAME", "ALLOWED", "DEFAULT", "DESCRIPTION"};
        int[] width = {header[0].length(), header[1].length(), header[2].length()};
        for (Param<?> p : all) {
            width[0] = Math.max(width[0], p.name().length());
            width[1] = Math.max(width[1], p.allowed().length());
            width[2] = Math.max(width[2], shownDefault(p).length());
        }
        String format = "  %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  ";
        out.println("Hyper-parameters of " + project.info().id() + " (set with -P KEY=VALUE):");
        row(out, format, header[0], header[1], header[2], header[3]);
        if (own.isEmpty()) {
            out.println("  (none of its own)");
        }
        own.forEach(p -> row(out, format, p.name(), p.allowed(), shownDefault(p), p.description()));
        out.println("Training (every project):");
        training.forEach(p -> row(out, format, p.name(), p.allowed(), shownDefault(p), p.description()));
        out.flush();
    }

    private static void row(
            PrintWriter out, String format, String name, String allowed, String shown, String description) {
        String prefix = String.format(Locale.ROOT, format, name, allowed, shown);
        List<String> lines = wrap(description, Math.max(MIN_DESCRIPTION, WIDTH - prefix.length()));
        out.println(prefix + lines.get(0));
        String indent = " ".repeat(prefix.length());
        for (String line : lines.subList(1, lines.size())) {
            out.println(indent + line);
        }
    }

    /**
     * Wraps text at spaces into lines of at most {@code width} characters; a longer word gets a
     * line of its own.
     *
     * @param text the text
     * @param width the most characters per line
     * @return at least one line
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The default as a user would type it; an empty text default is shown as {@code ""}. */
    static String shownDefault(Param<?> p) {
        String s = String.valueOf(p.defaultValue());
        return s.isEmpty() ? "\"\"" : s;
    }
}
