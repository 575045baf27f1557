package dev.lstmforge.testkit;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import java.nio.file.Path;

/** The host the test kit's contracts run: the projects on the test class path, no config file, seed 7. */
final class ClasspathForge {

    private ClasspathForge() {}

    /**
     * Opens the API on the test class path's projects.
     *
     * @param engine the engine profile
     * @param models the model store
     * @return the API; close it
     */
    static LstmForge open(String engine, Path models) {
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(models.resolve("no-plugins"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(models)
                .engine(engine)
                .seed(7)
                .build();
    }
}
