package dev.lstmforge.runtime.continual;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Record;
import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.Examples;
import dev.lstmforge.spi.LstmForgeException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The rehearsal memory of strategy {@code replay}: up to a fixed number of training examples of
 * each task a model has learned, chosen by reservoir sampling, saved with the model version as
 * {@value #FILE_NAME}, and mixed into the training of every later task.
 *
 * <p>Examples are kept as bytes in DJL's own array encoding ({@link NDList#encode()}), so a
 * memory written on one engine is read on the other. The file holds a header ({@code
 * lstmforge-replay}, format 1) and then, per example, its task's name and its encoded data and
 * labels.
 *
 * <pre>{@code
 * ReplayMemory memory = ReplayMemory.read(parentDir);           // empty if the parent has none
 * memory.addTask("AAPL.csv", examples, 200, new Random(42), manager);
 * memory.write(pendingDir);
 * }</pre>
 */
public final class ReplayMemory {

    /** The file name in a model folder. */
    public static final String FILE_NAME = "continual-replay.bin";

    private static final String MAGIC = "lstmforge-replay";
    private static final int FORMAT = 1;

    /**
     * One remembered example.
     *
     * @param task the task it comes from (the data source of the version that learned it)
     * @param data the encoded data
     * @param labels the encoded labels
     */
    public record Entry(String task, byte[] data, byte[] labels) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Creates an empty memory. */
    public ReplayMemory() {}

    /**
     * Reads a model folder's memory.
     *
     * @param modelDir the model folder
     * @return its memory, empty when it has none
     * @throws LstmForgeException if the file is damaged, naming it
     */
    public static ReplayMemory read(Path modelDir) {
        ReplayMemory m = new ReplayMemory();
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return m;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            int format = in.readInt();
            if (!MAGIC.equals(magic) || format != FORMAT) {
                throw new LstmForgeException(Messages.path(file) + " is not a replay memory of format " + FORMAT
                        + " (header '" + magic + "', format " + format + "); retrain the version");
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String task = in.readUTF();
                m.entries.add(new Entry(task, bytes(in, file), bytes(in, file)));
            }
            return m;
        } catch (EOFException e) {
            throw new LstmForgeException(Messages.path(file) + " is damaged: it ends early; retrain the version", e);
        } catch (IOException e) {
            throw new LstmForgeException("cannot read " + Messages.path(file) + ": " + Messages.describe(e), e);
        }
    }

    private static byte[] bytes(DataInputStream in, Path file) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > (1 << 30)) {
            throw new LstmForgeException(Messages.path(file) + " is damaged: an example claims " + len + " bytes");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    /**
     * Writes the memory into a model folder.
     *
     * @param modelDir the (pending) model folder
     * @throws IOException if writing fails
     */
    public void write(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE_NAME);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                out.writeUTF(e.task());
                out.writeInt(e.data().length);
                out.write(e.data());
                out.writeInt(e.labels().length);
                out.write(e.labels());
            }
        }
    }

    /**
     * Remembers up to {@code perTask} examples of one task, chosen by reservoir sampling
     * (Vitter's algorithm R): every example has the same chance to be kept, in one pass.
     *
     * @param task the task's name
     * @param examples the task's training examples
     * @param perTask the most examples to keep
     * @param random the random source (seeded by the run)
     * @param manager where examples are read into while they are encoded
     * @return how many were kept
     * @throws IOException if an example cannot be read
     */
    public int addTask(String task, Examples examples, int perTask, Random random, NDManager manager)
            throws IOException {
        long n = examples.size();
        int k = (int) Math.min(perTask, n);
        long[] chosen = new long[k];
        for (long i = 0; i < n; i++) {
            if (i < k) {
                chosen[(int) i] = i;
            } else {
                long j = (long) (random.nextDouble() * (i + 1));
                if (j < k) {
                    chosen[(int) j] = i;
                }
            }
        }
        for (long index : chosen) {
            try (NDManager m = manager.newSubManager()) {
                Record r = examples.get(m, index);
                entries.add(new Entry(task, r.getData().encode(), r.getLabels().encode()));
            }
        }
        return k;
    }

    /**
     * Returns the number of remembered examples.
     *
     * @return the count
     */
    public int size() {
        return entries.size();
    }

    /**
     * Counts the remembered examples per task, in the order tasks were added.
     *
     * @return task to count
     */
    public Map<String, Integer> perTask() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Entry e : entries) {
            counts.merge(e.task(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Returns the entries.
     *
     * @return an unmodifiable view
     */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Decodes every example into a manager, for sampling batches during training.
     *
     * @param manager where the arrays live; the caller closes it
     * @return the examples
     */
    public List<Record> decode(NDManager manager) {
        List<Record> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(new Record(NDList.decode(manager, e.data()), NDList.decode(manager, e.labels())));
        }
        return out;
    }
}
