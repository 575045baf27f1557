package dev.lstmforge.support.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PaddingBatchifierTest {

    @Test
    void padsRaggedArraysAndStacksEqualOnes() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDList a = new NDList(m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2)), m.create(2));
            NDList b = new NDList(m.create(new float[] {5, 6}, new Shape(1, 2)), m.create(1));
            NDList batch = PaddingBatchifier.INSTANCE.batchify(new NDList[] {a, b});
            assertThat(batch.get(0).getShape()).isEqualTo(new Shape(2, 2, 2));
            assertThat(batch.get(0).toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6, 0, 0);
            assertThat(batch.get(1).toIntArray()).containsExactly(2, 1);
            NDList[] back = PaddingBatchifier.INSTANCE.unbatchify(batch);
            assertThat(back).hasSize(2);
            assertThat(back[1].get(0).getShape()).isEqualTo(new Shape(2, 2));
        }
    }
}
