package dev.lstmforge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process and captures its output. */
final class Cli {

    /** The distribution's plugins directory, filled by the build. */
    static final Path DIST_PLUGINS =
            Path.of(System.getProperty("lstmforge.test.pluginsDir", "target/lstmforge/plugins"));

    static final Path ENGINES = Path.of(System.getProperty("lstmforge.test.enginesDir", "../../engines-config"));
    static final Path STOCK_JAR = DIST_PLUGINS.resolve("lstmforge-plugin-stock-forecast.jar");

    /** Options that make a stock training run take a second or two. */
    static final String[] FAST = {"-P", "epochs=2", "-P", "window=20", "-P", "hiddenSize=16"};

    record Result(int code, String out, String err) {}

    private Cli() {}

    static Result run(Path plugins, Path models, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int at = Math.min(1, all.size());
        all.addAll(at, List.of("--plugins", plugins.toString(), "--models", models.toString(), "-q"));
        return raw(all.toArray(String[]::new));
    }

    static Result raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
