package org.vae4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Shuffler;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.ElboMetrics;
import org.vae4j.model.BatchBuffer;
import org.vae4j.model.Batches;
import org.vae4j.model.Elbo;
import org.vae4j.model.Iwae;
import org.vae4j.model.OneHot;
import org.vae4j.model.Scalars;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;

/**
 * Trains a {@link VaeModel} by minimising {@code reconstruction + beta * KL} per image, averaged
 * over each mini-batch (Kingma &amp; Welling 2014), or with {@link Objective#IWAE} the negative
 * K-sample importance-weighted bound ({@link Iwae}). The metrics are the ELBO's terms for both.
 *
 * <p>Reproducibility: epoch {@code e} shuffles with {@link Shuffler#permutation(int, long, int)}
 * and reseeds the engine's generator (posterior noise, dynamic binarization) from {@code (seed,
 * e)}, so a run resumed at an epoch boundary continues exactly as an uninterrupted one would.
 *
 * <p>Memory: each step's tensors live in a sub-manager closed at the end of the step; parameter
 * gradients are freed by the optimizer. Nothing grows across steps or epochs.
 */
public final class VaeTrainer {

    private static final int EVAL_BATCH = 1000;

    private final VaeModel model;
    private final TrainOptions options;
    private final TrainingListener listener;
    private final CheckpointSink sink;
    private final BooleanSupplier stopRequested;

    /**
     * Creates a trainer.
     *
     * @param model the model to train (its parameters change in place)
     * @param options hyperparameters
     * @param listener receives events; may be null
     * @param sink persists state at epoch ends and on stop; may be null
     * @param stopRequested polled after every step; true ends training after a checkpoint
     */
    public VaeTrainer(
            VaeModel model,
            TrainOptions options,
            TrainingListener listener,
            CheckpointSink sink,
            BooleanSupplier stopRequested) {
        this.model = model;
        this.options = options;
        this.listener = listener == null ? new TrainingListener() {} : listener;
        this.sink = sink;
        this.stopRequested = stopRequested == null ? () -> false : stopRequested;
    }

    /**
     * Trains from scratch.
     *
     * @param train training images
     * @param validation validation images, or null
     * @return the history and final state
     */
    public TrainingResult fit(ImageSet train, ImageSet validation) {
        try (VaeOptimizer optimizer = new VaeOptimizer(model, options)) {
            return run(train, validation, optimizer, TrainingProgress.start());
        }
    }

    /**
     * Continues a run from saved progress and optimizer state.
     *
     * @param train the same training images as before (same order and content)
     * @param validation validation images, or null
     * @param progress where the run stopped
     * @param optimizerState the optimizer arrays saved with it
     * @return the history (old and new epochs) and final state
     */
    public TrainingResult resume(
            ImageSet train, ImageSet validation, TrainingProgress progress, NDList optimizerState) {
        try (VaeOptimizer optimizer = new VaeOptimizer(model, options)) {
            optimizer.restore(optimizerState, progress.optimizerSteps());
            return run(train, validation, optimizer, progress);
        }
    }

    private TrainingResult run(
            ImageSet rawTrain,
            ImageSet rawValidation,
            VaeOptimizer optimizer,
            TrainingProgress start) {
        VaeConfig config = model.config();
        model.checkShape(rawTrain);
        if (config.conditional()) {
            OneHot.requireLabels(rawTrain, config.classes());
            if (rawValidation != null) {
                OneHot.requireLabels(rawValidation, config.classes());
            }
        }
        ImageSet train = Batches.prepare(rawTrain, config.binarization());
        int n = train.size();
        int batch = options.batchSize();
        int batchesPerEpoch = (n + batch - 1) / batch;
        listener.onStart(options.epochs(), batchesPerEpoch, start);
        List<EpochMetrics> history = new ArrayList<>(start.history());
        Engine engine = EngineSetup.engine();
        BatchBuffer buffer = new BatchBuffer(Math.min(batch, n), config.inputSize());
        OneHot labels =
                config.conditional() ? new OneHot(Math.min(batch, n), config.classes()) : null;
        TrainingProgress progress = start;
        for (int epoch = start.completedEpochs() + 1; epoch <= options.epochs(); epoch++) {
            int firstBatch = epoch == start.completedEpochs() + 1 ? start.nextBatch() : 0;
            boolean resumedMidEpoch = firstBatch > 0;
            double rec = resumedMidEpoch ? start.partialReconstruction() : 0;
            double kl = resumedMidEpoch ? start.partialKl() : 0;
            long seen = resumedMidEpoch ? start.partialImages() : 0;
            double seconds = resumedMidEpoch ? start.partialSeconds() : 0;
            optimizer.setLearningRate(options.learningRate(epoch));
            int[] order = Shuffler.permutation(n, options.seed(), epoch);
            engine.setRandomSeed(noiseSeed(options.seed(), epoch, firstBatch));
            long t0 = System.nanoTime();
            for (int b = firstBatch; b < batchesPerEpoch; b++) {
                int from = b * batch;
                int count = Math.min(batch, n - from);
                float[] sums = step(train, order, from, count, buffer, labels, optimizer, epoch,
                        b, batchesPerEpoch);
                rec += sums[0];
                kl += sums[1];
                seen += count;
                listener.onBatch(epoch, b, (rec + kl) / seen);
                if (stopRequested.getAsBoolean() && b + 1 < batchesPerEpoch) {
                    double elapsed = seconds + (System.nanoTime() - t0) / 1e9;
                    progress =
                            new TrainingProgress(
                                    epoch - 1, b + 1, rec, kl, seen, elapsed, optimizer.steps(),
                                    history);
                    save(progress, optimizer);
                    listener.onInterrupted(progress);
                    return new TrainingResult(history, progress, true);
                }
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            ElboMetrics trainMetrics = ElboMetrics.fromSums(rec, kl, seen);
            ElboMetrics val =
                    rawValidation == null
                            ? null
                            : model.evaluate(rawValidation, EVAL_BATCH, options.seed());
            EpochMetrics m =
                    new EpochMetrics(
                            epoch,
                            trainMetrics.negElbo(),
                            trainMetrics.reconstruction(),
                            trainMetrics.kl(),
                            val == null ? Double.NaN : val.negElbo(),
                            val == null ? Double.NaN : val.reconstruction(),
                            val == null ? Double.NaN : val.kl(),
                            seconds,
                            seen / seconds,
                            Memory.rssMegabytes());
            history.add(m);
            listener.onEpoch(m);
            progress = new TrainingProgress(epoch, 0, 0, 0, 0, 0, optimizer.steps(), history);
            save(progress, optimizer);
            if (stopRequested.getAsBoolean() && epoch < options.epochs()) {
                listener.onInterrupted(progress);
                return new TrainingResult(history, progress, true);
            }
        }
        return new TrainingResult(history, progress, false);
    }

    /** One optimisation step; returns the batch's sums of reconstruction and KL terms. */
    private float[] step(
            ImageSet train,
            int[] order,
            int from,
            int count,
            BatchBuffer buffer,
            OneHot labels,
            VaeOptimizer optimizer,
            int epoch,
            int batchIndex,
            int batchesPerEpoch) {
        VaeConfig config = model.config();
        ParameterStore ps = model.parameterStore();
        try (NDManager bm = model.manager().newSubManager()) {
            NDArray x = buffer.images(bm, train, order, from, count);
            x = Batches.binarize(x, config.binarization());
            NDArray y = labels == null ? null : labels.batch(bm, train, order, from, count);
            NDArray sums;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                NDList lossRecKl = options.objective() == Objective.IWAE
                        ? iwaeLoss(ps, x, y)
                        : elboLoss(ps, x, y, optimizer.steps(), batchesPerEpoch);
                NDArray loss = lossRecKl.get(0);
                NDArray rec = lossRecKl.get(1);
                NDArray kl = lossRecKl.get(2);
                gc.backward(loss);
                sums = NDArrays.stack(new NDList(rec.sum(), kl.sum()));
            }
            float[] values = sums.toFloatArray();
            if (!Float.isFinite(values[0]) || !Float.isFinite(values[1])) {
                // Checked before the update, so the parameters (and any checkpoint) stay good.
                throw new NonFiniteLossException(
                        String.format(
                                java.util.Locale.ROOT,
                                "loss is not finite at epoch %d, batch %d (reconstruction %s, KL"
                                        + " %s); try a lower learning rate",
                                epoch,
                                batchIndex + 1,
                                values[0] / count,
                                values[1] / count));
            }
            optimizer.step();
            return values;
        }
    }

    /** The ELBO's loss and its terms: {@code (loss, reconstruction [B], kl [B])}. */
    private NDList elboLoss(
            ParameterStore ps, NDArray x, NDArray y, long step, int batchesPerEpoch) {
        NDList out = model.block().forward(ps, y == null ? new NDList(x) : new NDList(x, y), true);
        NDList terms = Elbo.terms(model.config(), model.block().logSigma(ps, x.getDevice(), true),
                out, x);
        NDArray rec = terms.get(0);
        NDArray kl = terms.get(1);
        // The KL weight follows the warm-up or cyclical schedule; free bits replace the KL term
        // of the loss (the reported KL stays the true one).
        double weight = options.klWeight(step, batchesPerEpoch);
        NDArray klLoss = options.freeBits() > 0
                ? Elbo.klWithFreeBits(out.get(0), out.get(1), options.freeBits())
                : kl.mean();
        return new NDList(rec.mean().addi(klLoss.mul(Scalars.of(klLoss, weight))), rec, kl);
    }

    /**
     * The negative IWAE bound and the ELBO's terms of its first sample: {@code (loss,
     * reconstruction [B], kl [B])}. Reporting the ELBO's terms keeps curves of both objectives
     * comparable.
     */
    private NDList iwaeLoss(ParameterStore ps, NDArray x, NDArray y) {
        NDList terms = Iwae.terms(model.block(), ps, x, y, options.importanceSamples(), true);
        return new NDList(terms.get(0).mean().neg(), terms.get(1), terms.get(2));
    }

    private void save(TrainingProgress progress, VaeOptimizer optimizer) {
        if (sink == null) {
            return;
        }
        try {
            sink.save(progress, model, optimizer);
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
