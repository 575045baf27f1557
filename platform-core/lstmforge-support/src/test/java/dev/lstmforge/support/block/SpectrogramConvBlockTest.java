package dev.lstmforge.support.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectrogramConvBlockTest {

    private static final int BANDS = 18; // 18 -> 9 -> 4 after the two poolings

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** Runs a fresh block (3 filters) on {@code x} of shape (rows, time, BANDS) and the lengths. */
    private interface Run {
        float[] apply(float[] x, int rows, int time, int[] lengths);
    }

    private static void withBlock(java.util.function.Consumer<Run> body) {
        try (Model model = Model.newInstance("conv", "PyTorch")) {
            SpectrogramConvBlock block = new SpectrogramConvBlock(3);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, BANDS), new Shape(1));
            // biases start at 0; make them non-zero, so that a padded frame's output would not be
            // 0 without the block's mask
            block.getParameters().forEach(p -> {
                if (p.getKey().endsWith("bias")) {
                    p.getValue().getArray().addi(0.3f);
                }
            });
            ParameterStore ps = new ParameterStore(m, false);
            body.accept((x, rows, time, lengths) -> block.forward(
                            ps, new NDList(m.create(x, new Shape(rows, time, BANDS)), m.create(lengths)), false)
                    .head()
                    .toFloatArray());
        }
    }

    @Test
    void outputIsChannelsTimesAQuarterOfTheBandsPerFrameAndReachesTwoFramesEachWay() {
        int time = 9;
        withBlock(run -> {
            float[] x = gaussian(new Random(1), time * BANDS);
            float[] before = run.apply(x, 1, time, new int[] {time});
            int width = 3 * 4;
            assertThat(before).hasSize(time * width);
            // change frame 4: frames 2..6 may move (two 3-frame convolutions), the others may not
            float[] y = x.clone();
            for (int b = 0; b < BANDS; b++) {
                y[4 * BANDS + b] += 3f;
            }
            float[] after = run.apply(y, 1, time, new int[] {time});
            double moved = 0;
            for (int t = 0; t < time; t++) {
                for (int k = 0; k < width; k++) {
                    double d = Math.abs(after[t * width + k] - before[t * width + k]);
                    if (Math.abs(t - 4) <= 2) {
                        moved += d;
                    } else {
                        assertThat(d).as("frame %d", t).isZero();
                    }
                }
            }
            assertThat(moved).isGreaterThan(1e-3);
        });
    }

    @Test
    void aRowGivesTheSameFramesAloneAndInAPaddedBatch() {
        int[] lengths = {3, 7, 1};
        int time = 7;
        withBlock(run -> {
            Random r = new Random(5);
            float[] batch = new float[lengths.length * time * BANDS];
            float[][] rows = new float[lengths.length][];
            for (int i = 0; i < lengths.length; i++) {
                rows[i] = gaussian(r, lengths[i] * BANDS);
                System.arraycopy(rows[i], 0, batch, i * time * BANDS, rows[i].length);
            }
            float[] together = run.apply(batch, lengths.length, time, lengths);
            int width = 3 * 4;
            for (int i = 0; i < lengths.length; i++) {
                float[] alone = run.apply(rows[i], 1, lengths[i], new int[] {lengths[i]});
                float[] same = Arrays.copyOfRange(together, i * time * width, i * time * width + alone.length);
                for (int k = 0; k < alone.length; k++) {
                    assertThat(same[k]).as("row %d value %d", i, k).isCloseTo(alone[k], within(1e-5f));
                }
            }
            // without the mask the padding would matter: claiming every row is full length
            // changes the short row's last valid frame (so this test could fail)
            float[] unmasked = run.apply(batch, lengths.length, time, new int[] {time, time, time});
            double diff = 0;
            for (int k = 2 * width; k < 3 * width; k++) {
                diff += Math.abs(unmasked[k] - together[k]);
            }
            assertThat(diff).isGreaterThan(1e-4);
        });
    }

    @Test
    void poolingMakesAOneBandShiftLookAlike() {
        // a bump in the bands, and the same bump one band higher (one frame each): through a
        // freshly initialised front end, averaged over 10 initialisations, the two frames are
        // closer than the raw frames are
        int bands = 32;
        float[] x = new float[2 * bands];
        for (int b = 10; b < 14; b++) {
            x[b] = 1f;
            x[bands + b + 1] = 1f;
        }
        double raw = cosine(x, 0, bands, bands);
        double sum = 0;
        int tries = 10;
        for (int t = 0; t < tries; t++) {
            try (Model model = Model.newInstance("conv", "PyTorch")) {
                SpectrogramConvBlock block = new SpectrogramConvBlock(8);
                model.setBlock(block);
                NDManager m = model.getNDManager();
                block.initialize(m, DataType.FLOAT32, new Shape(2, 1, bands), new Shape(2));
                ParameterStore ps = new ParameterStore(m, false);
                // two rows of one frame each, so the frames do not see each other
                float[] out = block.forward(
                                ps, new NDList(m.create(x, new Shape(2, 1, bands)), m.create(new int[] {1, 1})), false)
                        .head()
                        .toFloatArray();
                int w = out.length / 2;
                double c = cosine(out, 0, w, w);
                sum += Double.isNaN(c) ? 0 : c;
            }
        }
        assertThat(raw).isCloseTo(0.75, within(1e-9));
        assertThat(sum / tries).isGreaterThan(raw);
    }

    private static double cosine(float[] v, int a, int b, int n) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < n; i++) {
            dot += (double) v[a + i] * v[b + i];
            na += (double) v[a + i] * v[a + i];
            nb += (double) v[b + i] * v[b + i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void refusesTooFewBandsAndNoChannels() {
        assertThatThrownBy(() -> new SpectrogramConvBlock(0)).hasMessageContaining("channels 0");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SpectrogramConvBlock block = new SpectrogramConvBlock(2);
            assertThatThrownBy(() -> block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 3), new Shape(1)))
                    .hasMessageContaining("at least 4 bands");
        }
        assertThat(new SpectrogramConvBlock(16).outputWidth(64)).isEqualTo(256);
    }
}
