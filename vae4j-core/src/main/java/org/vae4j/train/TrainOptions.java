package org.vae4j.train;

import org.vae4j.engine.Precision;

/**
 * How to train: the hyperparameters that are not part of the network.
 *
 * @param epochs passes over the training set, &gt; 0
 * @param batchSize images per step, &gt; 0
 * @param learningRate step size, &gt; 0
 * @param optimizer update rule
 * @param momentum SGD momentum in [0, 1) (ignored by the other optimizers)
 * @param beta weight of the KL term, {@code loss = reconstruction + beta * KL}, &gt;= 0 (beta =
 *     1 is the ELBO; beta &gt; 1 is the beta-VAE of Higgins et al. 2017)
 * @param seed seeds initialisation, shuffling, posterior noise and dynamic binarization
 * @param validationFraction share of the data held out for validation, in [0, 1)
 * @param klWarmupEpochs epochs over which the KL weight rises linearly from 0 to beta (0 = none;
 *     Bowman et al. 2016), &gt;= 0
 * @param klCycles cyclical annealing (Fu et al. 2019): the run is split into this many cycles,
 *     and in each the weight rises linearly over the first half and stays at beta (0 = none)
 * @param freeBits free bits (Kingma et al. 2016), nats per latent unit: the KL term becomes
 *     {@code sum_i max(lambda, mean_batch KL_i)}, so no unit is pushed below lambda (0 = none)
 * @param objective the bound training maximises; null (a file written before objectives existed)
 *     means {@link Objective#ELBO}. β, KL annealing and free bits shape the ELBO's KL term, which
 *     the {@link Objective#IWAE} bound does not have: they must keep their defaults with it
 * @param importanceSamples K, samples per image of the IWAE bound, &gt;= 1; 1 for the ELBO (0
 *     from a file written before objectives existed reads as 1)
 * @param lrSchedule step decay of the learning rate by epoch; null (a file written before
 *     schedules existed) means {@link LearningRateSchedule#CONSTANT}
 * @param earlyStop patience of early stopping: training ends once this many epochs in a row
 *     brought no new best validation loss (the family's first validation metric, a VAE's
 *     −ELBO; see {@link BestEpoch}); 0 (the default, and what a file written before early
 *     stopping existed reads as) trains every epoch. Needs a validation set
 * @param perturb share μ of input values replaced, in every training batch afresh, by uniform
 *     noise in [0, 1]: {@code x' = m·u + (1 - m)·x}, {@code m ~ Bernoulli(μ)}, {@code u ~ U(0,
 *     1)} per value, in [0, 1). A model trained so is the background model of the likelihood
 *     ratio (Ren et al. 2019). 0 (the default, and what older files read as) leaves inputs alone
 * @param precision the format of the layers' products and convolutions ({@link Precision}):
 *     {@link Precision#AUTO} is resolved for this machine when the options are made, so a saved
 *     run records what it computed in; null (older files) reads as {@link Precision#FP32}
 */
public record TrainOptions(
        int epochs,
        int batchSize,
        double learningRate,
        OptimizerKind optimizer,
        double momentum,
        double beta,
        long seed,
        double validationFraction,
        double klWarmupEpochs,
        int klCycles,
        double freeBits,
        Objective objective,
        int importanceSamples,
        LearningRateSchedule lrSchedule,
        int earlyStop,
        double perturb,
        Precision precision) {

    /** The longest run: a thousand times the published 2,000-epoch schedules would be typos. */
    public static final int MAX_EPOCHS = 2_000_000;

    /** The largest batch. */
    public static final int MAX_BATCH = 1 << 20;

    /** The largest K of the IWAE bound in training (Burda et al. train with K <= 50). */
    public static final int MAX_IMPORTANCE_SAMPLES = 10_000;

    /** Defaults: 10 epochs, batch 128, Adam at 1e-3, beta 1, seed 1, 10% validation. */
    public TrainOptions() {
        this(10, 128, 1e-3, OptimizerKind.ADAM, 0.0, 1.0, 1L, 0.1);
    }

    /**
     * Options without KL annealing or free bits.
     *
     * @param epochs passes over the data
     * @param batchSize images per step
     * @param learningRate step size
     * @param optimizer update rule
     * @param momentum SGD momentum
     * @param beta KL weight
     * @param seed random seed
     * @param validationFraction held-out share
     */
    public TrainOptions(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
            double momentum, double beta, long seed, double validationFraction) {
        this(epochs, batchSize, learningRate, optimizer, momentum, beta, seed, validationFraction,
                0, 0, 0);
    }

    /**
     * Options for the ELBO objective.
     *
     * @param epochs passes over the data
     * @param batchSize images per step
     * @param learningRate step size
     * @param optimizer update rule
     * @param momentum SGD momentum
     * @param beta KL weight
     * @param seed random seed
     * @param validationFraction held-out share
     * @param klWarmupEpochs KL warm-up epochs (0 = none)
     * @param klCycles KL annealing cycles (0 = none)
     * @param freeBits free bits per latent unit (0 = none)
     */
    public TrainOptions(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
            double momentum, double beta, long seed, double validationFraction,
            double klWarmupEpochs, int klCycles, double freeBits) {
        this(epochs, batchSize, learningRate, optimizer, momentum, beta, seed, validationFraction,
                klWarmupEpochs, klCycles, freeBits, Objective.ELBO, 1);
    }

    /**
     * Options with a constant learning rate.
     *
     * @param epochs passes over the data
     * @param batchSize images per step
     * @param learningRate step size
     * @param optimizer update rule
     * @param momentum SGD momentum
     * @param beta KL weight
     * @param seed random seed
     * @param validationFraction held-out share
     * @param klWarmupEpochs KL warm-up epochs (0 = none)
     * @param klCycles KL annealing cycles (0 = none)
     * @param freeBits free bits per latent unit (0 = none)
     * @param objective the bound to maximise
     * @param importanceSamples K of the IWAE bound (1 for the ELBO)
     */
    public TrainOptions(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
            double momentum, double beta, long seed, double validationFraction,
            double klWarmupEpochs, int klCycles, double freeBits, Objective objective,
            int importanceSamples) {
        this(epochs, batchSize, learningRate, optimizer, momentum, beta, seed, validationFraction,
                klWarmupEpochs, klCycles, freeBits, objective, importanceSamples,
                LearningRateSchedule.CONSTANT);
    }

    /**
     * Options without early stopping.
     *
     * @param epochs passes over the data
     * @param batchSize images per step
     * @param learningRate step size
     * @param optimizer update rule
     * @param momentum SGD momentum
     * @param beta KL weight
     * @param seed random seed
     * @param validationFraction held-out share
     * @param klWarmupEpochs KL warm-up epochs (0 = none)
     * @param klCycles KL annealing cycles (0 = none)
     * @param freeBits free bits per latent unit (0 = none)
     * @param objective the bound to maximise
     * @param importanceSamples K of the IWAE bound (1 for the ELBO)
     * @param lrSchedule the learning-rate schedule
     */
    public TrainOptions(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
            double momentum, double beta, long seed, double validationFraction,
            double klWarmupEpochs, int klCycles, double freeBits, Objective objective,
            int importanceSamples, LearningRateSchedule lrSchedule) {
        this(epochs, batchSize, learningRate, optimizer, momentum, beta, seed, validationFraction,
                klWarmupEpochs, klCycles, freeBits, objective, importanceSamples, lrSchedule, 0);
    }

    /** Checks every value; messages name the field and the bad value. */
    public TrainOptions {
        if (lrSchedule == null) {
            lrSchedule = LearningRateSchedule.CONSTANT;
        }
        precision = precision == null ? Precision.FP32 : precision.resolve();
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be <= " + MAX_EPOCHS + ", got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (batchSize > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "batch size must be <= " + MAX_BATCH + ", got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be > 0 and finite, got " + learningRate);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be set");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be >= 0 and finite, got " + beta);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(
                    "validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (!(klWarmupEpochs >= 0) || Double.isInfinite(klWarmupEpochs)) {
            throw new IllegalArgumentException(
                    "KL warm-up must be >= 0 epochs, got " + klWarmupEpochs);
        }
        if (klCycles < 0) {
            throw new IllegalArgumentException("KL cycles must be >= 0, got " + klCycles);
        }
        if (klCycles > 0 && klWarmupEpochs > 0) {
            throw new IllegalArgumentException(
                    "choose either a KL warm-up or KL cycles, not both");
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw new IllegalArgumentException("free bits must be >= 0 nats, got " + freeBits);
        }
        if (objective == null) {
            // Checkpoints and provenance written before objectives existed: Gson passes null/0.
            objective = Objective.ELBO;
            importanceSamples = importanceSamples == 0 ? 1 : importanceSamples;
        }
        checkObjective(objective, importanceSamples, beta, klWarmupEpochs, klCycles, freeBits);
        if (earlyStop < 0 || earlyStop > MAX_EPOCHS) {
            throw new IllegalArgumentException("early stop must be in [0, " + MAX_EPOCHS
                    + "] epochs (0 = off), got " + earlyStop);
        }
        if (!(perturb >= 0 && perturb < 1)) {
            throw new IllegalArgumentException("perturb must be in [0, 1), got " + perturb);
        }
        if (earlyStop > 0 && validationFraction == 0) {
            throw new IllegalArgumentException("early stop watches the validation loss: it needs"
                    + " a validation fraction > 0, got 0");
        }
    }

    private static void checkObjective(Objective objective, int k, double beta,
            double klWarmupEpochs, int klCycles, double freeBits) {
        if (k < 1) {
            throw new IllegalArgumentException("importance samples must be >= 1, got " + k);
        }
        if (k > MAX_IMPORTANCE_SAMPLES) {
            throw new IllegalArgumentException("importance samples must be <= "
                    + MAX_IMPORTANCE_SAMPLES + ", got " + k);
        }
        if (objective == Objective.ELBO && k != 1) {
            throw new IllegalArgumentException(
                    "importance samples are for the iwae objective; the elbo uses 1, got " + k);
        }
        if (objective == Objective.IWAE) {
            String shaping = beta != 1 ? "beta " + beta
                    : klWarmupEpochs > 0 ? "a KL warm-up"
                    : klCycles > 0 ? "KL cycles"
                    : freeBits > 0 ? "free bits" : null;
            if (shaping != null) {
                throw new IllegalArgumentException(
                        "the iwae objective has no separate KL term: " + shaping
                                + " applies to the elbo objective only");
            }
        }
    }

    /**
     * The KL weight at a step: beta, scaled by the warm-up or cyclical schedule.
     *
     * @param step optimizer steps done before this one (0-based)
     * @param stepsPerEpoch steps in one epoch
     * @return the weight, in [0, beta]
     */
    public double klWeight(long step, int stepsPerEpoch) {
        if (klWarmupEpochs > 0) {
            return beta * Math.min(1.0, (step + 1) / (klWarmupEpochs * stepsPerEpoch));
        }
        if (klCycles > 0) {
            double period = (double) epochs * stepsPerEpoch / klCycles;
            double position = (step % Math.max(1, (long) Math.ceil(period))) / period;
            return beta * Math.min(1.0, position / 0.5);
        }
        return beta;
    }

    /**
     * Returns a copy with another epoch count (used when resuming with more epochs).
     *
     * @param n the new epoch count
     * @return the copy
     */
    public TrainOptions withEpochs(int n) {
        return new TrainOptions(n, batchSize, learningRate, optimizer, momentum, beta, seed,
                validationFraction, klWarmupEpochs, klCycles, freeBits, objective,
                importanceSamples, lrSchedule, earlyStop, perturb, precision);
    }

    /**
     * Returns a copy with another learning-rate schedule (used when resuming: the caller checks
     * that it agrees with the old one on the epochs already trained).
     *
     * @param schedule the schedule
     * @return the copy
     */
    public TrainOptions withLrSchedule(LearningRateSchedule schedule) {
        return new TrainOptions(epochs, batchSize, learningRate, optimizer, momentum, beta, seed,
                validationFraction, klWarmupEpochs, klCycles, freeBits, objective,
                importanceSamples, schedule, earlyStop, perturb, precision);
    }

    /**
     * The learning rate of an epoch: {@code learningRate · lrSchedule.factor(epoch)}.
     *
     * @param epoch 1-based epoch
     * @return the rate
     */
    public double learningRate(int epoch) {
        return learningRate * lrSchedule.factor(epoch);
    }

    /**
     * Returns a copy that trains with another objective and K.
     *
     * @param o the objective
     * @param k importance samples per image (1 for the ELBO)
     * @return the copy
     */
    public TrainOptions withObjective(Objective o, int k) {
        return new TrainOptions(epochs, batchSize, learningRate, optimizer, momentum, beta, seed,
                validationFraction, klWarmupEpochs, klCycles, freeBits, o, k, lrSchedule,
                earlyStop, perturb, precision);
    }

    /**
     * Returns a copy with another early-stopping patience (a resumed run may change it: the
     * count of epochs without improvement comes from the history, not from this value).
     *
     * @param patience epochs without a new best validation loss before training ends, 0 = off
     * @return the copy
     */
    public TrainOptions withEarlyStop(int patience) {
        return new TrainOptions(epochs, batchSize, learningRate, optimizer, momentum, beta, seed,
                validationFraction, klWarmupEpochs, klCycles, freeBits, objective,
                importanceSamples, lrSchedule, patience, perturb, precision);
    }

    /**
     * Options without input perturbation.
     *
     * @param epochs passes over the data
     * @param batchSize images per step
     * @param learningRate step size
     * @param optimizer update rule
     * @param momentum SGD momentum
     * @param beta KL weight
     * @param seed random seed
     * @param validationFraction held-out share
     * @param klWarmupEpochs KL warm-up epochs (0 = none)
     * @param klCycles KL annealing cycles (0 = none)
     * @param freeBits free bits per latent unit (0 = none)
     * @param objective the bound to maximise
     * @param importanceSamples K of the IWAE bound (1 for the ELBO)
     * @param lrSchedule learning-rate schedule
     * @param earlyStop early-stopping patience (0 = off)
     */
    public TrainOptions(int epochs, int batchSize, double learningRate, OptimizerKind optimizer,
            double momentum, double beta, long seed, double validationFraction,
            double klWarmupEpochs, int klCycles, double freeBits, Objective objective,
            int importanceSamples, LearningRateSchedule lrSchedule, int earlyStop) {
        this(epochs, batchSize, learningRate, optimizer, momentum, beta, seed, validationFraction,
                klWarmupEpochs, klCycles, freeBits, objective, importanceSamples, lrSchedule,
                earlyStop, 0, Precision.FP32);
    }

    /**
     * Returns a copy that perturbs training inputs.
     *
     * @param mu share of values replaced by uniform noise, in [0, 1)
     * @return the copy
     */
    public TrainOptions withPerturb(double mu) {
        return new TrainOptions(epochs, batchSize, learningRate, optimizer, momentum, beta, seed,
                validationFraction, klWarmupEpochs, klCycles, freeBits, objective,
                importanceSamples, lrSchedule, earlyStop, mu, precision);
    }

    /**
     * Returns a copy that computes in another precision.
     *
     * @param p the precision ({@link Precision#AUTO} is resolved for this machine)
     * @return the copy
     */
    public TrainOptions withPrecision(Precision p) {
        return new TrainOptions(epochs, batchSize, learningRate, optimizer, momentum, beta, seed,
                validationFraction, klWarmupEpochs, klCycles, freeBits, objective,
                importanceSamples, lrSchedule, earlyStop, perturb, p);
    }
}
