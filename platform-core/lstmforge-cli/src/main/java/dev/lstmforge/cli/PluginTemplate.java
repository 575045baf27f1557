package dev.lstmforge.cli;

import dev.lstmforge.runtime.RuntimeInfo;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/**
 * The Maven module of a new LSTM Forge project, written from the templates under
 * {@code dev/lstmforge/cli/template/}: a pom whose parent is {@code plugins/pom.xml}, a
 * {@code plugin.properties}, the plugin and {@code @Extension} classes built on the support
 * library, a serving translator, and tests (the test kit's contract and data tests). The project
 * trains on a generated noisy sine series by default and on a CSV column with {@code --data}.
 *
 * <pre>{@code
 * PluginTemplate t = PluginTemplate.of("wave-forecast", null);   // package dev.lstmforge.plugins.waveforecast
 * List<Path> written = t.writeTo(Path.of("plugins/wave-forecast"));
 * }</pre>
 */
public final class PluginTemplate {

    /** Project ids, as {@code ProjectInfo} accepts them. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    private static final String ROOT = "template/";
    private static final Pattern TOKEN = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final String id;
    private final String javaPackage;
    private final String className;
    private final Map<String, String> tokens;

    private PluginTemplate(String id, String javaPackage) {
        this.id = id;
        this.javaPackage = javaPackage;
        this.className = className(id);
        Map<String, String> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("package", javaPackage);
        t.put("packagePath", javaPackage.replace('.', '/'));
        t.put("Name", className);
        t.put("title", title(id));
        t.put("platformVersion", RuntimeInfo.platformVersion());
        this.tokens = Map.copyOf(t);
    }

    /**
     * Checks the name and package and prepares the template.
     *
     * @param id the project id: 2 to 64 lower-case letters, digits and dashes, starting with a letter
     * @param javaPackage the Java package, or null for {@code dev.lstmforge.plugins.<id without dashes>}
     * @return the template
     * @throws LstmForgeException if the id or the package is not valid
     */
    public static PluginTemplate of(String id, String javaPackage) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new LstmForgeException("plugin name '" + id + "' is not a valid project id: use 2 to 64 lower-case "
                    + "letters, digits and dashes, starting with a letter (for example wave-forecast)");
        }
        String pkg = javaPackage != null ? javaPackage : defaultPackage(id);
        if (!SourceVersion.isName(pkg)) {
            throw new LstmForgeException((javaPackage != null ? "package '" : "the default package '") + pkg
                    + "' is not a valid Java package name (dot-separated identifiers, no Java keywords)"
                    + (javaPackage != null ? "" : "; give one with --package"));
        }
        return new PluginTemplate(id, pkg);
    }

    /**
     * Returns the default package of an id: {@code dev.lstmforge.plugins.} and the id without dashes.
     *
     * @param id the project id
     * @return the package name
     */
    public static String defaultPackage(String id) {
        return "dev.lstmforge.plugins." + id.replace("-", "");
    }

    /**
     * Returns the class-name prefix of an id: {@code wave-forecast} gives {@code WaveForecast}.
     *
     * @param id the project id
     * @return the prefix
     */
    public static String className(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    private static String title(String id) {
        String words = id.replaceAll("-+", " ").trim();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * Returns the project id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the Java package of the generated classes.
     *
     * @return the package
     */
    public String javaPackage() {
        return javaPackage;
    }

    /**
     * Returns the fully qualified name of the generated PF4J plugin class.
     *
     * @return the class name
     */
    public String pluginClass() {
        return javaPackage + "." + className + "Plugin";
    }

    /**
     * Returns the fully qualified name of the generated {@code @Extension} project class.
     *
     * @return the class name
     */
    public String projectClass() {
        return javaPackage + "." + className + "Project";
    }

    /**
     * Writes the module into a directory that does not exist yet or is empty.
     *
     * @param dir the module directory
     * @return the files written, relative to {@code dir}, in template order
     * @throws LstmForgeException if {@code dir} is a file or a non-empty directory
     * @throws IOException if writing fails
     */
    public List<Path> writeTo(Path dir) throws IOException {
        checkTarget(dir);
        Map<Path, String> files = render();
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        return List.copyOf(files.keySet());
    }

    private static void checkTarget(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LstmForgeException(dir + " exists and is not a directory; choose another with -o");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw new LstmForgeException(dir + " already exists and is not empty; nothing was written. "
                            + "Choose another directory with -o or remove it");
                }
            }
        }
    }

    /** Renders every template in memory first, so that a template problem writes nothing. */
    private Map<Path, String> render() {
        Map<Path, String> out = new LinkedHashMap<>();
        for (String line : resource("files.txt").split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("bad line in the template list: " + l);
            }
            out.put(Path.of(substitute(parts[1], parts[0])), substitute(resource(parts[0]), parts[0]));
        }
        return out;
    }

    private String substitute(String text, String where) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = tokens.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("unknown token " + m.group() + " in template " + where);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        String out = m.appendTail(b).toString();
        if (out.contains("{{")) {
            throw new IllegalStateException("malformed token in template " + where);
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = PluginTemplate.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("template resource " + ROOT + name + " is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Describes the template for messages.
     *
     * @return the id, package and plugin class
     */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "PluginTemplate[%s, package %s, plugin class %s]", id, javaPackage, pluginClass());
    }
}
