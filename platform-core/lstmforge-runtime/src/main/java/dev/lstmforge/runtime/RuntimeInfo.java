package dev.lstmforge.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of this build, for plugin version checks and provenance. */
public final class RuntimeInfo {

    private static final Properties PROPS = new Properties();

    static {
        try (InputStream in = RuntimeInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                PROPS.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuntimeInfo() {}

    /**
     * Returns the platform version plugins are checked against.
     *
     * @return e.g. {@code 0.1.0}
     */
    public static String platformVersion() {
        return PROPS.getProperty("platform.version", "0.0.0");
    }

    /**
     * Returns the DJL version this build was made with.
     *
     * @return e.g. {@code 0.36.0}
     */
    public static String djlVersion() {
        return PROPS.getProperty("djl.version", "unknown");
    }
}
