package org.vae4j.train;

import java.util.List;

/**
 * Where a training run stands: enough to resume it exactly at an epoch boundary, or mid-epoch
 * after an interruption.
 *
 * @param completedEpochs epochs fully done
 * @param nextBatch the next step's index within epoch {@code completedEpochs + 1} (0 at a
 *     boundary)
 * @param partialReconstruction read from files written before families existed (a VAE's sum of
 *     reconstruction terms over the current epoch's done steps); 0 in new files, see {@code
 *     partialSums}
 * @param partialKl likewise, the old sum of KL terms
 * @param partialImages images seen in the current epoch
 * @param partialSeconds training seconds spent in the current epoch
 * @param optimizerSteps updates applied since the start (drives Adam's bias correction)
 * @param history metrics of every completed epoch
 * @param partialSums the step's sums ({@link TrainStep#sumNames()}) over the current epoch's
 *     done steps; empty at an epoch boundary. A file without them (null) that stopped
 *     mid-epoch is a VAE's: its sums are {@code [partialReconstruction, partialKl]}
 */
public record TrainingProgress(
        int completedEpochs,
        int nextBatch,
        double partialReconstruction,
        double partialKl,
        long partialImages,
        double partialSeconds,
        long optimizerSteps,
        List<EpochMetrics> history,
        List<Double> partialSums) {

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
        if (partialSums == null) {
            partialSums = partialImages > 0 ? List.of(partialReconstruction, partialKl) : List.of();
        }
        partialSums = List.copyOf(partialSums);
    }

    /**
     * Progress within an epoch, with the step's sums so far.
     *
     * @param completedEpochs epochs fully done
     * @param nextBatch the next step's index
     * @param partialSums sums over the done steps of the epoch
     * @param partialImages images seen in the epoch
     * @param partialSeconds training seconds spent in the epoch
     * @param optimizerSteps updates applied since the start
     * @param history completed epochs
     * @return the record
     */
    public static TrainingProgress of(int completedEpochs, int nextBatch, double[] partialSums,
            long partialImages, double partialSeconds, long optimizerSteps,
            List<EpochMetrics> history) {
        List<Double> sums = new java.util.ArrayList<>();
        for (double v : partialSums) {
            sums.add(v);
        }
        return new TrainingProgress(completedEpochs, nextBatch, 0, 0, partialImages,
                partialSeconds, optimizerSteps, history, sums);
    }

    /**
     * The state at the end of an epoch.
     *
     * @param completedEpochs epochs fully done
     * @param optimizerSteps updates applied since the start
     * @param history completed epochs
     * @return the record
     */
    public static TrainingProgress atBoundary(int completedEpochs, long optimizerSteps,
            List<EpochMetrics> history) {
        return new TrainingProgress(completedEpochs, 0, 0, 0, 0, 0, optimizerSteps, history,
                List.of());
    }

    /**
     * The state before the first step.
     *
     * @return a fresh progress record
     */
    public static TrainingProgress start() {
        return atBoundary(0, 0, List.of());
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
