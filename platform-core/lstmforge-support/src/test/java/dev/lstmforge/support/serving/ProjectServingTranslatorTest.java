package dev.lstmforge.support.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lstmforge.support.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectServingTranslatorTest {

    /** The state a model directory holds for the echo translator. */
    public static final class EchoState {
        double offset;
    }

    /** Sums two numbers with a linear layer of weights 1 and adds the state's offset. */
    public static final class EchoTranslator extends ProjectServingTranslator<EchoState> {

        public EchoTranslator() {
            super(EchoState.class, "echo");
        }

        @Override
        protected NDList encode(TranslatorContext ctx, String body, Input input) {
            String[] parts = body.split(",");
            if (parts.length != 2) {
                throw new DataException("want two numbers 'a,b', got '" + body + "'");
            }
            ctx.setAttachment("body", body);
            float[] x = {Float.parseFloat(parts[0]), Float.parseFloat(parts[1])};
            return new NDList(ctx.getNDManager().create(x));
        }

        @Override
        protected JsonElement decode(TranslatorContext ctx, NDList output) {
            JsonObject o = new JsonObject();
            o.addProperty("body", (String) ctx.getAttachment("body"));
            o.addProperty("sum", output.head().getFloat(0) + state().offset);
            return o;
        }
    }

    private static Block sumBlock() {
        Linear l = Linear.builder().setUnits(1).optBias(false).build();
        l.setInitializer(new ConstantInitializer(1f), ai.djl.nn.Parameter.Type.WEIGHT);
        return l;
    }

    private static Path savedModel(Path dir) throws Exception {
        try (Model model = Model.newInstance("echo", Device.cpu(), "PyTorch")) {
            model.setBlock(sumBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            model.save(dir, "echo");
        }
        Files.writeString(dir.resolve("state.json"), "{\"offset\": 0.5}");
        Files.writeString(dir.resolve("hyperparameters.json"), "{}");
        return dir;
    }

    private static Input input(String body) {
        Input in = new Input();
        in.add(body);
        return in;
    }

    private static JsonObject json(Output out) {
        return JsonUtils.GSON.fromJson(out.getData().getAsString(), JsonObject.class);
    }

    @Test
    void aBatchGivesEachRequestItsOwnAttachmentsAndOutput(@TempDir Path dir) throws Exception {
        savedModel(dir);
        try (Model model = Model.newInstance("echo", Device.cpu(), "PyTorch")) {
            model.setBlock(sumBlock());
            model.load(dir, "echo");
            try (Predictor<Input, Output> p = model.newPredictor(new EchoTranslator())) {
                List<Input> batch = new ArrayList<>();
                for (String body : List.of("1,2", "10,20", "100,200")) {
                    batch.add(input(body));
                }
                List<Output> outs = p.batchPredict(batch);
                assertThat(outs).hasSize(3);
                assertThat(json(outs.get(0)).get("body").getAsString()).isEqualTo("1,2");
                assertThat(json(outs.get(0)).get("sum").getAsDouble()).isEqualTo(3.5);
                assertThat(json(outs.get(1)).get("body").getAsString()).isEqualTo("10,20");
                assertThat(json(outs.get(1)).get("sum").getAsDouble()).isEqualTo(30.5);
                assertThat(json(outs.get(2)).get("body").getAsString()).isEqualTo("100,200");
                assertThat(json(outs.get(2)).get("sum").getAsDouble()).isEqualTo(300.5);
                assertThat(json(p.predict(input("4,5"))).get("sum").getAsDouble())
                        .isEqualTo(9.5);
                assertThat(outs.get(0).getProperty("Content-Type", null)).isEqualTo("application/json");
            }
        }
    }

    /** The sum block behind a layer that records the shape of every forward call. */
    private static Block recording(List<Shape> calls) {
        return new SequentialBlock()
                .add(new LambdaBlock(x -> {
                    calls.add(x.head().getShape());
                    return x;
                }))
                .add(sumBlock());
    }

    @Test
    void aBatchOfNRequestsIsOneForwardPassWithBatchN(@TempDir Path dir) throws Exception {
        List<Shape> calls = new ArrayList<>();
        try (Model model = Model.newInstance("echo", Device.cpu(), "PyTorch")) {
            model.setBlock(recording(calls));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            model.save(dir, "echo");
        }
        Files.writeString(dir.resolve("state.json"), "{\"offset\": 0.5}");
        Files.writeString(dir.resolve("hyperparameters.json"), "{}");
        calls.clear();
        try (Model model = Model.newInstance("echo", Device.cpu(), "PyTorch")) {
            model.setBlock(recording(calls));
            model.load(dir, "echo");
            try (Predictor<Input, Output> p = model.newPredictor(new EchoTranslator())) {
                List<Input> batch = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    batch.add(input(i + "," + i));
                }
                List<Output> outs = p.batchPredict(batch);
                // one forward pass saw all eight requests stacked: N requests cost one call, not N
                assertThat(calls).containsExactly(new Shape(8, 2));
                for (int i = 0; i < 8; i++) {
                    assertThat(json(outs.get(i)).get("sum").getAsDouble()).isEqualTo(2 * i + 0.5);
                }
            }
        }
    }

    @Test
    void badRequestsNameTheProblemAndLeaveNothingPending(@TempDir Path dir) throws Exception {
        savedModel(dir);
        try (Model model = Model.newInstance("echo", Device.cpu(), "PyTorch")) {
            model.setBlock(sumBlock());
            model.load(dir, "echo");
            try (Predictor<Input, Output> p = model.newPredictor(new EchoTranslator())) {
                assertThatThrownBy(() -> p.predict(input("1;2")))
                        .isInstanceOf(TranslateException.class)
                        .hasMessageContaining("bad echo request: want two numbers 'a,b', got '1;2'");
                assertThatThrownBy(() -> p.predict(input("1,x")))
                        .isInstanceOf(TranslateException.class)
                        .hasMessageContaining("bad echo request:");
                assertThat(json(p.predict(input("2,2"))).get("body").getAsString())
                        .isEqualTo("2,2");
            }
        }
    }
}
