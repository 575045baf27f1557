package dev.lstmforge.spi;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import java.io.IOException;
import java.util.List;

/**
 * A training part seen as single examples, which continual learning's rehearsal memory needs
 * (strategy {@code replay}): the host samples a few examples of each task, saves them with the
 * model version ({@link Record#getData()} and {@link Record#getLabels()} encoded with
 * {@link NDList#encode()}), and later turns a handful of them into a batch that is trained beside
 * each batch of a new task.
 *
 * <p>A fixed-shape {@link RandomAccessDataset} (such as DJL's {@code ArrayDataset}) needs nothing:
 * {@link PreparedData#trainingExamples()} wraps it with {@link #stacked(RandomAccessDataset)}. A
 * dataset whose examples differ in length implements this interface itself, padding in
 * {@link #batch(NDManager, List)} as its own batches are padded:
 *
 * <pre>{@code
 * public final class BucketedSequences implements Dataset, Examples {
 *     public Record batch(NDManager manager, List<Record> examples) {
 *         List<Sequence> group = examples.stream().map(BucketedSequences::sequenceOf).toList();
 *         return new Record(pad(manager, group, steps), labelsOf(manager, group));
 *     }
 *     // size() and get(manager, index) return one unpadded example
 * }
 * }</pre>
 */
public interface Examples {

    /**
     * Returns the number of examples.
     *
     * @return the count
     */
    long size();

    /**
     * Returns one example, without a batch dimension.
     *
     * @param manager where its arrays live
     * @param index the example, {@code 0 <= index < size()}
     * @return the example's data and labels
     * @throws IOException if it cannot be read
     */
    Record get(NDManager manager, long index) throws IOException;

    /**
     * Turns examples (of this dataset or saved from an earlier one of the same project and state)
     * into one batch the block accepts, as the dataset's own batches are made.
     *
     * @param manager where the batch's arrays live; none may stay in another manager
     * @param examples at least one example
     * @return the batch's data and labels, batch dimension first
     */
    Record batch(NDManager manager, List<Record> examples);

    /**
     * Wraps a dataset whose examples all have the same shapes; a batch stacks them.
     *
     * @param dataset the dataset
     * @return its examples
     */
    static Examples stacked(RandomAccessDataset dataset) {
        return new Examples() {
            @Override
            public long size() {
                return dataset.size();
            }

            @Override
            public Record get(NDManager manager, long index) throws IOException {
                return dataset.get(manager, index);
            }

            @Override
            public Record batch(NDManager manager, List<Record> examples) {
                NDList[] data = new NDList[examples.size()];
                NDList[] labels = new NDList[examples.size()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = examples.get(i).getData();
                    labels[i] = examples.get(i).getLabels();
                }
                NDList x = Batchifier.STACK.batchify(data);
                NDList y = Batchifier.STACK.batchify(labels);
                x.attach(manager);
                y.attach(manager);
                return new Record(x, y);
            }
        };
    }
}
