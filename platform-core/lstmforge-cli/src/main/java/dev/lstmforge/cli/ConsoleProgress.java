package dev.lstmforge.cli;

import dev.lstmforge.runtime.train.EpochRecord;
import dev.lstmforge.runtime.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Draws training progress: a live bar on a terminal, one line per epoch otherwise. */
final class ConsoleProgress implements TrainingListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean live;
    private long lastDraw;

    ConsoleProgress(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    @Override
    public void onBatch(int epoch, int maxEpochs, long batch, long batches, double meanLoss) {
        if (!live || batches <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && batch < batches) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * batch / batches);
        err.printf(
                Locale.ROOT,
                "\repoch %d/%d [%s%s] %3d%% loss %.5f",
                epoch,
                maxEpochs,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                100 * batch / batches,
                meanLoss);
        err.flush();
    }

    @Override
    public void onEpoch(EpochRecord r, boolean improved) {
        if (live) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
        }
        err.printf(
                Locale.ROOT,
                "epoch %3d  train loss %.6f  validation loss %.6f  %.1f s  %.0f samples/s%s%n",
                r.epoch(),
                r.trainLoss(),
                r.validationLoss(),
                r.seconds(),
                r.samplesPerSecond(),
                improved ? "  *best" : "");
        err.flush();
    }
}
