package dev.lstmforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import dev.lstmforge.support.block.LstmBlocks;
import org.junit.jupiter.api.Test;

/**
 * The suite's bare forward pass frees what each call allocates. When it did not, every call's
 * intermediate arrays stayed attached to the input's manager until the measurement ended, and
 * the batch-64 figure measured page faults on ever new memory rather than the network.
 */
class BenchForwardScopeTest {

    @Test
    void aForwardCallLeavesNothingAttachedToTheInputsManager() {
        try (Model model = Model.newInstance("scope", "PyTorch")) {
            model.setBlock(LstmBlocks.lastStepHead(8, 2, 0, 1));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(4, 10, 1));
            try (NDManager m = model.getNDManager().newSubManager();
                    Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator(null))) {
                NDArray x = m.randomNormal(new Shape(4, 10, 1));
                int before = ((BaseNDManager) m).getManagedArrays().size();
                for (int i = 0; i < 20; i++) {
                    BenchSuite.call(p, x);
                }
                assertThat(((BaseNDManager) m).getManagedArrays()).hasSize(before);
                assertThat(x.isReleased()).isFalse();
                assertThat(x.getManager()).isSameAs(m);
            }
        }
    }
}
