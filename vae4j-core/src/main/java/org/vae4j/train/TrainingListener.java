package org.vae4j.train;

/** Receives training events, e.g. to draw a progress bar or log metrics. All methods optional. */
public interface TrainingListener {

    /**
     * Called once before the first step.
     *
     * @param totalEpochs the epoch count the run aims for
     * @param batchesPerEpoch steps per epoch
     * @param progress where the run starts (not at zero when resuming)
     */
    default void onStart(int totalEpochs, int batchesPerEpoch, TrainingProgress progress) {}

    /**
     * Called once before the first step with the name of the loss {@link #onBatch} reports (the
     * family's first metric, e.g. {@code neg_elbo} or {@code reconstruction}); by default it
     * calls {@link #onStart(int, int, TrainingProgress)}.
     *
     * @param totalEpochs the epoch count the run aims for
     * @param batchesPerEpoch steps per epoch
     * @param progress where the run starts
     * @param loss the name of the running loss
     */
    default void onStart(int totalEpochs, int batchesPerEpoch, TrainingProgress progress,
            String loss) {
        onStart(totalEpochs, batchesPerEpoch, progress);
    }

    /**
     * Called after every step.
     *
     * @param epoch 1-based epoch
     * @param batch 0-based step within the epoch
     * @param runningLoss the mean of the family's first metric (a VAE: the negative ELBO) over the epoch so far
     */
    default void onBatch(int epoch, int batch, double runningLoss) {}

    /**
     * Called after every epoch, once validation ran and before the checkpoint is written.
     *
     * @param metrics the epoch's metrics
     */
    default void onEpoch(EpochMetrics metrics) {}

    /**
     * Called when training stops early because a stop was requested (e.g. Ctrl-C), after the
     * checkpoint was written.
     *
     * @param progress where the run stopped
     */
    default void onInterrupted(TrainingProgress progress) {}

    /**
     * Called when early stopping ends the run: {@code patience} epochs in a row brought no new
     * best validation loss. Called after the last checkpoint was written.
     *
     * @param best the best epoch, whose parameters {@code model/} keeps
     * @param patience the patience that ran out
     */
    default void onEarlyStop(BestEpoch best, int patience) {}
}
