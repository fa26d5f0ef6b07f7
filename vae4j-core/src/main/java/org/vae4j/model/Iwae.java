package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * The importance-weighted autoencoder bound (Burda et al. 2016, https://arxiv.org/abs/1509.00519)
 * as a training objective, per image, in nats.
 *
 * <p>With {@code z_k = mu + sigma * eps_k}, {@code k = 1..K}: {@code log w_k = log p(x|z_k) + log
 * p(z_k) - log q(z_k|x)} and {@code L_K(x) = logsumexp_k log w_k - log K <= log p(x)}. Because
 * {@code (z_k - mu)^2 / sigma^2 = eps_k^2}, the normal densities reduce to {@code log p(z_k) - log
 * q(z_k|x) = 1/2 sum_j (eps_kj^2 + logvar_j - z_kj^2)} (the {@code 2 pi} terms cancel). {@code L_1}
 * is the one-sample ELBO with a sampled KL term; {@code L_K} rises with K. Under a VampPrior the
 * prior term is the block's {@link VaeBlock#logPriorKernel}, so {@code log p(z_k) - log q(z_k|x) =
 * kernel(z_k) + 1/2 sum_j (eps_kj^2 + logvar_j)}.
 *
 * <p>Computed batched: the images are encoded once and all {@code K * B} codes are decoded in
 * one pass ({@code [K * B, L]}, sample-major). Constants are {@link Scalars} tensors because this
 * runs inside the autograd graph.
 */
public final class Iwae {

    private Iwae() {}

    /**
     * {@link #terms(VaeBlock, ParameterStore, NDArray, NDArray, int, boolean)} for a plain VAE.
     *
     * @param block the model
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param k samples per image, &gt;= 1
     * @param training whether gradients are being recorded
     * @return {@code (bound L_K [B], reconstruction of sample 1 [B], closed-form KL [B])}
     */
    public static NDList terms(
            VaeBlock block, ParameterStore ps, NDArray x, int k, boolean training) {
        return terms(block, ps, x, null, k, training);
    }

    /**
     * {@link #terms(VaeBlock, ParameterStore, NDArray, NDArray, NDArray, boolean)} for a plain
     * VAE.
     *
     * @param block the model
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param eps standard normal noise {@code [K, B, L]}
     * @param training whether gradients are being recorded
     * @return {@code (bound L_K [B], reconstruction of sample 1 [B], closed-form KL [B])}
     */
    public static NDList terms(
            VaeBlock block, ParameterStore ps, NDArray x, NDArray eps, boolean training) {
        return terms(block, ps, x, null, eps, training);
    }

    /**
     * The bound and the ELBO terms of its first sample, with fresh noise from the engine's
     * generator.
     *
     * @param block the model
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param y one-hot labels {@code [B, K]} for a conditional model, else null
     * @param k samples per image, &gt;= 1
     * @param training whether gradients are being recorded
     * @return {@code (bound L_K [B], reconstruction of sample 1 [B], closed-form KL [B])}
     */
    public static NDList terms(
            VaeBlock block, ParameterStore ps, NDArray x, NDArray y, int k, boolean training) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + k);
        }
        long b = x.getShape().get(0);
        NDArray eps =
                x.getManager().randomNormal(new Shape(k, b, block.config().latentDim()));
        return terms(block, ps, x, y, eps, training);
    }

    /**
     * The bound and the ELBO terms of its first sample, for given noise.
     *
     * @param block the model
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param y one-hot labels {@code [B, K]} for a conditional model, else null
     * @param eps standard normal noise {@code [K, B, L]}
     * @param training whether gradients are being recorded
     * @return {@code (bound L_K [B], reconstruction of sample 1 [B], closed-form KL [B])}
     */
    public static NDList terms(
            VaeBlock block, ParameterStore ps, NDArray x, NDArray y, NDArray eps,
            boolean training) {
        NDList w = logWeights(block, ps, x, y, eps, training);
        NDArray bound = logMeanExp(w.get(0));
        NDArray firstNll = w.get(1).get(0);
        // Without a closed form, the KL reported is sample 1's log q - log p = -(log w + nll).
        NDArray kl = block.config().priorConfig().standardNormal()
                ? Elbo.klStandardNormal(w.get(2), w.get(3))
                : w.get(0).get(0).add(firstNll).neg();
        return new NDList(bound, firstNll, kl);
    }

    /**
     * The log importance weights.
     *
     * @param block the model
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param y one-hot labels {@code [B, K]} for a conditional model, else null
     * @param eps standard normal noise {@code [K, B, L]}
     * @param training whether gradients are being recorded
     * @return {@code (log w [K, B], -log p(x|z_k) [K, B], mu [B, L], logvar [B, L])}
     */
    public static NDList logWeights(
            VaeBlock block, ParameterStore ps, NDArray x, NDArray y, NDArray eps,
            boolean training) {
        Shape s = eps.getShape();
        long k = s.get(0);
        long b = s.get(1);
        long l = s.get(2);
        NDList post = block.encode(ps, x, y, training);
        NDArray mu = post.get(0);
        NDArray logvar = post.get(1);
        NDArray std = logvar.mul(Scalars.of(logvar, 0.5)).exp();
        // Not in place on eps: autograd needs it for the gradient of std.
        NDArray z = eps.mul(std).addi(mu);
        // Sample-major codes: row j * B + i is sample j of image i, so the labels tile whole.
        NDArray logits = block.decode(ps, z.reshape(k * b, l),
                y == null ? null : y.tile(new long[] {k, 1}), training);
        NDArray nll =
                block.reconstructionNll(ps, logits, x.tile(new long[] {k, 1}), training)
                        .reshape(k, b);
        NDArray half = Scalars.of(z, 0.5);
        NDArray logPriorOverQ;
        if (block.config().priorConfig().standardNormal()) {
            logPriorOverQ =
                    eps.square()
                            .sum(new int[] {2})
                            .add(logvar.sum(new int[] {1}))
                            .sub(z.square().sum(new int[] {2}))
                            .mul(half);
        } else {
            // log p(z) - log q(z|x) = kernel(z) + 1/2 sum_j (eps_j^2 + logvar_j).
            NDArray kernel = block.logPriorKernel(ps, z.reshape(k * b, l), training).reshape(k, b);
            logPriorOverQ = eps.square().sum(new int[] {2}).add(logvar.sum(new int[] {1}))
                    .mul(half).add(kernel);
        }
        return new NDList(logPriorOverQ.sub(nll), nll, mu, logvar);
    }

    /**
     * {@code log (1/K sum_k exp(a_k))} over the first axis, stably: the maximum is subtracted
     * before exponentiating (and treated as a constant; the gradient is the same, the softmax of
     * {@code a}), so values around -1e4 or +1e4 neither underflow nor overflow.
     *
     * @param a values {@code [K, B]}
     * @return {@code [B]}
     */
    public static NDArray logMeanExp(NDArray a) {
        long k = a.getShape().get(0);
        NDArray max = a.max(new int[] {0}).stopGradient();
        NDArray lse = a.sub(max).exp().sum(new int[] {0}).log().addi(max);
        return lse.subi(Scalars.of(lse, Math.log(k)));
    }
}
