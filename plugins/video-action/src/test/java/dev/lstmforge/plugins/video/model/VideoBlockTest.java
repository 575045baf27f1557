package dev.lstmforge.plugins.video.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.lstmforge.support.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoBlockTest {

    private static NDList clips(NDManager m, int batch, int time, int size, int[] lengths) {
        NDArray x = m.randomUniform(0f, 1f, new Shape(batch, time, 3, size, size));
        return new NDList(x, m.create(lengths));
    }

    @Test
    void framesAndCachedFeaturesGiveTheSameAnswer() {
        try (Model model = Model.newInstance("video", "PyTorch")) {
            VideoBlock block = new VideoBlock(FrameBackbones.small(32, 32), Heads.lstm(16, 1, 0, 5), false);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3, 32, 32), new Shape(1));
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = clips(m, 3, 4, 32, new int[] {4, 2, 3});
            NDArray logits = block.forward(ps, in, false).head();
            assertThat(logits.getShape()).isEqualTo(new Shape(3, 5));
            NDArray features = block.frameFeatures(ps, in.get(0), false);
            assertThat(features.getShape()).isEqualTo(new Shape(3, 4, FrameBackbones.SMALL_FEATURES));
            float[] viaFeatures = block.forward(ps, new NDList(features, in.get(1)), false)
                    .head()
                    .toFloatArray();
            float[] viaFrames = logits.toFloatArray();
            for (int i = 0; i < viaFrames.length; i++) {
                assertThat(viaFeatures[i]).isCloseTo(viaFrames[i], within(1e-5f));
            }
            assertThat(block.getOutputShapes(new Shape[] {new Shape(7, 4, 3, 32, 32), new Shape(7)})[0])
                    .isEqualTo(new Shape(7, 5));
        }
    }

    @Test
    void theFrameAverageBaselineIgnoresFrameOrder() {
        try (Model model = Model.newInstance("video", "PyTorch")) {
            VideoBlock block = new VideoBlock(FrameBackbones.small(16, 16), Heads.frameAverage(0, 4), false);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 3, 16, 16), new Shape(1));
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = clips(m, 1, 3, 16, new int[] {3});
            NDArray reversed = in.get(0).flip(1);
            float[] a = block.forward(ps, in, false).head().toFloatArray();
            float[] b = block.forward(ps, new NDList(reversed, in.get(1)), false)
                    .head()
                    .toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-5f));
            }
            // while the LSTM head does see the order
            VideoBlock temporal = new VideoBlock(FrameBackbones.small(16, 16), Heads.lstm(8, 1, 0, 4), false);
            temporal.initialize(m, DataType.FLOAT32, new Shape(1, 3, 3, 16, 16), new Shape(1));
            float[] c = temporal.forward(ps, in, false).head().toFloatArray();
            float[] d = temporal.forward(ps, new NDList(reversed, in.get(1)), false)
                    .head()
                    .toFloatArray();
            double diff = 0;
            for (int i = 0; i < c.length; i++) {
                diff += Math.abs(c[i] - d[i]);
            }
            assertThat(diff).isGreaterThan(1e-6);
        }
    }

    @Test
    void motionChannelsShowTheBackboneWhatChangedBetweenFrames() {
        try (Model model = Model.newInstance("video", "PyTorch")) {
            VideoBlock block = new VideoBlock(FrameBackbones.small(16, 16), Heads.frameAverage(0, 3), false, true);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3, 16, 16), new Shape(1));
            // the first convolution was built for 3 colours + 3 differences
            assertThat(firstConv(block.backbone()).getArray().getShape().get(1)).isEqualTo(6);
            ParameterStore ps = new ParameterStore(m, false);
            // a still clip and the same frames with one of them changed: the frame average of a
            // motion block differs, and a still clip has zero motion channels
            NDArray still = m.randomUniform(0f, 1f, new Shape(1, 1, 3, 16, 16)).repeat(1, 4);
            NDArray moved = still.duplicate();
            moved.set(new ai.djl.ndarray.index.NDIndex("0, 2"), m.randomUniform(0f, 1f, new Shape(3, 16, 16)));
            NDArray lengths = m.create(new int[] {4});
            float[] a =
                    block.forward(ps, new NDList(still, lengths), false).head().toFloatArray();
            float[] b =
                    block.forward(ps, new NDList(moved, lengths), false).head().toFloatArray();
            assertThat(a).isNotEqualTo(b);
        }
    }

    @Test
    void resnetWeightsAreReadFromALocalDjlFile(@TempDir Path dir) throws Exception {
        Shape one = new Shape(1, 3, 32, 32);
        float[] savedFirstConv;
        try (Model saved = Model.newInstance("tiny-resnet", "PyTorch")) {
            SequentialBlock net = ResNetV1.builder()
                    .setImageShape(new Shape(3, 32, 32))
                    .setNumLayers(18)
                    .setOutSize(10)
                    .build();
            saved.setBlock(net);
            net.initialize(saved.getNDManager(), DataType.FLOAT32, one);
            savedFirstConv = firstConv(net).getArray().toFloatArray();
            saved.save(dir, "tiny-resnet");
        }
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".params"))
                    .findFirst()
                    .orElseThrow();
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Block loaded = FrameBackbones.resnet(18, 32, 32, 10, file);
            loaded.initialize(m, DataType.FLOAT32, one);
            assertThat(firstConv(loaded).getArray().toFloatArray()).containsExactly(savedFirstConv);
            assertThat(loaded.getOutputShapes(new Shape[] {one})[0]).isEqualTo(new Shape(1, 512));

            Block random = FrameBackbones.resnet(18, 32, 32, 10, null);
            random.initialize(m, DataType.FLOAT32, one);
            assertThat(firstConv(random).getArray().toFloatArray()).isNotEqualTo(savedFirstConv);
        }
    }

    @Test
    void aMissingOrForeignWeightsFileIsADataError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FrameBackbones.resnet(18, 32, 32, 10, dir.resolve("none-0000.params")))
                .isInstanceOf(DataException.class)
                .hasMessageEndingWith("none-0000.params: backbone weights file not found");
        Path junk = Files.writeString(dir.resolve("junk-0000.params"), "not parameters");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Block b = FrameBackbones.resnet(18, 32, 32, 10, junk);
            assertThatThrownBy(() -> b.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32)))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("junk-0000.params: not a DJL parameter file");
        }
    }

    private static Parameter firstConv(Block b) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().getArray().getShape().dimension() == 4) {
                return p.getValue();
            }
        }
        throw new AssertionError("no convolution weight in " + b);
    }
}
