package org.vae4j.train;

import java.util.List;

/**
 * Where a training run stands: enough to resume it exactly at an epoch boundary, or mid-epoch
 * after an interruption.
 *
 * @param completedEpochs epochs fully done
 * @param nextBatch the next step's index within epoch {@code completedEpochs + 1} (0 at a
 *     boundary)
 * @param partialReconstruction sum of reconstruction terms over the current epoch's done steps
 * @param partialKl sum of KL terms over the current epoch's done steps
 * @param partialImages images seen in the current epoch
 * @param partialSeconds training seconds spent in the current epoch
 * @param optimizerSteps updates applied since the start (drives Adam's bias correction)
 * @param history metrics of every completed epoch
 */
public record TrainingProgress(
        int completedEpochs,
        int nextBatch,
        double partialReconstruction,
        double partialKl,
        long partialImages,
        double partialSeconds,
        long optimizerSteps,
        List<EpochMetrics> history) {

    /** Copies the history and checks the counters. */
    public TrainingProgress {
        if (completedEpochs < 0 || nextBatch < 0 || partialImages < 0 || optimizerSteps < 0) {
            throw new IllegalArgumentException(
                    "negative training counters: epochs="
                            + completedEpochs
                            + " batch="
                            + nextBatch
                            + " images="
                            + partialImages
                            + " steps="
                            + optimizerSteps);
        }
        history = List.copyOf(history);
    }

    /**
     * The state before the first step.
     *
     * @return a fresh progress record
     */
    public static TrainingProgress start() {
        return new TrainingProgress(0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /**
     * Whether this progress lies at an epoch boundary.
     *
     * @return true if no epoch is half done
     */
    public boolean atEpochBoundary() {
        return nextBatch == 0;
    }
}
