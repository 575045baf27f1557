package dev.lstmforge.runtime.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EWC penalty's definition, the Fisher estimate, and the saved anchor, on both engines. */
class EwcTest {

    @TempDir
    Path tmp;

    private static Model linear(String engine) {
        Model model = Model.newInstance("ewc", engine);
        Block block = Linear.builder().setUnits(1).build();
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void thePenaltyIsZeroAtTheAnchorAndGrowsWithTheFisherWeightedSquaredDistance(String engine) throws Exception {
        try (Model model = linear(engine);
                NDManager keep = model.getNDManager().newSubManager()) {
            Block block = model.getBlock();
            Map<String, NDArray> fisher = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                // weight (1, 2): Fisher 1 and 4; bias (1): Fisher 0 (an unimportant parameter)
                NDArray f = p.getKey().endsWith("weight")
                        ? keep.create(new float[] {1, 4}, new Shape(1, 2))
                        : keep.zeros(p.getValue().getArray().getShape());
                fisher.put(p.getKey(), f);
            }
            Ewc anchor = Ewc.of(fisher, block, keep);
            try (NDManager step = keep.newSubManager()) {
                assertThat(anchor.penalty(block, 10, step).getFloat()).isEqualTo(0f);
            }
            // move the weights by (0.5, -0.25) and the bias by 3: 10 * (1*0.25 + 4*0.0625 + 0*9) = 5
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                a.addi(
                        p.getKey().endsWith("weight")
                                ? keep.create(new float[] {0.5f, -0.25f}, new Shape(1, 2))
                                : keep.create(new float[] {3f}, a.getShape()));
            }
            try (NDManager step = keep.newSubManager()) {
                assertThat(anchor.penalty(block, 10, step).getFloat()).isCloseTo(5f, within(1e-5f));
                assertThat(anchor.penalty(block, 20, step).getFloat()).isCloseTo(10f, within(1e-5f));
            }
            // the anchor reads back as it was written
            anchor.write(tmp);
            Ewc back = Ewc.read(tmp, keep).orElseThrow();
            try (NDManager step = keep.newSubManager()) {
                assertThat(back.penalty(block, 10, step).getFloat()).isCloseTo(5f, within(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void theFisherIsTheMeanSquaredBatchGradient(String engine) {
        // y = w·x + b with w = b = 0 and L2 loss 0.5·mean((y - t)²): the gradient of a batch is
        // -mean(t·x) for w and -mean(t) for b, so with one batch the Fisher is their squares
        try (Model model = linear(engine);
                NDManager keep = model.getNDManager().newSubManager()) {
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                p.getValue().getArray().muli(0);
            }
            NDManager m = model.getNDManager();
            NDArray x = m.create(new float[] {1, 0, 0, 2, 3, 1, 1, 1}, new Shape(4, 2));
            NDArray t = m.create(new float[] {1, 2, 0, 1}, new Shape(4, 1));
            ArrayDataset data = new ArrayDataset.Builder()
                    .setData(x)
                    .optLabels(t)
                    .setSampling(4, false)
                    .build();
            Map<String, NDArray> f = Ewc.fisher(model, data, new Shape[] {new Shape(1, 2)}, Loss.l2Loss(), 0, keep);
            float gw0 = -(1 * 1 + 0 * 2 + 3 * 0 + 1 * 1) / 4f; // -mean(t·x0)
            float gw1 = -(0 * 1 + 2 * 2 + 1 * 0 + 1 * 1) / 4f; // -mean(t·x1)
            float gb = -(1 + 2 + 0 + 1) / 4f;
            for (Map.Entry<String, NDArray> e : f.entrySet()) {
                float[] v = e.getValue().toFloatArray();
                if (e.getKey().endsWith("weight")) {
                    assertThat(v[0]).isCloseTo(gw0 * gw0, within(1e-5f));
                    assertThat(v[1]).isCloseTo(gw1 * gw1, within(1e-5f));
                } else {
                    assertThat(v[0]).isCloseTo(gb * gb, within(1e-5f));
                }
            }
        }
    }
}
