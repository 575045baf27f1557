package dev.lstmforge.runtime.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A named choice of DJL engine and device, with its thread settings, read from a small
 * properties file.
 *
 * <pre>
 * # engines-config/pytorch-cpu.properties
 * engine=PyTorch
 * device=cpu
 * threads=0            # training: intra-op threads, 0 = one per core
 * inferenceThreads=1   # each thread that predicts: intra-op threads
 * interopThreads=1
 * </pre>
 *
 * <p>Training and prediction want different thread counts: a training step is large enough to
 * share among cores, a one-window forward pass is not, and its extra threads only wake, spin
 * and lengthen the tail (measured figures in {@code engines-config/README.md}). PyTorch keeps
 * the count per calling thread, so {@link EngineThreads} applies {@code threads} where training
 * runs and {@code inferenceThreads} where predictions run, in the same process. MXNet's threads
 * are fixed when its library loads; {@code mxnetEngineType=NaiveEngine} runs its operators on
 * the calling thread instead of its worker threads.
 *
 * @param name the profile name, e.g. {@code pytorch-cpu}
 * @param description one line for humans
 * @param engine the DJL engine name: {@code PyTorch} or {@code MXNet}
 * @param gpu whether the profile asks for a GPU
 * @param deviceId the GPU index (ignored for CPU)
 * @param threads intra-op threads for training, 0 for the engine's default (one per core)
 * @param inferenceThreads intra-op threads for predictions, 0 for the engine's default
 * @param interopThreads PyTorch's inter-op threads, 0 for the engine's default
 * @param mxnetEngineType MXNet's {@code MXNET_ENGINE_TYPE}, empty for MXNet's default
 * @param fallbackToCpu whether a GPU profile may run on the CPU when no GPU is visible
 * @param source where the profile was read from, for messages
 */
public record EngineProfile(
        String name,
        String description,
        String engine,
        boolean gpu,
        int deviceId,
        int threads,
        int inferenceThreads,
        int interopThreads,
        String mxnetEngineType,
        boolean fallbackToCpu,
        String source) {

    private static final Set<String> KEYS = Set.of(
            "description",
            "engine",
            "device",
            "deviceId",
            "threads",
            "inferenceThreads",
            "interopThreads",
            "mxnetEngineType",
            "fallbackToCpu");

    private static final Set<String> MXNET_ENGINE_TYPES =
            Set.of("NaiveEngine", "ThreadedEngine", "ThreadedEnginePerDevice", "ThreadedEnginePooled");

    /**
     * Reads a profile file; its name is the file name without extension.
     *
     * @param file the properties file
     * @return the profile
     * @throws LstmForgeException if the file is missing or a value is invalid
     */
    public static EngineProfile read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".properties")
                ? fileName.substring(0, fileName.length() - ".properties".length())
                : fileName;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(r);
            return parse(name, p, file.toString());
        } catch (NoSuchFileException e) {
            throw new LstmForgeException("engine config file not found: " + file);
        } catch (IOException e) {
            throw new LstmForgeException("cannot read engine config " + file + ": " + Messages.describe(e));
        }
    }

    static EngineProfile read(String name, InputStream in, String source) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        return parse(name, p, source);
    }

    private static EngineProfile parse(String name, Properties p, String source) {
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new LstmForgeException(
                        source + ": unknown key '" + key + "'; allowed keys: " + String.join(", ", KEYS));
            }
        }
        String engine = p.getProperty("engine", "").trim();
        String canonical = switch (engine.toLowerCase(Locale.ROOT)) {
            case "pytorch" -> "PyTorch";
            case "mxnet" -> "MXNet";
            default ->
                throw new LstmForgeException(
                        source + ": engine '" + engine + "' is not supported; use PyTorch or MXNet");
        };
        String device = p.getProperty("device", "cpu").trim().toLowerCase(Locale.ROOT);
        if (!device.equals("cpu") && !device.equals("gpu")) {
            throw new LstmForgeException(source + ": device '" + device + "' must be cpu or gpu");
        }
        String mxnetEngineType = p.getProperty("mxnetEngineType", "").trim();
        if (!mxnetEngineType.isEmpty()) {
            if (!canonical.equals("MXNet")) {
                throw new LstmForgeException(source + ": mxnetEngineType is for the MXNet engine, not " + canonical);
            }
            if (!MXNET_ENGINE_TYPES.contains(mxnetEngineType)) {
                throw new LstmForgeException(source + ": mxnetEngineType '" + mxnetEngineType + "' must be one of "
                        + String.join(", ", new java.util.TreeSet<>(MXNET_ENGINE_TYPES)));
            }
        }
        return new EngineProfile(
                name,
                p.getProperty("description", name).trim(),
                canonical,
                device.equals("gpu"),
                intValue(p, "deviceId", 0, source),
                intValue(p, "threads", 0, source),
                intValue(p, "inferenceThreads", 0, source),
                intValue(p, "interopThreads", 0, source),
                mxnetEngineType,
                boolValue(p, "fallbackToCpu", source),
                source);
    }

    private static int intValue(Properties p, String key, int dflt, String source) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new LstmForgeException(source + ": " + key + " must be a non-negative integer, got '" + v + "'");
        }
    }

    private static boolean boolValue(Properties p, String key, String source) {
        String v = p.getProperty(key, "false").trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new LstmForgeException(source + ": " + key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /**
     * Returns this profile with other intra-op thread counts, for a host that runs several
     * engine users side by side (tasks of a Spark executor, one thread each, so they do not
     * oversubscribe the cores).
     *
     * <pre>{@code
     * EngineProfile perTask = profiles.byName("pytorch-cpu").withThreads(1, 1);
     * }</pre>
     *
     * @param training intra-op threads for training, 0 for one per core
     * @param inference intra-op threads for predictions, 0 for one per core
     * @return the changed profile
     */
    public EngineProfile withThreads(int training, int inference) {
        if (training < 0 || inference < 0) {
            throw new IllegalArgumentException("thread counts must be 0 or more: " + training + ", " + inference);
        }
        return new EngineProfile(
                name,
                description,
                engine,
                gpu,
                deviceId,
                training,
                inference,
                interopThreads,
                mxnetEngineType,
                fallbackToCpu,
                source + " (threads " + training + ", inferenceThreads " + inference + ")");
    }

    /**
     * Loads the engine and picks the device. Settings that an engine reads when it loads
     * (PyTorch's inter-op threads, MXNet's engine type) take effect only if this is the
     * engine's first use in this JVM, and an environment variable the user set ({@code
     * MXNET_ENGINE_TYPE}, {@code OMP_NUM_THREADS}) wins over the profile. A GPU profile without
     * a visible GPU fails unless it allows falling back to the CPU.
     *
     * @param warnings receives a line when the profile falls back to the CPU
     * @return the engine and device to use
     * @throws LstmForgeException if the engine is missing or no GPU is visible
     */
    public ResolvedEngine resolve(java.util.function.Consumer<String> warnings) {
        EngineThreads.configure(this);
        // DJL code that asks for "the" engine (the Trainer does) gets the default engine, MXNet
        // when both are on the classpath: a PyTorch run would then load MXNet's natives as well
        // (47 MB of resident library and its thread pools, measured at the peak of a stock
        // training). The profile's engine is the default from here on.
        System.setProperty("ai.djl.default_engine", engine);
        Engine e;
        try {
            if (!Engine.hasEngine(engine)) {
                throw new LstmForgeException("engine profile '" + name + "' needs engine " + engine
                        + ", which is not on the classpath; available: " + Engine.getAllEngines());
            }
            e = Engine.getEngine(engine);
        } catch (LstmForgeException ex) {
            throw ex;
        } catch (RuntimeException | UnsatisfiedLinkError ex) {
            throw new LstmForgeException(
                    "engine profile '" + name + "': " + engine + " failed to load: " + ex.getMessage(), ex);
        }
        Device device;
        if (gpu) {
            int gpus = e.getGpuCount();
            if (gpus > deviceId) {
                device = Device.gpu(deviceId);
            } else if (fallbackToCpu) {
                warnings.accept("engine profile '" + name + "' asked for GPU " + deviceId + " but " + engine + " sees "
                        + gpus + " GPU(s); falling back to the CPU");
                device = Device.cpu();
            } else {
                throw new LstmForgeException("engine profile '" + name + "' asks for GPU " + deviceId + " but " + engine
                        + " sees " + gpus + " GPU(s) on this machine; use --engine "
                        + engine.toLowerCase(Locale.ROOT) + "-cpu, or set fallbackToCpu=true in "
                        + source);
            }
        } else {
            device = Device.cpu();
        }
        return new ResolvedEngine(this, e.getEngineName(), e.getVersion(), device);
    }
}
