package dev.lstmforge.runtime.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin class loader that always takes DJL, Gson (DJL's JSON library), SLF4J and the LSTM
 * Forge SPI from the host. A plugin that bundles its own copy of any of them would otherwise see
 * two different {@code ai.djl.nn.Block} classes and fail with a {@code LinkageError}.
 */
final class HostFirstPluginClassLoader extends PluginClassLoader {

    private static final String[] HOST_PACKAGES = {"ai.djl.", "org.slf4j.", "com.google.gson.", "dev.lstmforge.spi."};

    HostFirstPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        if (super.shouldDelegateToParent(className)) {
            return true;
        }
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
