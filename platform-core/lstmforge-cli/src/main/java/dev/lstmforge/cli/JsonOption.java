package dev.lstmforge.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --json FILE} option of the commands that can write their figures as JSON beside the
 * table they print, and the one way they write it (pretty-printed UTF-8, folders created, NaN
 * written as {@code NaN}).
 *
 * <pre>{@code
 * @Mixin JsonOption json;
 * ...
 * json.write(doc, out);   // nothing without --json; otherwise writes and prints "json: FILE"
 * }</pre>
 */
final class JsonOption {

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path file;

    /**
     * Writes a document when {@code --json} was given.
     *
     * @param doc what to write: maps, lists, records or Gson trees
     * @param out where to say so
     * @throws IOException if the file cannot be written
     */
    void write(Object doc, PrintWriter out) throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(
                file,
                new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeSpecialFloatingPointValues()
                        .create()
                        .toJson(doc),
                StandardCharsets.UTF_8);
        out.println("json: " + file);
    }
}
