package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vae4j.io.RunDirectory;
import org.vae4j.model.GenerativeModel;
import org.vae4j.train.CheckpointSink;
import org.vae4j.train.NonFiniteLossException;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;
import org.vae4j.train.Trainer;
import org.vae4j.train.TrainingResult;

/** One training session of {@code vae4j train}: the progress bar, Ctrl-C and NaN reporting. */
final class TrainingSession {

    /** How the trainer is started: fresh or resumed. */
    interface Start {
        TrainingResult run(Trainer trainer);
    }

    private TrainingSession() {}

    /**
     * Trains until done, stopped by Ctrl-C (after a checkpoint) or by a non-finite loss.
     *
     * @param log where progress goes
     * @param bar whether to draw a progress bar
     * @param run the run directory
     * @param model the model
     * @param step its family's step
     * @param options the run's options
     * @param sink persists checkpoints, model and metrics
     * @param start fit or resume
     * @return the result
     */
    static TrainingResult run(PrintWriter log, boolean bar, RunDirectory run,
            GenerativeModel model, TrainStep step, TrainOptions options, CheckpointSink sink,
            Start start) {
        return run(log, bar, run, "vae4j train --resume " + run.root(), model, step, options,
                sink, start);
    }

    /**
     * As {@link #run(PrintWriter, boolean, RunDirectory, GenerativeModel, TrainStep,
     * TrainOptions, CheckpointSink, Start)}, naming another command to continue the run with.
     */
    static TrainingResult run(PrintWriter log, boolean bar, RunDirectory run,
            String resumeCommand, GenerativeModel model, TrainStep step, TrainOptions options,
            CheckpointSink sink, Start start) {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: ask the loop to stop after its current step; it writes a checkpoint, and the
        // hook holds the JVM open until then.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vae4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ProgressListener progress = new ProgressListener(log, bar, run.root(), resumeCommand)) {
            return start.run(new Trainer(model, step, options, progress, sink, stop::get));
        } catch (NonFiniteLossException e) {
            String kept = Files.exists(run.checkpoint())
                    ? "; the last good checkpoint is " + run.checkpoint()
                    : "; no checkpoint was written yet";
            throw new CliException(e.getMessage() + kept);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for `done`.
            }
        }
    }
}
