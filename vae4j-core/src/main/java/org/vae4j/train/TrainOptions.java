package org.vae4j.train;

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
 */
public record TrainOptions(
        int epochs,
        int batchSize,
        double learningRate,
        OptimizerKind optimizer,
        double momentum,
        double beta,
        long seed,
        double validationFraction) {

    /** Defaults: 10 epochs, batch 128, Adam at 1e-3, beta 1, seed 1, 10% validation. */
    public TrainOptions() {
        this(10, 128, 1e-3, OptimizerKind.ADAM, 0.0, 1.0, 1L, 0.1);
    }

    /** Checks every value; messages name the field and the bad value. */
    public TrainOptions {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
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
    }

    /**
     * Returns a copy with another epoch count (used when resuming with more epochs).
     *
     * @param n the new epoch count
     * @return the copy
     */
    public TrainOptions withEpochs(int n) {
        return new TrainOptions(
                n, batchSize, learningRate, optimizer, momentum, beta, seed, validationFraction);
    }
}
