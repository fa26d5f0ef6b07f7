package org.vae4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.vae4j.data.BatchSource;
import org.vae4j.data.Dataset;
import org.vae4j.data.Shuffler;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.Metrics;
import org.vae4j.model.Precisions;

/**
 * The one training loop, for every model family: epochs, shuffling, seeds, the learning-rate
 * schedule, progress events, checkpoints at every epoch end and on a stop request, the NaN guard,
 * early stopping ({@link TrainOptions#earlyStop()}, counted by {@link BestEpoch} from the
 * history, so it resumes exactly) and exact resume. The family's {@link TrainStep} owns the loss
 * and the parameter groups; each group has its own optimizer, whose state the checkpoint keeps by
 * group name.
 *
 * <p>Reproducibility: epoch {@code e} shuffles with {@link Shuffler#permutation(int, long, int)}
 * and reseeds the engine's generator (posterior noise, dynamic binarization) from {@code (seed,
 * e)}, so a run resumed at an epoch boundary continues exactly as an uninterrupted one would;
 * one stopped mid-epoch reseeds from the step it stopped at.
 *
 * <p>Memory: each step's tensors live in a sub-manager closed at the end of the step; parameter
 * gradients are freed by the optimizers; training and validation batches go through staging
 * buffers made once per run. Nothing grows across steps or epochs.
 */
public final class Trainer {

    private static final int EVAL_BATCH = 1000;

    private final GenerativeModel model;
    private final TrainStep step;
    private final TrainOptions options;
    private final TrainingListener listener;
    private final CheckpointSink sink;
    private final BooleanSupplier stopRequested;

    /**
     * Creates a trainer.
     *
     * @param model the model to train (its parameters change in place)
     * @param step the family's step for this model and these options
     * @param options hyperparameters
     * @param listener receives events; may be null
     * @param sink persists state at epoch ends and on stop; may be null
     * @param stopRequested polled after every step; true ends training after a checkpoint
     */
    public Trainer(GenerativeModel model, TrainStep step, TrainOptions options,
            TrainingListener listener, CheckpointSink sink, BooleanSupplier stopRequested) {
        this.model = model;
        this.step = step;
        this.options = options;
        this.listener = listener == null ? new TrainingListener() {} : listener;
        this.sink = sink;
        this.stopRequested = stopRequested == null ? () -> false : stopRequested;
    }

    /**
     * Trains from scratch.
     *
     * @param train training rows (images, or any {@link Dataset} of the model's row width)
     * @param validation validation rows, or null
     * @return the history and final state
     */
    public TrainingResult fit(Dataset train, Dataset validation) {
        try (GroupOptimizers optimizers = optimizers()) {
            return run(train, validation, optimizers, TrainingProgress.start());
        }
    }

    /**
     * Continues a run from saved progress and optimizer state.
     *
     * @param train the same training rows as before (same order and content)
     * @param validation validation rows, or null
     * @param progress where the run stopped
     * @param optimizerState the optimizer arrays saved with it (named by group)
     * @return the history (old and new epochs) and final state
     */
    public TrainingResult resume(
            Dataset train, Dataset validation, TrainingProgress progress, NDList optimizerState) {
        try (GroupOptimizers optimizers = optimizers()) {
            optimizers.restore(optimizerState, progress.optimizerSteps());
            return run(train, validation, optimizers, progress);
        }
    }

    private GroupOptimizers optimizers() {
        return new GroupOptimizers(model.manager(), step.groups(), options);
    }

    private TrainingResult run(Dataset rawTrain, Dataset rawValidation,
            GroupOptimizers optimizers, TrainingProgress start) {
        model.checkShape(rawTrain);
        // The layers' number format is a run-time switch (Precisions): set it for this run, and
        // every resume sets it again from the saved options.
        Precisions.apply(model.block(), options.precision());
        if (options.earlyStop() > 0 && rawValidation == null) {
            throw new IllegalArgumentException("early stop watches the validation loss, but"
                    + " there is no validation set");
        }
        int classes = model.config().classes();
        var binarization = model.config().binarization();
        BatchSource train = BatchSource.of(rawTrain, options.batchSize(), binarization, classes)
                .perturbing(options.perturb());
        // Made once: validation used to be copied (and statically binarized) again every epoch.
        BatchSource validation = rawValidation == null ? null
                : BatchSource.of(rawValidation, EVAL_BATCH, binarization, classes);
        int n = train.size();
        int batch = options.batchSize();
        int batchesPerEpoch = train.batches();
        int sums = step.sumNames().size();
        listener.onStart(options.epochs(), batchesPerEpoch, start,
                step.metrics(new double[sums], 1).names().get(0));
        List<EpochMetrics> history = new ArrayList<>(start.history());
        Engine engine = EngineSetup.engine();
        TrainingProgress progress = start;
        if (start.atEpochBoundary() && patienceRanOut(history)
                && start.completedEpochs() < options.epochs()) {
            // A run early stopping already ended, resumed with the same patience.
            listener.onEarlyStop(BestEpoch.of(history), options.earlyStop());
            return new TrainingResult(history, progress, false, true);
        }
        for (int epoch = start.completedEpochs() + 1; epoch <= options.epochs(); epoch++) {
            int firstBatch = epoch == start.completedEpochs() + 1 ? start.nextBatch() : 0;
            boolean resumedMidEpoch = firstBatch > 0;
            double[] total = new double[sums];
            if (resumedMidEpoch) {
                checkPartial(start.partialSums(), sums);
                for (int i = 0; i < sums; i++) {
                    total[i] = start.partialSums().get(i);
                }
            }
            long seen = resumedMidEpoch ? start.partialImages() : 0;
            double seconds = resumedMidEpoch ? start.partialSeconds() : 0;
            optimizers.setLearningRate(options.learningRate(epoch));
            int[] order = Shuffler.permutation(n, options.seed(), epoch);
            engine.setRandomSeed(noiseSeed(options.seed(), epoch, firstBatch));
            long t0 = System.nanoTime();
            for (int b = firstBatch; b < batchesPerEpoch; b++) {
                int from = b * batch;
                int count = Math.min(batch, n - from);
                float[] values = step(train, order, from, count, optimizers,
                        new StepContext(epoch, b, batchesPerEpoch, optimizers.steps()));
                for (int i = 0; i < sums; i++) {
                    total[i] += values[i];
                }
                seen += count;
                listener.onBatch(epoch, b, step.metrics(total, seen).first());
                if (stopRequested.getAsBoolean() && b + 1 < batchesPerEpoch) {
                    double elapsed = seconds + (System.nanoTime() - t0) / 1e9;
                    progress = TrainingProgress.of(epoch - 1, b + 1, total, seen, elapsed,
                            optimizers.steps(), history);
                    save(progress, optimizers);
                    listener.onInterrupted(progress);
                    return new TrainingResult(history, progress, true);
                }
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            Metrics trainMetrics = step.metrics(total, seen);
            Metrics val = validation == null ? Metrics.missing(trainMetrics.names())
                    : step.evaluate(validation, options.seed());
            EpochMetrics m = new EpochMetrics(epoch, trainMetrics, val, seconds, seen / seconds,
                    Memory.rssMegabytes());
            history.add(m);
            listener.onEpoch(m);
            progress = TrainingProgress.atBoundary(epoch, optimizers.steps(), history);
            save(progress, optimizers);
            if (stopRequested.getAsBoolean() && epoch < options.epochs()) {
                listener.onInterrupted(progress);
                return new TrainingResult(history, progress, true);
            }
            if (patienceRanOut(history) && epoch < options.epochs()) {
                listener.onEarlyStop(BestEpoch.of(history), options.earlyStop());
                return new TrainingResult(history, progress, false, true);
            }
        }
        return new TrainingResult(history, progress, false);
    }

    /** Whether early stopping is on and its patience has run out. */
    private boolean patienceRanOut(List<EpochMetrics> history) {
        return options.earlyStop() > 0 && !history.isEmpty()
                && BestEpoch.of(history).epochsWithoutImprovement() >= options.earlyStop();
    }

    private static void checkPartial(List<Double> partial, int sums) {
        if (partial.size() != sums) {
            throw new IllegalArgumentException("the checkpoint stopped mid-epoch with "
                    + partial.size() + " partial sums, this model's step keeps " + sums);
        }
    }

    /** One optimisation step; returns the batch's sums, checked before any update. */
    private float[] step(BatchSource train, int[] order, int from, int count,
            GroupOptimizers optimizers, StepContext context) {
        try (NDManager bm = model.manager().newSubManager()) {
            float[] values = step.step(train.batch(bm, order, from, count), context);
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    // Checked before the update, so the parameters (and any checkpoint) stay good.
                    throw new NonFiniteLossException(String.format(Locale.ROOT,
                            "loss is not finite at epoch %d, batch %d (%s); try a lower"
                                    + " learning rate",
                            context.epoch(), context.batch() + 1, perRow(values, count)));
                }
            }
            optimizers.step();
            return values;
        }
    }

    /** "reconstruction 1.5, KL NaN": the batch's sums per row, named. */
    private String perRow(float[] values, int count) {
        StringBuilder b = new StringBuilder();
        List<String> names = step.sumNames();
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i).equals("kl") ? "KL" : names.get(i);
            b.append(i == 0 ? "" : ", ").append(name).append(' ').append(values[i] / count);
        }
        return b.toString();
    }

    private void save(TrainingProgress progress, GroupOptimizers optimizers) {
        if (sink == null) {
            return;
        }
        try {
            sink.save(progress, model, optimizers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mixes the run seed, epoch and first step into the engine's 32-bit seed. */
    static int noiseSeed(long seed, int epoch, int firstBatch) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + firstBatch;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h;
    }
}
