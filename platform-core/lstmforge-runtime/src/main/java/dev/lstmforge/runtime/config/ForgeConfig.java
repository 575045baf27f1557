package dev.lstmforge.runtime.config;

import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a setting from, in order: an explicit value (a command-line option), the system property
 * {@code lstmforge.KEY}, the environment variable {@code LSTMFORGE_KEY}, the config file, and
 * finally the caller's default. The config file is {@code $LSTMFORGE_CONFIG} if set, else
 * {@code lstmforge.properties} in the working directory if present.
 *
 * <pre>{@code
 * ForgeConfig cfg = ForgeConfig.load();
 * Path models = cfg.path("models", null).orElse(Path.of("models"));
 * }</pre>
 */
public final class ForgeConfig {

    /** The keys a config file may contain. */
    public static final Set<String> KEYS = Set.of("engine", "enginesDir", "models", "plugins", "dataRoot", "seed");

    private final Map<String, String> env;
    private final Properties system;
    private final Properties file;
    private final String fileName;

    ForgeConfig(Map<String, String> env, Properties system, Path configFile) {
        this.env = Map.copyOf(env);
        this.system = system;
        this.file = new Properties();
        this.fileName = configFile == null ? null : configFile.toString();
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                file.load(r);
            } catch (IOException e) {
                throw new LstmForgeException("cannot read config file " + configFile + ": " + Messages.describe(e));
            }
            for (String key : file.stringPropertyNames()) {
                if (!KEYS.contains(key)) {
                    throw new LstmForgeException(
                            configFile + ": unknown key '" + key + "'; allowed keys: " + String.join(", ", KEYS));
                }
            }
        }
    }

    /**
     * Loads the configuration of this process.
     *
     * @return the configuration
     */
    public static ForgeConfig load() {
        Map<String, String> env = new HashMap<>(System.getenv());
        String explicit = env.get("LSTMFORGE_CONFIG");
        Path file = null;
        if (explicit != null && !explicit.isBlank()) {
            file = Path.of(explicit);
            if (!Files.isRegularFile(file)) {
                throw new LstmForgeException("LSTMFORGE_CONFIG names " + file + ", which is not a file");
            }
        } else if (Files.isRegularFile(Path.of("lstmforge.properties"))) {
            file = Path.of("lstmforge.properties");
        }
        return new ForgeConfig(env, System.getProperties(), file);
    }

    /**
     * Returns a configuration that sees only explicit values and defaults; for tests and embedding.
     *
     * @return an empty configuration
     */
    public static ForgeConfig empty() {
        return new ForgeConfig(Map.of(), new Properties(), null);
    }

    /**
     * Resolves a string setting.
     *
     * @param key the key, one of {@link #KEYS}
     * @param explicit a value given directly, or null
     * @return the value, if any layer has one
     */
    public Optional<String> get(String key, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit.trim());
        }
        String v = system.getProperty("lstmforge." + key);
        if (v == null || v.isBlank()) {
            v = env.get(envName(key));
        }
        if (v == null || v.isBlank()) {
            v = file.getProperty(key);
        }
        return Optional.ofNullable(v == null || v.isBlank() ? null : v.trim());
    }

    /**
     * Resolves a path setting.
     *
     * @param key the key
     * @param explicit a value given directly, or null
     * @return the path, if any layer has one
     */
    public Optional<Path> path(String key, Path explicit) {
        return get(key, explicit == null ? null : explicit.toString()).map(Path::of);
    }

    /**
     * Resolves a long setting.
     *
     * @param key the key
     * @param explicit a value given directly, or null
     * @return the value, if any layer has one
     * @throws LstmForgeException naming the key and value if it is not a number
     */
    public Optional<Long> longValue(String key, Long explicit) {
        Optional<String> v = get(key, explicit == null ? null : explicit.toString());
        try {
            return v.map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new LstmForgeException("setting '" + key + "' must be an integer, got '" + v.get()
                    + "' (from the command line, -Dlstmforge." + key + ", " + envName(key)
                    + (fileName == null ? "" : " or " + fileName) + ")");
        }
    }

    /**
     * Returns the environment variable name of a key: {@code dataRoot} becomes
     * {@code LSTMFORGE_DATA_ROOT}.
     *
     * @param key the key
     * @return the variable name
     */
    public static String envName(String key) {
        return "LSTMFORGE_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
