package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;
import org.vae4j.train.TrainingProgress;

/** Draws a progress bar per epoch (rate and ETA) and prints one summary line per epoch. */
final class ProgressListener implements TrainingListener, AutoCloseable {

    private final PrintWriter out;
    private final java.nio.file.Path runDir;
    private final boolean bar;
    private int totalEpochs;
    private int batchesPerEpoch;
    private ProgressBar current;

    ProgressListener(PrintWriter out, boolean bar, java.nio.file.Path runDir) {
        this.out = out;
        this.runDir = runDir;
        // A bar only helps on a terminal; in logs and pipes it would print a line per update.
        this.bar = bar && System.console() != null;
    }

    @Override
    public void onStart(int epochs, int batches, TrainingProgress progress) {
        this.totalEpochs = epochs;
        this.batchesPerEpoch = batches;
    }

    @Override
    public void onBatch(int epoch, int batch, double runningNegElbo) {
        if (!bar) {
            return;
        }
        if (current == null) {
            current = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, totalEpochs))
                    .setInitialMax(batchesPerEpoch)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(250)
                    .build();
            current.stepTo(batch);
        }
        current.stepTo(batch + 1L);
        current.setExtraMessage(String.format(Locale.ROOT, " -ELBO %.2f", runningNegElbo));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        closeBar();
        out.printf(Locale.ROOT,
                "epoch %d/%d  train -ELBO %.2f (rec %.2f, KL %.2f)  val -ELBO %s  %,.0f img/s"
                        + "  %.1f s  rss %.0f MiB%n",
                m.epoch(), totalEpochs, m.trainNegElbo(), m.trainReconstruction(), m.trainKl(),
                Double.isNaN(m.valNegElbo()) ? "-" : String.format(Locale.ROOT, "%.2f",
                        m.valNegElbo()),
                m.imagesPerSecond(), m.seconds(), m.rssMb());
        out.flush();
    }

    @Override
    public void onInterrupted(TrainingProgress progress) {
        closeBar();
        // Printed here, while the stop hook still holds the JVM open: after training returns,
        // a Ctrl-C'd JVM may halt before anything else is written.
        out.printf(Locale.ROOT, "interrupted after epoch %d%s: checkpoint saved; continue with:"
                        + " vae4j train --resume %s%n", progress.completedEpochs(),
                progress.atEpochBoundary() ? "" : " (+" + progress.nextBatch() + " steps)",
                runDir);
        out.flush();
    }

    private void closeBar() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
