package dev.lstmforge.plugins.video.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SpatialSoftArgmaxTest {

    /** One map per channel, zero except a block of high values around (row, col). */
    private static float[] spot(int channels, int h, int w, int[][] spots, float height) {
        float[] v = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            int row = spots[c][0];
            int col = spots[c][1];
            v[c * h * w + row * w + col] = height;
        }
        return v;
    }

    @Test
    void aSharpPeakGivesItsOwnPositionAndAFlatMapTheCentre() {
        try (Model model = Model.newInstance("kp", "PyTorch")) {
            SpatialSoftArgmax block = new SpatialSoftArgmax();
            model.setBlock(block);
            NDManager m = model.getNDManager();
            int h = 9;
            int w = 17;
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, h, w));
            // channel 0 peaks at the top-left corner, channel 1 at row 6, column 12; channel 2 is flat
            float[] maps = spot(3, h, w, new int[][] {{0, 0}, {6, 12}, {4, 8}}, 40f);
            for (int i = 2 * h * w; i < 3 * h * w; i++) {
                maps[i] = 0.5f;
            }
            NDArray x = m.create(maps, new Shape(1, 3, h, w));
            float[] out = block.forward(new ParameterStore(m, false), new NDList(x), false)
                    .head()
                    .toFloatArray();
            assertThat(out).hasSize(12);
            // expected x of the three maps, then expected y, then the peaks, then the means
            assertThat(out[0]).isCloseTo(-1f, within(1e-4f));
            assertThat(out[1]).isCloseTo(-1f + 2f * 12 / 16, within(1e-4f));
            assertThat(out[2]).isCloseTo(0f, within(1e-5f));
            assertThat(out[3]).isCloseTo(-1f, within(1e-4f));
            assertThat(out[4]).isCloseTo(-1f + 2f * 6 / 8, within(1e-4f));
            assertThat(out[5]).isCloseTo(0f, within(1e-5f));
            assertThat(out[6]).isEqualTo(40f);
            assertThat(out[8]).isEqualTo(0.5f);
            assertThat(out[9]).isCloseTo(40f / (h * w), within(1e-5f));
            assertThat(block.getOutputShapes(new Shape[] {new Shape(5, 3, h, w)})[0])
                    .isEqualTo(new Shape(5, 12));
        }
    }

    @Test
    void movingTheContentMovesTheKeypointWhileGlobalPoolingCannotTell() {
        try (Model model = Model.newInstance("kp", "PyTorch")) {
            SpatialSoftArgmax block = new SpatialSoftArgmax();
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            float[] left = spot(1, 8, 8, new int[][] {{3, 1}}, 5f);
            float[] right = spot(1, 8, 8, new int[][] {{3, 6}}, 5f);
            float[] both = new float[128];
            System.arraycopy(left, 0, both, 0, 64);
            System.arraycopy(right, 0, both, 64, 64);
            float[] out = block.forward(
                            new ParameterStore(m, false), new NDList(m.create(both, new Shape(2, 1, 8, 8))), false)
                    .head()
                    .toFloatArray();
            // same peak and mean (what global pooling sees), different x
            assertThat(out[2]).isEqualTo(out[6]);
            assertThat(out[3]).isEqualTo(out[7]);
            assertThat(out[0]).isLessThan(-0.3f);
            assertThat(out[4]).isGreaterThan(0.3f);
            assertThat(out[1]).isCloseTo(out[5], within(1e-6f));
        }
    }

    @Test
    void theSmallCnnWithKeypointsGivesFourFeaturesPerMap() {
        try (Model model = Model.newInstance("kp", "PyTorch")) {
            VideoBlock block = new VideoBlock(
                    FrameBackbones.small(32, 32, FrameBackbones.Pooling.KEYPOINTS),
                    Heads.lstm(8, 1, 0, 3),
                    false,
                    true);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3, 32, 32), new Shape(1));
            NDArray frames = m.randomUniform(0f, 1f, new Shape(2, 4, 3, 32, 32));
            NDArray f = block.frameFeatures(new ParameterStore(m, false), frames, false);
            assertThat(f.getShape()).isEqualTo(new Shape(2, 4, 4 * FrameBackbones.SMALL_FEATURES / 2));
            NDArray logits = block.forward(
                            new ParameterStore(m, false), new NDList(frames, m.create(new int[] {4, 3})), false)
                    .head();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 3));
        }
    }

    @Test
    void modelsSavedBeforeThePoolingOptionKeepGlobalPooling() {
        dev.lstmforge.plugins.video.VideoState old = new dev.lstmforge.plugins.video.VideoState();
        assertThat(old.poolingKind()).isEqualTo(FrameBackbones.Pooling.GLOBAL);
        old.pooling = "keypoints";
        assertThat(old.poolingKind()).isEqualTo(FrameBackbones.Pooling.KEYPOINTS);
    }
}
