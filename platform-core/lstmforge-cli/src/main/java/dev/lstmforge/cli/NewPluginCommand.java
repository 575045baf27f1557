package dev.lstmforge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lstmforge new-plugin NAME [--package P] [-o DIR]}: writes the Maven module of a sixth
 * project (see {@link PluginTemplate}) and says how to build it and drop it into {@code plugins/}.
 *
 * <pre>{@code
 * lstmforge new-plugin wave-forecast -o plugins/wave-forecast
 * }</pre>
 *
 * <p>A name that is not a valid project id, a package that is not a valid Java package, or a
 * directory that exists and is not empty ends with exit code 2 and one line; nothing is written.
 */
@Command(
        name = "new-plugin",
        mixinStandardHelpOptions = true,
        description = "Create the Maven module of a new LSTM project: a PF4J plugin that trains on generated "
                + "data (or a CSV column with --data), with a serving translator and the test kit's contract test.")
public final class NewPluginCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "Project id: 2 to 64 lower-case letters, digits and dashes, starting with a letter "
                    + "(e.g. wave-forecast).")
    String name;

    @Option(
            names = "--package",
            paramLabel = "PACKAGE",
            description = "Java package of the classes (default: dev.lstmforge.plugins.<NAME without dashes>).")
    String javaPackage;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "Module directory to create; must not exist or be empty (default: ./NAME).")
    Path output;

    @Override
    public Integer call() throws IOException {
        PluginTemplate template = PluginTemplate.of(name, javaPackage);
        Path dir = (output != null ? output : Path.of(name)).toAbsolutePath().normalize();
        List<Path> files = template.writeTo(dir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + template.id() + " (package " + template.javaPackage() + ", " + files.size()
                + " files) in " + dir);
        for (Path f : files) {
            out.println("  " + f.toString().replace('\\', '/'));
        }
        out.println("next steps:");
        String module = dir.getFileName().toString();
        if (insidePluginsParent(dir)) {
            out.println("  1. add <module>" + module + "</module> to "
                    + dir.getParent().resolve("pom.xml"));
        } else {
            out.println("  1. move " + dir + " into the plugins/ folder of an LSTM Forge checkout (its pom's parent "
                    + "is ../pom.xml) and add <module>" + module + "</module> to plugins/pom.xml");
        }
        out.println("  2. mvn -B -pl plugins/" + module + " -am install    (builds it and runs its tests; if you"
                + " renamed things and the format check complains, run mvn spotless:apply first)");
        out.println("  3. copy plugins/" + module + "/target/lstmforge-plugin-" + template.id() + "-*-plugin.jar into "
                + "the plugins/ folder of a distribution, then: lstmforge list; lstmforge train " + template.id());
        return 0;
    }

    /** Tells whether the directory sits directly in a folder whose pom is the plugins aggregator and parent. */
    private static boolean insidePluginsParent(Path dir) {
        Path pom = dir.getParent() == null ? null : dir.getParent().resolve("pom.xml");
        if (pom == null || !Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            return text.contains("<packaging>pom</packaging>")
                    && text.contains("<modules>")
                    && text.contains("<artifactId>lstmforge-plugins</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }
}
