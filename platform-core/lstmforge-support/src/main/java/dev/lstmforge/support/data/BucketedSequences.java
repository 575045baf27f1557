package dev.lstmforge.support.data;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import dev.lstmforge.spi.Examples;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A DJL {@link Dataset} of variable-length labelled sequences, batched by length: each pass sorts
 * the items by length (ties in random order), cuts the order into batches of similar length, pads
 * each batch only to its own longest item, and (when shuffling) visits the batches in random
 * order. Padding is therefore small, and a model that reads each row at its own last valid step
 * (such as {@link dev.lstmforge.support.block.SequenceStreamsBlock}) never sees it.
 *
 * <p>A batch's data is {@code NDList(stream_0, ..., stream_{k-1}, lengths)} with stream {@code s}
 * of shape {@code (batch, maxLength, width_s)} (zeros after each item's end) and {@code lengths}
 * {@code (batch)} int32; its labels are {@code (batch)} float32 class indices.
 *
 * <p>Items may change from pass to pass (data augmentation): {@link Items#item} receives the pass
 * number. Batches are planned from {@link Items#length}; an augmented item may be somewhat longer
 * or shorter than that (a speed change), and is padded to the longest item of its batch all the
 * same.
 *
 * <pre>{@code
 * List<BucketedSequences.Sequence> clips = ...;  // each: float[][] {mfcc, wave}, length, label
 * Dataset train = new BucketedSequences(BucketedSequences.Items.of(clips), new int[] {40, 512}, 32, new Random(42));
 * Dataset test = new BucketedSequences(BucketedSequences.Items.of(testClips), new int[] {40, 512}, 32, null);
 * }</pre>
 */
public final class BucketedSequences implements Dataset, Examples {

    /**
     * One item: per stream, {@code length * width} values, step-major (all of step 0, then step 1).
     *
     * @param streams the streams' values; {@code streams[s].length >= length * width_s}
     * @param length valid steps, at least 1
     * @param label the class index
     */
    public record Sequence(float[][] streams, int length, int label) {
        /** Validates the length. */
        public Sequence {
            if (length < 1) {
                throw new IllegalArgumentException("a sequence needs at least one step, got " + length);
            }
        }
    }

    /** Where the items come from; lets a plugin recompute (augment) them per pass. */
    public interface Items {
        /**
         * Returns the number of items.
         *
         * @return the count
         */
        int size();

        /**
         * Returns an item's valid steps, for planning batches; an augmented item may differ a little.
         *
         * @param index the item
         * @return its length
         */
        int length(int index);

        /**
         * Returns an item for one pass.
         *
         * @param index the item
         * @param pass 0 for the first pass over the data, then 1, 2, ...
         * @return the item
         */
        Sequence item(int index, int pass);

        /**
         * Wraps fixed items.
         *
         * @param items the items
         * @return items that are the same in every pass
         */
        static Items of(List<Sequence> items) {
            List<Sequence> copy = List.copyOf(items);
            return new Items() {
                @Override
                public int size() {
                    return copy.size();
                }

                @Override
                public int length(int index) {
                    return copy.get(index).length();
                }

                @Override
                public Sequence item(int index, int pass) {
                    return copy.get(index);
                }
            };
        }
    }

    private final Items items;
    private final Shape[] steps;
    private final int batchSize;
    private final Random shuffle;
    private int pass;

    /**
     * Creates the dataset.
     *
     * @param items the items
     * @param widths values per step of each stream
     * @param batchSize items per batch, at least 1
     * @param shuffle the random source for tie order and batch order, or null for a fixed order
     *     (sorted by length, for evaluation)
     */
    public BucketedSequences(Items items, int[] widths, int batchSize, Random shuffle) {
        this(items, stepShapes(widths), batchSize, shuffle);
    }

    /**
     * Creates a dataset whose steps are not flat vectors: stream {@code s} of a batch has shape
     * {@code (batch, maxLength) + steps[s]}, for example {@code (3, 64, 64)} for video frames.
     *
     * @param items the items; stream {@code s} holds {@code length * steps[s].size()} values per
     *     item, step-major
     * @param steps the shape of one step of each stream
     * @param batchSize items per batch, at least 1
     * @param shuffle the random source for tie order and batch order, or null for a fixed order
     */
    public BucketedSequences(Items items, Shape[] steps, int batchSize, Random shuffle) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        }
        this.items = items;
        this.steps = steps.clone();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    private static Shape[] stepShapes(int[] widths) {
        Shape[] out = new Shape[widths.length];
        for (int s = 0; s < widths.length; s++) {
            out[s] = new Shape(widths[s]);
        }
        return out;
    }

    /**
     * Returns the number of items.
     *
     * @return the count
     */
    @Override
    public long size() {
        return items.size();
    }

    /**
     * Returns one item, unpadded, as continual learning's rehearsal memory keeps it: the data is
     * {@code NDList(stream_0, ..., stream_{k-1})}, stream {@code s} of shape {@code (length) +
     * steps[s]}, the labels {@code NDList(label)} with a float32 scalar. Augmented items are taken
     * from the first pass.
     *
     * @param manager where the arrays live
     * @param index the item
     * @return the item
     */
    @Override
    public Record get(NDManager manager, long index) {
        Sequence q = items.item(Math.toIntExact(index), 0);
        NDList data = new NDList(steps.length);
        for (int s = 0; s < steps.length; s++) {
            int w = Math.toIntExact(steps[s].size());
            float[] v = Arrays.copyOf(q.streams()[s], q.length() * w);
            data.add(manager.create(FloatBuffer.wrap(v), new Shape(q.length()).addAll(steps[s])));
        }
        return new Record(data, new NDList(manager.create((float) q.label())));
    }

    /**
     * Pads items of {@link #get} (of this dataset or remembered from an earlier one with the same
     * step shapes) into one batch, as {@link #getData} does.
     *
     * @param manager where the batch lives
     * @param examples the items
     * @return {@code NDList(stream_0, ..., lengths)} and the labels {@code (batch)}
     */
    @Override
    public Record batch(NDManager manager, List<Record> examples) {
        List<Sequence> group = new ArrayList<>(examples.size());
        float[] labels = new float[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            Record r = examples.get(i);
            NDList d = r.getData();
            float[][] streams = new float[steps.length][];
            for (int s = 0; s < steps.length; s++) {
                streams[s] = d.get(s).toFloatArray();
            }
            labels[i] = r.getLabels().head().getFloat();
            group.add(new Sequence(streams, Math.toIntExact(d.head().getShape().get(0)), (int) labels[i]));
        }
        return new Record(pad(manager, group, steps), new NDList(manager.create(labels)));
    }

    /**
     * Plans one pass: the item indices of each batch, in visiting order.
     *
     * @return the batches
     */
    public List<int[]> plan() {
        int n = items.size();
        Integer[] order = new Integer[n];
        double[] tie = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            tie[i] = shuffle == null ? i : shuffle.nextDouble();
        }
        Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(items.length(a), items.length(b));
            return c != 0 ? c : Double.compare(tie[a], tie[b]);
        });
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            int[] b = new int[end - start];
            for (int i = start; i < end; i++) {
                b[i - start] = order[i];
            }
            batches.add(b);
        }
        if (shuffle != null) {
            for (int i = batches.size() - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int[] t = batches.get(i);
                batches.set(i, batches.get(j));
                batches.set(j, t);
            }
        }
        return batches;
    }

    /**
     * Builds the padded arrays for a group of items, as the model's input.
     *
     * @param manager where the arrays live
     * @param group the items
     * @param widths values per step of each stream
     * @return {@code NDList(stream_0, ..., lengths)}
     */
    public static NDList pad(NDManager manager, List<Sequence> group, int[] widths) {
        return pad(manager, group, stepShapes(widths));
    }

    /**
     * Builds the padded arrays for a group of items whose steps have a shape.
     *
     * @param manager where the arrays live
     * @param group the items
     * @param steps the shape of one step of each stream
     * @return {@code NDList(stream_0, ..., lengths)}, stream {@code s} of shape {@code (batch,
     *     maxLength) + steps[s]}
     */
    public static NDList pad(NDManager manager, List<Sequence> group, Shape[] steps) {
        int b = group.size();
        int maxLen = 0;
        for (Sequence s : group) {
            maxLen = Math.max(maxLen, s.length());
        }
        NDList data = new NDList(steps.length + 1);
        for (int s = 0; s < steps.length; s++) {
            int w = Math.toIntExact(steps[s].size());
            float[] buf = new float[b * maxLen * w];
            for (int i = 0; i < b; i++) {
                Sequence q = group.get(i);
                System.arraycopy(q.streams()[s], 0, buf, i * maxLen * w, q.length() * w);
            }
            data.add(manager.create(FloatBuffer.wrap(buf), new Shape(b, maxLen).addAll(steps[s])));
        }
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = group.get(i).length();
        }
        data.add(manager.create(IntBuffer.wrap(lengths), new Shape(b), DataType.INT32));
        return data;
    }

    /**
     * Runs a classifier over items in padded batches (the length-sorted batches of
     * {@link #plan()}, so padding stays small) and returns each item's class probabilities.
     *
     * <pre>{@code
     * float[][] p = BucketedSequences.probabilities(model, test, new Shape[] {new Shape(40)}, 64);
     * }</pre>
     *
     * @param model a model whose block takes {@link #pad} output and returns logits {@code (batch,
     *     classes)}
     * @param items the items
     * @param steps the shape of one step of each stream
     * @param batchSize items per forward pass
     * @return softmax probabilities per item, in input order
     */
    public static float[][] probabilities(Model model, List<Sequence> items, Shape[] steps, int batchSize) {
        float[][] out = new float[items.size()][];
        List<int[]> batches = new BucketedSequences(Items.of(items), steps, batchSize, null).plan();
        ParameterStore ps = new ParameterStore(model.getNDManager(), false);
        for (int[] batch : batches) {
            List<Sequence> group = new ArrayList<>(batch.length);
            for (int i : batch) {
                group.add(items.get(i));
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray p = model.getBlock()
                        .forward(ps, pad(m, group, steps), false)
                        .head()
                        .softmax(1);
                int classes = Math.toIntExact(p.getShape().get(1));
                float[] flat = p.toFloatArray();
                for (int j = 0; j < batch.length; j++) {
                    out[batch[j]] = Arrays.copyOfRange(flat, j * classes, (j + 1) * classes);
                }
            }
        }
        return out;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        List<int[]> plan = plan();
        int thisPass = pass++;
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < plan.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] idx = plan.get(next++);
                List<Sequence> group = new ArrayList<>(idx.length);
                float[] labels = new float[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    Sequence s = items.item(idx[i], thisPass);
                    group.add(s);
                    labels[i] = s.label();
                }
                NDManager sub = manager.newSubManager();
                NDList data = pad(sub, group, steps);
                NDArray y = sub.create(labels);
                return new Batch(sub, data, new NDList(y), idx.length, null, null, next, plan.size());
            }
        };
    }

    @Override
    public void prepare(Progress progress) {
        // items are in memory
    }
}
