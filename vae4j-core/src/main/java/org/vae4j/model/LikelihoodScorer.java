package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.vae4j.data.ImageSet;

/**
 * A latent-variable model with a density: a Gaussian posterior {@code q(z|x) = N(mu,
 * diag(exp(logvar)))}, a prior {@code p(z)} ({@link #logPriorKernel}; {@code N(0, I)} unless the
 * model says otherwise) and a likelihood {@code p(x|z)}. That is what an ELBO per image,
 * importance-sampled {@code log p(x)} (Burda et al. 2016), active units and anomaly scores need.
 */
public interface LikelihoodScorer extends Reconstructor, Evaluator {

    @Override
    Encoding encode(float[][] images, int[] labels);

    /**
     * Encodes images of an unconditional model to their posterior parameters.
     *
     * @param images {@code [N][D]}
     * @return mu and logvar, {@code [N][L]} each
     */
    default Encoding encode(float[][] images) {
        return encode(images, null);
    }

    /**
     * The mean negative ELBO and its terms over a data set, one posterior sample per image.
     * Reseeds the engine's generator with {@code seed}.
     *
     * @param data images of the model's shape
     * @param batchSize images per forward pass
     * @param seed seeds the posterior samples (and dynamic binarization)
     * @return per-image means in nats
     */
    ElboMetrics evaluate(ImageSet data, int batchSize, long seed);

    @Override
    default Metrics evaluateMetrics(ImageSet data, int batchSize, long seed) {
        return evaluate(data, batchSize, seed).toMetrics();
    }

    /**
     * The posterior's parameters of a batch, without gradients.
     *
     * @param x inputs {@code [B, D]}
     * @param y one-hot labels {@code [B, K]} for a conditional model, else null
     * @return {@code (mu [B, L], logvar [B, L])}
     */
    NDList posterior(NDArray x, NDArray y);

    /**
     * {@code -log p(x | z, y)} per row, without gradients.
     *
     * @param z codes {@code [M, L]}
     * @param y one-hot labels {@code [M, K]} for a conditional model, else null
     * @param x targets {@code [M, D]}
     * @return {@code [M]}
     */
    NDArray reconstructionNll(NDArray z, NDArray y, NDArray x);

    /**
     * The prior's log-density as a kernel, without gradients: {@code log p(z) + (L/2) log 2 pi}
     * per row. The normaliser left out is the one every diagonal Gaussian in L dimensions has, so
     * an importance weight {@code log p(x|z) + log p(z) - log q(z|x)} is {@code -nll + kernel +
     * 1/2 sum_j (logvar_j + eps_j^2)} with nothing left to cancel. The default is the standard
     * normal's, {@code -1/2 sum_j z_j^2}, computed as {@code sum(z^2) * -0.5}, which is exact in
     * float, so scores of Gaussian models are the same numbers they were before priors existed.
     *
     * @param z codes {@code [M, L]}
     * @return {@code [M]}
     */
    default NDArray logPriorKernel(NDArray z) {
        NDArray sq = z.square().sum(new int[] {1});
        return sq.mul(Scalars.of(sq, -0.5));
    }

    /**
     * Whether the prior is {@code N(0, I)}: then the KL term has a closed form ({@link
     * Elbo#klStandardNormal}) and decomposes over latent units. Otherwise callers estimate it by
     * Monte Carlo, {@code log q(z|x) - log p(z)} at posterior samples.
     *
     * @return true by default
     */
    default boolean standardNormalPrior() {
        return true;
    }

    /**
     * Draws latent codes from the prior, {@code z ~ p(z)}, seeded independently of the engine's
     * generator: by default {@code N(0, I)}, one {@code nextGaussian()} of a {@code
     * SplittableRandom(seed)} per value, row by row. Decoding them is what {@code sample} does;
     * a caller that shows the codes (the web explorer) draws them here.
     *
     * @param n how many, &gt; 0
     * @param seed seeds the draws
     * @return {@code [n][L]}
     */
    default float[][] priorSample(int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[][] z = new float[n][config().latentDim()];
        for (float[] row : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return z;
    }
}
