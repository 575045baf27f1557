package dev.lstmforge.support.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.lstmforge.support.data.BucketedSequences;
import dev.lstmforge.support.data.BucketedSequences.Sequence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SequenceStreamsBlockTest {

    private static final int[] WIDTHS = {8, 5};

    private static Sequence random(Random r, int length, int label) {
        float[][] streams = new float[WIDTHS.length][];
        for (int s = 0; s < WIDTHS.length; s++) {
            streams[s] = new float[length * WIDTHS[s]];
            for (int i = 0; i < streams[s].length; i++) {
                streams[s][i] = (float) r.nextGaussian();
            }
        }
        return new Sequence(streams, length, label);
    }

    @Test
    void lastValidStepPicksEachRowsOwnStep() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // (2 rows, 3 steps, 1 feature): values = 10 * row + step
            NDArray out = m.create(new float[] {0, 1, 2, 10, 11, 12}, new Shape(2, 3, 1));
            NDArray lengths = m.create(new int[] {2, 3});
            float[] picked = SequenceStreamsBlock.lastValidStep(out, lengths).toFloatArray();
            assertThat(picked).containsExactly(1f, 12f);
        }
    }

    @Test
    void validMeanAveragesOnlyEachRowsValidSteps() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = m.create(new float[] {0, 1, 2, 10, 11, 12}, new Shape(2, 3, 1));
            NDArray lengths = m.create(new int[] {2, 3});
            float[] mean = SequenceStreamsBlock.validMean(out, lengths).toFloatArray();
            assertThat(mean).containsExactly(0.5f, 11f);
        }
    }

    static Stream<Arguments> readoutsAndFrontEnds() {
        return Stream.of(SequenceStreamsBlock.Readout.values())
                .flatMap(readout -> Stream.of(Arguments.of(readout, 0), Arguments.of(readout, 4)));
    }

    @ParameterizedTest
    @MethodSource("readoutsAndFrontEnds")
    void paddingNeverChangesAPrediction(SequenceStreamsBlock.Readout readout, int convChannels) {
        Random r = new Random(7);
        List<Sequence> clips = new ArrayList<>();
        int[] lengths = {4, 9, 1, 6};
        for (int i = 0; i < lengths.length; i++) {
            clips.add(random(r, lengths[i], i % 2));
        }
        try (Model model = Model.newInstance("streams", "PyTorch")) {
            SequenceStreamsBlock block =
                    new SequenceStreamsBlock(new int[] {0, 1}, 8, 2, 0.0, 3, 0, readout, new int[] {convChannels, 0});
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 8), new Shape(1, 4, 5), new Shape(1));
            ParameterStore ps = new ParameterStore(m, false);
            float[] batched = block.forward(ps, BucketedSequences.pad(m, clips, WIDTHS), false)
                    .head()
                    .toFloatArray();
            for (int i = 0; i < clips.size(); i++) {
                float[] alone = block.forward(ps, BucketedSequences.pad(m, List.of(clips.get(i)), WIDTHS), false)
                        .head()
                        .toFloatArray();
                for (int k = 0; k < 3; k++) {
                    assertThat(batched[i * 3 + k]).as("clip %d logit %d", i, k).isCloseTo(alone[k], within(1e-5f));
                }
            }
            // and the padded steps do matter if read (so the test could fail): the last padded
            // step of the short clip differs from its own last step
            NDList padded = BucketedSequences.pad(m, clips, WIDTHS);
            NDArray full = m.create(new int[] {9, 9, 9, 9});
            NDList wrong = new NDList(padded.get(0), padded.get(1), full);
            float[] misread = block.forward(ps, wrong, false).head().toFloatArray();
            assertThat(Math.abs(misread[0] - batched[0]) + Math.abs(misread[1] - batched[1]))
                    .isGreaterThan(1e-4f);
        }
    }

    @Test
    void anAblationReadsOnlyItsStreamAndSavesAndLoads() throws Exception {
        Random r = new Random(3);
        List<Sequence> clips = List.of(random(r, 5, 0), random(r, 2, 1));
        try (Model model = Model.newInstance("streams", "PyTorch")) {
            SequenceStreamsBlock block = new SequenceStreamsBlock(new int[] {1}, 4, 1, 0.2, 2);
            model.setBlock(block);
            NDManager m = model.getNDManager();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 8), new Shape(1, 4, 5), new Shape(1));
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = BucketedSequences.pad(m, clips, WIDTHS);
            float[] before = block.forward(ps, in, false).head().toFloatArray();
            // stream 0 is not used: changing it changes nothing
            NDList other = new NDList(in.get(0).mul(100), in.get(1), in.get(2));
            assertThat(block.forward(ps, other, false).head().toFloatArray()).containsExactly(before);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            SequenceStreamsBlock copy = new SequenceStreamsBlock(new int[] {1}, 4, 1, 0.2, 2);
            copy.initialize(m, DataType.FLOAT32, new Shape(1, 4, 8), new Shape(1, 4, 5), new Shape(1));
            copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(copy.forward(ps, in, false).head().toFloatArray()).containsExactly(before);
            assertThat(block.getOutputShapes(new Shape[] {new Shape(7, 4, 8), new Shape(7, 4, 5), new Shape(7)})[0])
                    .isEqualTo(new Shape(7, 2));
        }
    }
}
