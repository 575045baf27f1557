import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;

import java.nio.file.Paths;

/**
 * Loads an exported model the way DJL Serving does (plain Criteria, Input to Output) in a JVM
 * whose classpath holds DJL and its engines only. Arguments: model dir, engine, request body
 * (or @FILE for a binary body read from a file).
 */
public class ServingProbe {
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("dev.lstmforge.spi.LstmProject");
            System.out.println("LSTM Forge classes are on the application classpath");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // good: only the model directory can provide them
        }
        Criteria<Input, Output> criteria = Criteria.builder()
                .setTypes(Input.class, Output.class)
                .optModelPath(Paths.get(args[0]))
                .optEngine(args[1])
                .build();
        try (ZooModel<Input, Output> model = criteria.loadModel();
                Predictor<Input, Output> predictor = model.newPredictor()) {
            Input in = new Input();
            String body = args.length > 2 ? args[2] : "";
            if (body.startsWith("@")) {
                in.add("data", java.nio.file.Files.readAllBytes(Paths.get(body.substring(1))));
            } else {
                in.add("data", body);
            }
            in.addProperty("horizon", "3");
            Output out = predictor.predict(in);
            System.out.println("code=" + out.getCode());
            System.out.println(out.getData().getAsString());
        }
    }
}
