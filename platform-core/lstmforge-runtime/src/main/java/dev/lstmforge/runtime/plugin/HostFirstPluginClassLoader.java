package dev.lstmforge.runtime.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin class loader that always takes DJL, Gson (DJL's JSON library), SLF4J and the LSTM
 * Forge SPI from the host. A plugin that bundles its own copy of any of them would otherwise see
 * two different {@code ai.djl.nn.Block} classes and fail with a {@code LinkageError}. DJL extension
 * modules that the host does not ship (DJL's audio module, {@code ai.djl.audio}) stay with the
 * plugin that bundles them.
 */
final class HostFirstPluginClassLoader extends PluginClassLoader {

    private static final String[] HOST_PACKAGES = {"ai.djl.", "org.slf4j.", "com.google.gson.", "dev.lstmforge.spi."};

    /** DJL extensions a plugin bundles itself: the host ships DJL's api and engines only. */
    private static final String[] PLUGIN_PACKAGES = {"ai.djl.audio."};

    HostFirstPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        if (super.shouldDelegateToParent(className)) {
            return true;
        }
        for (String prefix : PLUGIN_PACKAGES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
