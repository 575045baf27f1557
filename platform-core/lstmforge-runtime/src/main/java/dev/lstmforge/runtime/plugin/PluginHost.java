package dev.lstmforge.runtime.plugin;

import dev.lstmforge.runtime.RuntimeInfo;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.CompoundPluginRepository;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginRepository;
import org.pf4j.DevelopmentPluginLoader;
import org.pf4j.DevelopmentPluginRepository;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * Loads LSTM Forge plugins and hands out their {@link LstmProject}s.
 *
 * <p>In {@link Mode#DEPLOYMENT} every {@code *.jar} and {@code *.zip} in the plugins directory is
 * a plugin; in {@link Mode#DEVELOPMENT} every sub-folder with a {@code plugin.properties} is one,
 * with its classes in {@code target/classes} and dependencies in {@code target/lib}. Projects on
 * the host's own classpath (for example in a plugin's tests) are found too. A plugin that cannot
 * be read, needs another platform version, or fails to start is listed with its reason; the
 * others carry on.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.start(Path.of("plugins"), PluginHost.Mode.DEPLOYMENT)) {
 *     host.statuses().forEach(System.out::println);
 *     LstmProject<?, ?> stock = host.project("stock-forecast");
 * }
 * }</pre>
 */
public final class PluginHost implements AutoCloseable {

    /** Where plugins come from. */
    public enum Mode {
        /** Packaged plugin jars or zips. */
        DEPLOYMENT,
        /** Maven module folders of a source checkout. */
        DEVELOPMENT
    }

    private final Manager manager;
    private final Map<String, LstmProject<?, ?>> projects = new LinkedHashMap<>();
    private final List<PluginStatus> statuses = new ArrayList<>();

    private PluginHost(Manager manager) {
        this.manager = manager;
    }

    /**
     * Loads and starts every plugin of a directory.
     *
     * @param pluginsDir the directory; may be missing, then only classpath projects are found
     * @param mode deployment (jars) or development (module folders)
     * @return the started host
     */
    public static PluginHost start(Path pluginsDir, Mode mode) {
        // PF4J reads each plugin's extensions.idx through a jar: URL. With URL caching on, the JDK
        // hands every reader of one jar the same cached JarFile, so one host closing its plugins
        // may close it under another host of the same JVM: the likely cause of a "zip file
        // closed" seen once in the CLI tests, which start and close many hosts (not reproduced
        // since). Without the cache, each reader opens and closes its own.
        java.net.URLConnection.setDefaultUseCaches("jar", false);
        Manager m = new Manager(pluginsDir == null ? List.of() : List.of(pluginsDir), mode);
        PluginHost host = new PluginHost(m);
        host.load();
        return host;
    }

    /**
     * Guesses the mode of a directory: development if it holds Maven modules with a
     * {@code plugin.properties}, deployment otherwise.
     *
     * @param pluginsDir the directory
     * @return the mode
     */
    public static Mode detectMode(Path pluginsDir) {
        if (pluginsDir != null && Files.isDirectory(pluginsDir)) {
            try (var children = Files.list(pluginsDir)) {
                boolean modules = children.anyMatch(d -> Files.isRegularFile(d.resolve("plugin.properties"))
                        && Files.isRegularFile(d.resolve("pom.xml")));
                if (modules) {
                    return Mode.DEVELOPMENT;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Mode.DEPLOYMENT;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void load() {
        manager.loadPlugins();
        for (PluginWrapper w : manager.getPlugins()) {
            String missing = missingPluginClass(w);
            if (missing != null) {
                w.setPluginState(PluginState.FAILED);
                w.setFailedException(new IllegalStateException(missing));
            } else if (w.getPluginState() != PluginState.DISABLED) {
                try {
                    manager.startPlugin(w.getPluginId());
                } catch (RuntimeException e) {
                    w.setPluginState(PluginState.FAILED);
                    w.setFailedException(e);
                }
            }
        }
        for (PluginWrapper w : manager.getPlugins()) {
            PluginDescriptor d = w.getDescriptor();
            String reason = reasonOf(w);
            List<String> ids = new ArrayList<>();
            if (reason == null) {
                try {
                    List<LstmProject> found = manager.getExtensions(LstmProject.class, w.getPluginId());
                    if (found.isEmpty()) {
                        reason = "the plugin provides no LstmProject extension (is it annotated with "
                                + "@Extension and was META-INF/extensions.idx generated?)";
                    }
                    for (LstmProject p : found) {
                        reason = register(p, ids, reason);
                    }
                } catch (RuntimeException | LinkageError e) {
                    reason = "its projects could not be created: " + Messages.describe(e);
                }
            }
            statuses.add(new PluginStatus(
                    w.getPluginId(),
                    d.getVersion(),
                    d.getPluginDescription(),
                    reason == null
                            ? w.getPluginState().toString()
                            : (w.getPluginState() == PluginState.DISABLED ? "DISABLED" : "FAILED"),
                    w.getPluginPath().toString(),
                    reason,
                    ids));
        }
        for (Manager.Failure f : manager.failures) {
            statuses.add(new PluginStatus(
                    f.path.getFileName().toString(), "?", "", "FAILED", f.path.toString(), f.reason, List.of()));
        }
        // Projects compiled into the host's own classpath (plugin tests, embedded use).
        List<String> classpathIds = new ArrayList<>();
        String reason = null;
        for (LstmProject p : (List<LstmProject>) (List) manager.getExtensions(LstmProject.class, (String) null)) {
            reason = register(p, classpathIds, reason);
        }
        if (!classpathIds.isEmpty() || reason != null) {
            statuses.add(new PluginStatus(
                    "classpath",
                    RuntimeInfo.platformVersion(),
                    "projects on the host classpath",
                    reason == null ? "STARTED" : "FAILED",
                    "classpath",
                    reason,
                    classpathIds));
        }
    }

    private String register(LstmProject<?, ?> p, List<String> ids, String reason) {
        String id = p.info().id();
        if (projects.containsKey(id)) {
            return (reason == null ? "" : reason + "; ") + "project id '" + id
                    + "' is already provided by another plugin";
        }
        projects.put(id, p);
        ids.add(id);
        return reason;
    }

    private String reasonOf(PluginWrapper w) {
        PluginState s = w.getPluginState();
        if (s == PluginState.STARTED) {
            return null;
        }
        if (s == PluginState.DISABLED) {
            String requires = w.getDescriptor().getRequires();
            return "needs platform version " + requires + " but this is " + manager.getSystemVersion();
        }
        Throwable t = w.getFailedException();
        return t == null ? "state " + s : t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** PF4J only logs a missing Plugin-Class and then fails with a NullPointerException. */
    private static String missingPluginClass(PluginWrapper w) {
        String cls = w.getDescriptor().getPluginClass();
        if (cls == null || cls.isBlank() || w.getPluginState() == PluginState.DISABLED) {
            return null;
        }
        try {
            Class.forName(cls, false, w.getPluginClassLoader());
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "plugin class " + cls + " (Plugin-Class) cannot be loaded from " + w.getPluginPath() + ": "
                    + Messages.describe(e);
        }
    }

    /**
     * Returns what happened to each plugin, loaded or not.
     *
     * @return the statuses, in load order
     */
    public List<PluginStatus> statuses() {
        return List.copyOf(statuses);
    }

    /**
     * Returns every usable project, keyed by id.
     *
     * @return id to project
     */
    public Map<String, LstmProject<?, ?>> projects() {
        return java.util.Collections.unmodifiableMap(projects);
    }

    /**
     * Returns a project by id.
     *
     * @param id the project id
     * @return the project
     * @throws LstmForgeException naming the known ids if there is no such project
     */
    public LstmProject<?, ?> project(String id) {
        return find(id).orElseThrow(() -> new LstmForgeException("no plugin provides project '" + id
                + "'; installed: " + (projects.isEmpty() ? "none" : String.join(", ", projects.keySet()))
                + describeFailures()));
    }

    /**
     * Looks a project up by id.
     *
     * @param id the project id
     * @return the project, if installed
     */
    public Optional<LstmProject<?, ?>> find(String id) {
        return Optional.ofNullable(projects.get(id));
    }

    private String describeFailures() {
        String failed = statuses.stream()
                .filter(s -> !s.usable())
                .map(s -> s.id() + " (" + s.reason() + ")")
                .collect(Collectors.joining("; "));
        return failed.isEmpty() ? "" : "; failed plugins: " + failed;
    }

    /** Unloads every plugin and closes their class loaders. */
    @Override
    public void close() {
        // stopPlugins() throws ConcurrentModificationException in PF4J 3.15 (pf4j#656).
        manager.unloadPlugins();
    }

    /** PF4J's manager with our class loader, mode and failure bookkeeping. */
    private static final class Manager extends DefaultPluginManager {

        private record Failure(Path path, String reason) {}

        private final Mode mode;
        private final List<Failure> failures = new ArrayList<>();

        Manager(List<Path> roots, Mode mode) {
            super(roots);
            this.mode = mode;
            setSystemVersion(RuntimeInfo.platformVersion());
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            // Called by the superclass constructor before 'mode' is set.
            return mode == Mode.DEVELOPMENT ? RuntimeMode.DEVELOPMENT : RuntimeMode.DEPLOYMENT;
        }

        // PF4J's own factories evaluate the mode once, inside the superclass constructor, before
        // 'mode' is set; these decide per call instead.
        @Override
        protected PluginRepository createPluginRepository() {
            List<Path> roots = getPluginsRoots();
            DevelopmentPluginRepository modules = new DevelopmentPluginRepository(roots);
            // Only module folders that declare a plugin (not target/, not unrelated folders).
            modules.setFilter(
                    f -> f.isDirectory() && !f.isHidden() && new java.io.File(f, "plugin.properties").isFile());
            PluginRepository packaged = new CompoundPluginRepository()
                    .add(new JarPluginRepository(roots))
                    .add(new DefaultPluginRepository(roots));
            return new PluginRepository() {
                @Override
                public List<Path> getPluginPaths() {
                    return (isDevelopment() ? modules : packaged).getPluginPaths();
                }

                @Override
                public boolean deletePluginPath(Path pluginPath) {
                    return (isDevelopment() ? modules : packaged).deletePluginPath(pluginPath);
                }
            };
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new CompoundPluginLoader()
                    .add(new DevelopmentPluginLoader(this) {
                        @Override
                        public boolean isApplicable(Path p) {
                            return isDevelopment() && super.isApplicable(p);
                        }

                        @Override
                        protected PluginClassLoader createPluginClassLoader(Path p, PluginDescriptor d) {
                            return new HostFirstPluginClassLoader(
                                    pluginManager, d, getClass().getClassLoader());
                        }
                    })
                    .add(new JarPluginLoader(this) {
                        @Override
                        public boolean isApplicable(Path p) {
                            return !isDevelopment() && super.isApplicable(p);
                        }

                        @Override
                        protected PluginClassLoader createPluginClassLoader(Path p, PluginDescriptor d) {
                            return new HostFirstPluginClassLoader(
                                    pluginManager, d, getClass().getClassLoader());
                        }
                    })
                    .add(new DefaultPluginLoader(this) {
                        @Override
                        public boolean isApplicable(Path p) {
                            return !isDevelopment() && super.isApplicable(p);
                        }

                        @Override
                        protected PluginClassLoader createPluginClassLoader(Path p, PluginDescriptor d) {
                            return new HostFirstPluginClassLoader(
                                    pluginManager, d, getClass().getClassLoader());
                        }
                    });
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            try {
                PluginWrapper w = super.loadPluginFromPath(pluginPath);
                if (w == null) {
                    failures.add(new Failure(pluginPath, "not a readable plugin archive"));
                }
                return w;
            } catch (RuntimeException | LinkageError e) {
                // PF4J only catches its own exception type; anything else would stop the host.
                failures.add(new Failure(pluginPath, String.valueOf(e.getMessage() == null ? e : e.getMessage())));
                return null;
            }
        }
    }
}
