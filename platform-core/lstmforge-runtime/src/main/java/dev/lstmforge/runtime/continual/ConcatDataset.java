package dev.lstmforge.runtime.continual;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Several datasets as one, for strategy {@code joint}: every pass visits every batch of every
 * part, each batch from a part chosen at random among those with batches left (or in order
 * without a random source), so the tasks are mixed through the pass rather than one after the
 * other. Each part keeps its own batching (padding, shuffling).
 *
 * <pre>{@code
 * Dataset all = new ConcatDataset(List.of(task1.train(), task2.train()), new Random(seed));
 * }</pre>
 */
public final class ConcatDataset implements Dataset {

    private final List<Dataset> parts;
    private final Random random;

    /**
     * Joins datasets.
     *
     * @param parts the parts, at least one
     * @param random the random source for the order of parts, or null for one part after another
     */
    public ConcatDataset(List<Dataset> parts, Random random) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a joined dataset needs at least one part");
        }
        this.parts = List.copyOf(parts);
        this.random = random;
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) throws IOException, TranslateException {
        List<Iterator<Batch>> its = new ArrayList<>();
        for (Dataset d : parts) {
            its.add(d.getData(manager).iterator());
        }
        return () -> new Iterator<>() {
            private final List<Iterator<Batch>> open = new ArrayList<>(its);

            @Override
            public boolean hasNext() {
                open.removeIf(it -> !it.hasNext());
                return !open.isEmpty();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = random == null ? 0 : random.nextInt(open.size());
                return open.get(i).next();
            }
        };
    }

    @Override
    public void prepare(Progress progress) throws IOException, TranslateException {
        for (Dataset d : parts) {
            d.prepare(progress);
        }
    }
}
