package org.vae4j.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param history metrics of every completed epoch, including those before a resume
 * @param progress the final progress record
 * @param interrupted whether training stopped early because a stop was requested
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 */
public record TrainingResult(
        List<EpochMetrics> history, TrainingProgress progress, boolean interrupted,
        boolean stoppedEarly) {

    /**
     * A result that early stopping did not end.
     *
     * @param history every completed epoch
     * @param progress the final progress record
     * @param interrupted whether a stop request ended training
     */
    public TrainingResult(List<EpochMetrics> history, TrainingProgress progress,
            boolean interrupted) {
        this(history, progress, interrupted, false);
    }

    /** Copies the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /**
     * Returns the last completed epoch's metrics.
     *
     * @return the metrics, or null if no epoch completed
     */
    public EpochMetrics last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /**
     * The epoch with the lowest validation loss, whose parameters {@code model/} holds.
     *
     * @return the best epoch so far
     */
    public BestEpoch best() {
        return BestEpoch.of(history);
    }
}
