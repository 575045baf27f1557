package dev.lstmforge.support.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.lstmforge.support.data.BucketedSequences;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleBlockTest {

    private static final int[] WIDTHS = {3};

    private static double[] softmax(float[] row, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, row[from + k]);
        }
        double sum = 0;
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            p[k] = Math.exp(row[from + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < n; k++) {
            p[k] /= sum;
        }
        return p;
    }

    @Test
    void theAnswerIsTheLogOfTheMembersMeanProbabilities() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] a = {2f, 0f, -1f, 0.5f, 0.5f, 3f};
            float[] b = {-1f, 4f, 0f, 1f, 0f, 0f};
            NDArray out = EnsembleBlock.meanProbabilityLog(
                    new NDList(m.create(a, new Shape(2, 3)), m.create(b, new Shape(2, 3))));
            float[] got = out.toFloatArray();
            for (int row = 0; row < 2; row++) {
                double[] pa = softmax(a, row * 3, 3);
                double[] pb = softmax(b, row * 3, 3);
                for (int k = 0; k < 3; k++) {
                    assertThat((double) got[row * 3 + k])
                            .as("row %d class %d", row, k)
                            .isCloseTo(Math.log((pa[k] + pb[k]) / 2), within(1e-5));
                }
            }
        }
    }

    @Test
    void aClassEveryMemberRulesOutStaysFinite() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // softmax in float gives exactly 0 for the third class in both members
            NDArray a = m.create(new float[] {0f, 0f, -1000f}, new Shape(1, 3));
            NDArray b = m.create(new float[] {0f, 1f, -2000f}, new Shape(1, 3));
            float[] got = EnsembleBlock.meanProbabilityLog(new NDList(a, b)).toFloatArray();
            assertThat(got[2]).isFinite().isCloseTo(-1000f + (float) Math.log(0.5 * 0.5), within(0.01f));
            // naive log(mean(softmax)) would be -infinity there
            float naive = a.softmax(-1).add(b.softmax(-1)).div(2).log().toFloatArray()[2];
            assertThat(naive).isInfinite();
        }
    }

    @Test
    void oneMemberIsThePlainBlockAndTooFewAreRefused() {
        Block single = EnsembleBlock.of(1, i -> Linear.builder().setUnits(2).build());
        assertThat(single).isInstanceOf(Linear.class);
        assertThat(EnsembleBlock.of(3, i -> Linear.builder().setUnits(2).build()))
                .isInstanceOfSatisfying(
                        EnsembleBlock.class, e -> assertThat(e.size()).isEqualTo(3));
        assertThatThrownBy(() ->
                        EnsembleBlock.of(0, i -> Linear.builder().setUnits(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("members 0");
        assertThatThrownBy(() ->
                        new EnsembleBlock(List.of(Linear.builder().setUnits(2).build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }

    private static List<Sequence> toyData(Random r, int n) {
        // the class is the sign of the first feature's sum over the sequence; lengths 2..6
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int length = 2 + r.nextInt(5);
            float[] x = new float[length * WIDTHS[0]];
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) r.nextGaussian();
                if (j % WIDTHS[0] == 0) {
                    sum += x[j];
                }
            }
            out.add(new Sequence(new float[][] {x}, length, sum > 0 ? 1 : 0));
        }
        return out;
    }

    private static Block ensemble() {
        return EnsembleBlock.of(3, i -> new SequenceStreamsBlock(new int[] {0}, 8, 1, 0.0, 2));
    }

    @Test
    void membersStartApartAndTheEnsembleAveragesThem() {
        Random r = new Random(5);
        List<Sequence> clips = toyData(r, 6);
        try (Model model = Model.newInstance("ensemble", "PyTorch")) {
            Block block = ensemble();
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3), new Shape(1));
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = BucketedSequences.pad(m, clips, WIDTHS);
            NDList training = block.forward(ps, in, true);
            assertThat(training).hasSize(4);
            NDList evaluation = block.forward(ps, in, false);
            assertThat(evaluation).hasSize(1);
            float[] first = training.get(1).toFloatArray();
            float[] second = training.get(2).toFloatArray();
            assertThat(first).isNotEqualTo(second);
            // no dropout in the members: the training pass's logits are the evaluation's members
            NDArray expected =
                    EnsembleBlock.meanProbabilityLog(new NDList(training.get(1), training.get(2), training.get(3)));
            assertThat(evaluation.head().toFloatArray()).containsExactly(expected.toFloatArray(), within(1e-6f));
            float[] p = evaluation.head().softmax(1).toFloatArray();
            for (int row = 0; row < clips.size(); row++) {
                double[] p1 = softmax(first, row * 2, 2);
                double[] p2 = softmax(second, row * 2, 2);
                double[] p3 = softmax(training.get(3).toFloatArray(), row * 2, 2);
                assertThat((double) p[row * 2]).isCloseTo((p1[0] + p2[0] + p3[0]) / 3, within(1e-5));
            }
        }
    }

    @Test
    void everyMemberLearnsOnItsOwnLossAndTheEnsembleSavesAndLoads() throws Exception {
        Engine.getEngine("PyTorch").setRandomSeed(11);
        Random r = new Random(11);
        List<Sequence> train = toyData(r, 200);
        List<Sequence> test = toyData(r, 200);
        try (Model model = Model.newInstance("ensemble", "PyTorch")) {
            Block block = ensemble();
            model.setBlock(block);
            EnsembleLoss loss = new EnsembleLoss(new SoftmaxCrossEntropyLoss("cross_entropy"));
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(0.02f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 4, 3), new Shape(1));
                NDManager m = model.getNDManager();
                float first = 0;
                float last = 0;
                for (int step = 0; step < 80; step++) {
                    try (NDManager sub = m.newSubManager()) {
                        NDList in = BucketedSequences.pad(sub, train, WIDTHS);
                        NDList labels = new NDList(sub.create(labels(train)));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray l = loss.evaluate(labels, trainer.forward(in, labels));
                            gc.backward(l);
                            if (step == 0) {
                                first = l.getFloat();
                            }
                            last = l.getFloat();
                        }
                        trainer.step();
                    }
                }
                assertThat(last).as("mean member loss").isLessThan(first / 3);
                ParameterStore ps = new ParameterStore(m, false);
                NDList in = BucketedSequences.pad(m, test, WIDTHS);
                NDList members = block.forward(ps, in, true);
                for (int k = 1; k <= 3; k++) {
                    assertThat(accuracy(members.get(k), test))
                            .as("member %d", k)
                            .isGreaterThan(0.75);
                }
                NDArray answer = block.forward(ps, in, false).head();
                assertThat(accuracy(answer, test)).as("ensemble").isGreaterThan(0.75);

                // the saved parameters give the same answers in a fresh block
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                block.saveParameters(new DataOutputStream(bytes));
                Block loaded = ensemble();
                loaded.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3), new Shape(1));
                loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                assertThat(loaded.forward(ps, in, false).head().toFloatArray())
                        .containsExactly(answer.toFloatArray(), within(1e-6f));
            }
        }
    }

    private static float[] labels(List<Sequence> items) {
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = items.get(i).label();
        }
        return out;
    }

    private static double accuracy(NDArray scores, List<Sequence> items) {
        long[] predicted = scores.argMax(1).toLongArray();
        int right = 0;
        for (int i = 0; i < items.size(); i++) {
            right += predicted[i] == items.get(i).label() ? 1 : 0;
        }
        return right / (double) items.size();
    }
}
