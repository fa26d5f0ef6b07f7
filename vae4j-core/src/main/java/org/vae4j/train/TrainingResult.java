package org.vae4j.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param history metrics of every completed epoch, including those before a resume
 * @param progress the final progress record
 * @param interrupted whether training stopped early because a stop was requested
 */
public record TrainingResult(
        List<EpochMetrics> history, TrainingProgress progress, boolean interrupted) {

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
}
