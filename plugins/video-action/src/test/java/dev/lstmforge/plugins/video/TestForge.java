package dev.lstmforge.plugins.video;

import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.config.ForgeConfig;
import dev.lstmforge.runtime.plugin.PluginHost;
import java.nio.file.Path;

/** The API on the test class path's projects, PyTorch CPU, for the video tests that train and predict. */
final class TestForge {

    private TestForge() {}

    static LstmForge open(Path tmp, long seed) {
        return LstmForge.builder()
                .config(ForgeConfig.empty())
                .pluginsDir(tmp.resolve("no-plugins"))
                .pluginMode(PluginHost.Mode.DEPLOYMENT)
                .modelsDir(tmp.resolve("models"))
                .engine("pytorch-cpu")
                .seed(seed)
                .build();
    }
}
