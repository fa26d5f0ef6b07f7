package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vae4j.model.Metrics;
import org.vae4j.train.BestEpoch;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainingListener;
import org.vae4j.train.TrainingProgress;

/** Draws a progress bar per epoch (rate and ETA) and prints one summary line per epoch. */
final class ProgressListener implements TrainingListener, AutoCloseable {

    private final PrintWriter out;
    private final java.nio.file.Path runDir;
    private final String resumeCommand;
    private final boolean bar;
    private int totalEpochs;
    private int batchesPerEpoch;
    private ProgressBar current;

    ProgressListener(PrintWriter out, boolean bar, java.nio.file.Path runDir) {
        this(out, bar, runDir, "vae4j train --resume " + runDir);
    }

    /** With the command that continues the run, for the line printed on Ctrl-C. */
    ProgressListener(PrintWriter out, boolean bar, java.nio.file.Path runDir,
            String resumeCommand) {
        this.out = out;
        this.runDir = runDir;
        this.resumeCommand = resumeCommand;
        // A bar only helps on a terminal; in logs and pipes it would print a line per update.
        this.bar = bar && System.console() != null;
    }

    @Override
    public void onStart(int epochs, int batches, TrainingProgress progress) {
        this.totalEpochs = epochs;
        this.batchesPerEpoch = batches;
    }

    @Override
    public void onStart(int epochs, int batches, TrainingProgress progress, String loss) {
        onStart(epochs, batches, progress);
        lossLabel = Metrics.label(loss);
    }

    /** The label of the loss on the bar: the family's first metric (-ELBO for a VAE). */
    private String lossLabel = "-ELBO";

    @Override
    public void onBatch(int epoch, int batch, double runningLoss) {
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
        current.setExtraMessage(String.format(Locale.ROOT, " %s %.2f", lossLabel, runningLoss));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        closeBar();
        // "train -ELBO 98.1 (rec 90.0, KL 8.1)  val -ELBO 97.0": the family's first metric leads,
        // the others follow in brackets, validation shows the first.
        List<String> names = m.train().names();
        String loss = names.get(0);
        lossLabel = Metrics.label(loss);
        StringBuilder terms = new StringBuilder();
        for (String name : names.subList(1, names.size())) {
            terms.append(terms.length() == 0 ? " (" : ", ").append(Metrics.label(name))
                    .append(String.format(Locale.ROOT, " %.2f", m.train(name)));
        }
        if (terms.length() > 0) {
            terms.append(')');
        }
        double val = m.validation(loss);
        out.printf(Locale.ROOT, "epoch %d/%d  train %s %.2f%s  val %s %s  %,.0f img/s"
                        + "  %.1f s  rss %.0f MiB%n",
                m.epoch(), totalEpochs, lossLabel, m.train(loss), terms, lossLabel,
                Double.isNaN(val) ? "-" : String.format(Locale.ROOT, "%.2f", val),
                m.imagesPerSecond(), m.seconds(), m.rssMb());
        if (!warnedCollapse && m.epoch() >= 2 && m.train("kl") < COLLAPSED_KL) {
            // KL near 0 for every image: no latent unit is active, the decoder ignores z.
            warnedCollapse = true;
            out.printf(Locale.ROOT, "warning: KL %.3f nats per image: the posterior has"
                    + " collapsed (no active latent units), so samples will all look alike;"
                    + " try --kl-warmup 10, --free-bits 0.5, a smaller --beta, or the mlp"
                    + " model%n", m.train("kl"));
        }
        out.flush();
    }

    /** A KL per image below this means no latent unit carries information. */
    static final double COLLAPSED_KL = 0.1;

    private boolean warnedCollapse;

    @Override
    public void onInterrupted(TrainingProgress progress) {
        closeBar();
        // Printed here, while the stop hook still holds the JVM open: after training returns,
        // a Ctrl-C'd JVM may halt before anything else is written.
        out.printf(Locale.ROOT, "interrupted after epoch %d%s: checkpoint saved; continue with:"
                        + " %s%n", progress.completedEpochs(),
                progress.atEpochBoundary() ? "" : " (+" + progress.nextBatch() + " steps)",
                resumeCommand);
        out.flush();
    }

    @Override
    public void onEarlyStop(BestEpoch best, int patience) {
        closeBar();
        out.printf(Locale.ROOT, "early stop: %d epochs without a better validation %s than"
                        + " epoch %d's %.2f; model/ holds epoch %d%n", patience,
                Metrics.label(best.metric()), best.epoch(), best.value(), best.epoch());
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
