package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The terms of the evidence lower bound, per image, in nats.
 *
 * <p>{@code -ELBO(x) = E_q[-log p(x|z)] + KL(q(z|x) || p(z))}, estimated with one posterior sample
 * for the reconstruction term and computed in closed form for the KL term. Every method returns a
 * vector {@code [B]} with one value per image, so callers decide how to reduce (mean for the
 * training loss, sum for metrics). Constants are {@link Scalars} tensors, never Java numbers,
 * because these functions run inside the autograd graph.
 */
public final class Elbo {

    /** Floor of the learned standard deviation: see {@link #gaussianLearnedNll}. */
    public static final double MIN_SIGMA = 1e-3;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private Elbo() {}

    /**
     * Bernoulli negative log-likelihood from logits: {@code sum_d softplus(l_d) - x_d l_d}.
     *
     * <p>This equals binary cross-entropy of {@code sigmoid(l)} against {@code x}, but never
     * evaluates {@code log(sigmoid(l))}, which underflows to -inf for large |l|. PyTorch's
     * softplus switches to the identity above 20, so the value stays finite and exact.
     *
     * @param logits decoder logits {@code [B, D]}
     * @param x targets in [0, 1] {@code [B, D]}
     * @return {@code [B]}
     */
    public static NDArray bernoulliNll(NDArray logits, NDArray x) {
        return logits.getNDArrayInternal().softPlus().subi(x.mul(logits)).sum(new int[] {1});
    }

    /**
     * Gaussian negative log-density with mean {@code sigmoid(l)} and fixed standard deviation:
     * {@code sum_d (x_d - sigmoid(l_d))^2 / (2 sigma^2) + D/2 log(2 pi sigma^2)}.
     *
     * @param logits decoder logits {@code [B, D]}
     * @param x targets {@code [B, D]}
     * @param sigma the standard deviation, &gt; 0
     * @return {@code [B]}
     */
    public static NDArray gaussianNll(NDArray logits, NDArray x, double sigma) {
        long d = x.getShape().get(1);
        double constant = 0.5 * d * (LOG_2PI + 2 * Math.log(sigma));
        // sigmoid's backward reads its output, so the subtraction must not overwrite it.
        NDArray sq = logits.getNDArrayInternal().sigmoid().sub(x).square().sum(new int[] {1});
        return sq.muli(Scalars.of(sq, 1.0 / (2 * sigma * sigma))).addi(Scalars.of(sq, constant));
    }

    /**
     * Gaussian negative log-density with the identity link, mean {@code l} itself, and a fixed
     * standard deviation: {@code sum_d (x_d - l_d)^2 / (2 sigma^2) + D/2 log(2 pi sigma^2)}.
     *
     * @param means decoder outputs, the means {@code [B, D]}
     * @param x targets {@code [B, D]}
     * @param sigma the standard deviation, &gt; 0
     * @return {@code [B]}
     */
    public static NDArray gaussianIdentityNll(NDArray means, NDArray x, double sigma) {
        long d = x.getShape().get(1);
        double constant = 0.5 * d * (LOG_2PI + 2 * Math.log(sigma));
        NDArray sq = means.sub(x).square().sum(new int[] {1});
        return sq.muli(Scalars.of(sq, 1.0 / (2 * sigma * sigma))).addi(Scalars.of(sq, constant));
    }

    /**
     * Gaussian negative log-density with mean {@code sigmoid(l)} and a learned standard deviation
     * per pixel: {@code sum_d (x_d - sigmoid(l_d))^2 / (2 sigma_d^2) + log sigma_d + 1/2 log(2
     * pi)} with {@code log sigma_d = max(logSigma_d, log MIN_SIGMA)}.
     *
     * <p>The floor {@link #MIN_SIGMA} exists because the density is unbounded: on a pixel that is
     * 0 in every image the decoder can drive both the residual and sigma towards 0 and the
     * "negative log-likelihood" towards minus infinity. Below the floor sigma gets no gradient.
     *
     * @param logits decoder logits {@code [B, D]}
     * @param x targets {@code [B, D]}
     * @param logSigma the learned log standard deviations {@code [D]}
     * @return {@code [B]}
     */
    public static NDArray gaussianLearnedNll(NDArray logits, NDArray x, NDArray logSigma) {
        long d = x.getShape().get(1);
        NDArray ls = logSigma.maximum(Scalars.of(logSigma, Math.log(MIN_SIGMA)));
        // 1 / (2 sigma^2); exp's backward reads its output, so no in-place op on it.
        NDArray halfPrecision = ls.mul(Scalars.of(ls, -2)).exp().mul(Scalars.of(ls, 0.5));
        NDArray sq = logits.getNDArrayInternal().sigmoid().sub(x).square();
        NDArray sum = sq.mul(halfPrecision).addi(ls).sum(new int[] {1});
        return sum.addi(Scalars.of(sum, 0.5 * d * LOG_2PI));
    }

    /**
     * The reconstruction term {@code -log p(x|z)} under a likelihood with a fixed sigma.
     *
     * @param likelihood the observation model; not {@link Likelihood#GAUSSIAN_LEARNED}
     * @param sigma the Gaussian standard deviation (ignored for Bernoulli)
     * @param logits decoder outputs {@code [B, D]}
     * @param x targets {@code [B, D]}
     * @return {@code [B]}
     * @throws IllegalArgumentException for the learned-sigma likelihood, which needs its
     *     parameter: use {@link #reconstructionNll(VaeConfig, NDArray, NDArray, NDArray)}
     */
    public static NDArray reconstructionNll(
            Likelihood likelihood, double sigma, NDArray logits, NDArray x) {
        return switch (likelihood) {
            case BERNOULLI -> bernoulliNll(logits, x);
            case GAUSSIAN -> gaussianNll(logits, x, sigma);
            case GAUSSIAN_IDENTITY -> gaussianIdentityNll(logits, x, sigma);
            case GAUSSIAN_LEARNED -> throw new IllegalArgumentException(
                    "the gaussian-learned likelihood needs the model's learned log sigma");
        };
    }

    /**
     * The reconstruction term {@code -log p(x|z)} of a model.
     *
     * @param config the model's configuration (likelihood and fixed sigma)
     * @param logSigma the learned log standard deviations {@code [D]} ({@link
     *     VaeBlock#logSigma}); required for {@link Likelihood#GAUSSIAN_LEARNED}, else ignored
     * @param logits decoder outputs {@code [B, D]}
     * @param x targets {@code [B, D]}
     * @return {@code [B]}
     */
    public static NDArray reconstructionNll(
            VaeConfig config, NDArray logSigma, NDArray logits, NDArray x) {
        if (config.likelihood().learnsSigma()) {
            if (logSigma == null) {
                throw new IllegalArgumentException(
                        "the gaussian-learned likelihood needs the model's learned log sigma");
            }
            return gaussianLearnedNll(logits, x, logSigma);
        }
        return reconstructionNll(config.likelihood(), config.sigma(), logits, x);
    }

    /**
     * {@code KL(N(mu, exp(logvar)) || N(0, I)) = 1/2 sum_j (mu_j^2 + exp(logvar_j) - 1 -
     * logvar_j)}.
     *
     * @param mu posterior means {@code [B, L]}
     * @param logvar posterior log-variances {@code [B, L]}
     * @return {@code [B]}
     */
    public static NDArray klStandardNormal(NDArray mu, NDArray logvar) {
        return klPerUnit(mu, logvar).sum(new int[] {1});
    }

    /**
     * The KL term of each latent unit, {@code 1/2 (mu_j^2 + exp(logvar_j) - 1 - logvar_j)}: what
     * free bits and active-unit statistics look at.
     *
     * @param mu posterior means {@code [B, L]}
     * @param logvar posterior log-variances {@code [B, L]}
     * @return {@code [B, L]}
     */
    public static NDArray klPerUnit(NDArray mu, NDArray logvar) {
        NDArray terms = mu.square().addi(logvar.exp()).subi(logvar).subi(Scalars.of(mu, 1));
        return terms.muli(Scalars.of(terms, 0.5));
    }

    /**
     * The KL part of the training loss with free bits (Kingma et al. 2016): {@code sum_j
     * max(lambda, mean_batch KL_j)}. Units whose batch-mean KL is below lambda get no gradient
     * from the KL term, so the encoder is not pushed to collapse them.
     *
     * @param mu posterior means {@code [B, L]}
     * @param logvar posterior log-variances {@code [B, L]}
     * @param lambda nats per unit, &gt;= 0
     * @return a scalar
     */
    public static NDArray klWithFreeBits(NDArray mu, NDArray logvar, double lambda) {
        NDArray perUnit = klPerUnit(mu, logvar).mean(new int[] {0});
        return perUnit.maximum(Scalars.of(perUnit, lambda)).sum();
    }

    /**
     * KL divergence between two diagonal Gaussians, {@code KL(N(mu1, v1) || N(mu2, v2)) = 1/2
     * sum_j (log v2_j - log v1_j + (v1_j + (mu1_j - mu2_j)^2) / v2_j - 1)}.
     *
     * @param mu1 means of q {@code [B, L]}
     * @param logvar1 log-variances of q {@code [B, L]}
     * @param mu2 means of p {@code [B, L]}
     * @param logvar2 log-variances of p {@code [B, L]}
     * @return {@code [B]}
     */
    public static NDArray klDiagonal(NDArray mu1, NDArray logvar1, NDArray mu2, NDArray logvar2) {
        NDArray ratio = logvar1.exp().add(mu1.sub(mu2).square()).div(logvar2.exp());
        NDArray sum = ratio.addi(logvar2).subi(logvar1).subi(Scalars.of(ratio, 1)).sum(
                new int[] {1});
        return sum.muli(Scalars.of(sum, 0.5));
    }

    /**
     * Both ELBO terms for one forward pass of a {@link VaeBlock} with a fixed-sigma likelihood.
     *
     * @param config the model's configuration (likelihood and sigma)
     * @param forward the block's output {@code (mu, logvar, logits)}
     * @param x the targets {@code [B, D]}
     * @return {@code (reconstruction [B], kl [B])}
     */
    public static NDList terms(VaeConfig config, NDList forward, NDArray x) {
        return terms(config, null, forward, x);
    }

    /**
     * Both ELBO terms for one forward pass of a {@link VaeBlock}.
     *
     * @param config the model's configuration (likelihood and sigma)
     * @param logSigma the learned log standard deviations {@code [D]}, or null unless the
     *     likelihood is {@link Likelihood#GAUSSIAN_LEARNED}
     * @param forward the block's output {@code (mu, logvar, logits)}
     * @param x the targets {@code [B, D]}
     * @return {@code (reconstruction [B], kl [B])}
     */
    public static NDList terms(VaeConfig config, NDArray logSigma, NDList forward, NDArray x) {
        NDArray rec = reconstructionNll(config, logSigma, forward.get(2), x);
        NDArray kl = klStandardNormal(forward.get(0), forward.get(1));
        return new NDList(rec, kl);
    }
}
