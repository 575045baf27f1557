package dev.lstmforge.examples;

import dev.lstmforge.runtime.LoadedModel;
import dev.lstmforge.runtime.LstmForge;
import dev.lstmforge.runtime.TrainResult;
import dev.lstmforge.runtime.plugin.PluginStatus;
import java.nio.file.Path;
import java.util.Map;

/**
 * Uses LSTM Forge from a Java application: list the installed plugins, train the stock model,
 * load the saved version and ask it for a five-day forecast.
 *
 * <pre>
 * java -cp "platform-core/lstmforge-cli/target/lstmforge/lib/*:examples/target/classes" \
 *      dev.lstmforge.examples.EmbeddedForecast platform-core/lstmforge-cli/target/lstmforge/plugins models
 * </pre>
 */
public final class EmbeddedForecast {

    private EmbeddedForecast() {}

    /**
     * Runs the example.
     *
     * @param args plugins directory, model store directory, and optionally the number of epochs
     * @throws InterruptedException if training is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Path plugins = Path.of(args.length > 0 ? args[0] : "plugins");
        Path models = Path.of(args.length > 1 ? args[1] : "models");
        String epochs = args.length > 2 ? args[2] : "10";

        try (LstmForge forge = LstmForge.builder()
                .pluginsDir(plugins)
                .modelsDir(models)
                .engine("pytorch-cpu")
                .seed(42)
                .build()) {
            for (PluginStatus p : forge.plugins()) {
                System.out.println(p.id() + " " + p.version() + " " + p.state() + " " + p.projects());
            }

            TrainResult trained = forge.train("stock-forecast", null, Map.of("epochs", epochs));
            System.out.println("saved " + trained.version().ref());
            System.out.println(trained.evaluation().summary());

            try (LoadedModel model = forge.load(trained.version().ref())) {
                System.out.println(model.predict("", Map.of("horizon", "5")));
            }
        }
    }
}
