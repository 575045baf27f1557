package dev.lstmforge.runtime.engine;

import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds engine profiles by name: first in a profiles directory (by default
 * {@code engines-config/} under the working directory), then among the profiles built into the
 * runtime jar.
 *
 * <pre>{@code
 * EngineProfile p = new EngineProfiles(Path.of("engines-config")).byName("mxnet-cpu");
 * }</pre>
 */
public final class EngineProfiles {

    /** The profile used when nothing else is configured. */
    public static final String DEFAULT = "pytorch-cpu";

    /** The profiles shipped inside the runtime jar. */
    public static final List<String> BUILT_IN = List.of("pytorch-cpu", "mxnet-cpu", "pytorch-gpu", "mxnet-gpu");

    private static final String RESOURCE_DIR = "/dev/lstmforge/runtime/engine/profiles/";

    private final Path dir;

    /**
     * Creates a finder.
     *
     * @param dir a directory of {@code NAME.properties} files, or {@code null} for built-ins only
     */
    public EngineProfiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Returns a profile by name.
     *
     * @param name the profile name
     * @return the profile
     * @throws LstmForgeException if no such profile exists, listing the known names
     */
    public EngineProfile byName(String name) {
        if (dir != null) {
            Path file = dir.resolve(name + ".properties");
            if (Files.isRegularFile(file)) {
                return EngineProfile.read(file);
            }
        }
        try (InputStream in = EngineProfiles.class.getResourceAsStream(RESOURCE_DIR + name + ".properties")) {
            if (in != null && name.matches("[A-Za-z0-9._-]+")) {
                return EngineProfile.read(name, in, "built-in profile " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new LstmForgeException("unknown engine profile '" + name + "'; known profiles: "
                + String.join(", ", names()) + " (or pass --engine-config FILE)");
    }

    /**
     * Lists the known profile names.
     *
     * @return sorted names
     */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>(BUILT_IN);
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> f.endsWith(".properties"))
                        .forEach(f -> names.add(f.substring(0, f.length() - ".properties".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Picks the profile by precedence: an explicit file, an explicit name, then the
     * {@code LSTMFORGE_ENGINE} environment variable, then a configured default, then
     * {@value #DEFAULT}.
     *
     * @param configFile {@code --engine-config FILE}, or null
     * @param name {@code --engine NAME}, or null
     * @param environment the value of {@code LSTMFORGE_ENGINE}, or null
     * @param configured the {@code engine} key of the config file, or null
     * @return the profile
     */
    public EngineProfile select(Path configFile, String name, String environment, String configured) {
        if (configFile != null) {
            return EngineProfile.read(configFile);
        }
        return byName(Optional.ofNullable(blankToNull(name))
                .or(() -> Optional.ofNullable(blankToNull(environment)))
                .or(() -> Optional.ofNullable(blankToNull(configured)))
                .orElse(DEFAULT));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
