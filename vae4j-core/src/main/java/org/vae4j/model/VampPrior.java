package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The VampPrior's density (Tomczak &amp; Welling 2018, https://arxiv.org/abs/1705.07120): a
 * mixture of K diagonal Gaussians, the encoder's posteriors at the pseudo-inputs {@code u_k},
 *
 * <pre>
 * log p(z) = logsumexp_k log N(z; mu_k, diag(exp(logvar_k))) - log K,   (mu_k, logvar_k) = q(u_k)
 * </pre>
 *
 * <p>Like every log-prior in vae4j it is computed as a <em>kernel</em>: {@code log p(z) + (L/2)
 * log 2 pi}, the normaliser every diagonal Gaussian in L dimensions shares left out, so that it
 * cancels exactly against {@code log q(z|x)} and the standard normal's kernel is {@code -1/2 sum_j
 * z_j^2} to the last bit (see {@link LikelihoodScorer#logPriorKernel}). The log-sum-exp subtracts
 * the largest term first ({@link Iwae#logMeanExp}), so distant codes whose component densities all
 * underflow still get a finite value and gradient.
 */
public final class VampPrior {

    /** Elements of the {@code [K, rows, L]} difference tensor made at once. */
    static final long CHUNK_ELEMENTS = 1L << 22;

    private VampPrior() {}

    /**
     * {@code log p(z) + (L/2) log 2 pi} under the mixture of {@code N(mu_k, diag(exp(logvar_k)))}
     * with equal weights {@code 1/K}. Rows are taken in chunks so the {@code [K, rows, L]}
     * intermediate stays within {@value #CHUNK_ELEMENTS} elements.
     *
     * @param z codes {@code [M, L]}
     * @param mu the components' means {@code [K, L]}
     * @param logvar the components' log-variances {@code [K, L]}
     * @return {@code [M]}
     */
    public static NDArray logKernel(NDArray z, NDArray mu, NDArray logvar) {
        long m = z.getShape().get(0);
        long k = mu.getShape().get(0);
        long l = mu.getShape().get(1);
        long rows = Math.max(1, CHUNK_ELEMENTS / (k * l));
        // Not in place anywhere: autograd keeps these operands for the backward pass.
        NDArray precision = logvar.neg().exp().expandDims(1);
        NDArray lv = logvar.expandDims(1);
        NDArray centres = mu.expandDims(1);
        NDList parts = new NDList();
        for (long from = 0; from < m; from += rows) {
            long to = Math.min(m, from + rows);
            NDArray zc = m <= rows ? z : z.get(from + ":" + to);
            NDArray quad = zc.expandDims(0).sub(centres).square().mul(precision).add(lv)
                    .sum(new int[] {2});
            // [K, rows]: log N(z; mu_k, var_k) + L/2 log 2 pi, then the mean over components.
            parts.add(Iwae.logMeanExp(quad.mul(Scalars.of(quad, -0.5))));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    /**
     * {@code log q(z|x) + (L/2) log 2 pi = -1/2 sum_j ((z_j - mu_j)^2 / exp(logvar_j) +
     * logvar_j)}: the posterior's kernel at its own sample, the first half of the Monte-Carlo KL
     * term {@code log q(z|x) - log p(z)}. Computed from z (not from the noise), so the gradient
     * flows through the sample, its mean and its variance, as in the authors' code.
     *
     * @param z samples {@code [B, L]}
     * @param mu posterior means {@code [B, L]}
     * @param logvar posterior log-variances {@code [B, L]}
     * @return {@code [B]}
     */
    public static NDArray logPosteriorKernel(NDArray z, NDArray mu, NDArray logvar) {
        NDArray quad = z.sub(mu).square().mul(logvar.neg().exp()).add(logvar).sum(new int[] {1});
        return quad.mul(Scalars.of(quad, -0.5));
    }

    /** Draws the initial pseudo-inputs, {@code N(mean, std^2)} on the input scale. */
    static final class PseudoInputInitializer implements Initializer {
        private final float mean;
        private final float std;

        PseudoInputInitializer(double mean, double std) {
            this.mean = (float) mean;
            this.std = (float) std;
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.randomNormal(mean, std, shape, dataType);
        }
    }
}
