package org.vae4j.model;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.vae4j.util.Enums;

/**
 * The decoder's observation model p(x | z), which fixes the reconstruction term of the ELBO.
 *
 * <p>The decoder always outputs one value {@code l} per pixel (a logit for all but the
 * identity-link Gaussian); the likelihood turns it into a distribution over the pixel value
 * {@code x}:
 *
 * <ul>
 *   <li>{@link #BERNOULLI}: {@code p = sigmoid(l)}, {@code -log p(x|z) = softplus(l) - x l}
 *       summed over pixels (binary cross-entropy from logits, stable for any {@code l}).
 *   <li>{@link #GAUSSIAN}: mean {@code sigmoid(l)} with a fixed standard deviation sigma,
 *       {@code -log p(x|z) = sum (x - mean)^2 / (2 sigma^2) + D/2 log(2 pi sigma^2)}: the MSE
 *       loss, with the constant kept so that the value is a true negative log-density in nats.
 *   <li>{@link #GAUSSIAN_LEARNED}: mean {@code sigmoid(l)} and a learned standard deviation per
 *       pixel, {@code -log p(x|z) = sum_d (x_d - mean_d)^2 / (2 sigma_d^2) + log sigma_d + 1/2
 *       log(2 pi)}; {@code log sigma} is a parameter {@code [D]} of the {@link VaeBlock},
 *       initialised to the configured sigma and floored at {@link Elbo#MIN_SIGMA}.
 *   <li>{@link #GAUSSIAN_IDENTITY}: mean {@code l} itself with a fixed sigma, for real-valued
 *       data; with a linear decoder this is probabilistic PCA.
 * </ul>
 */
public enum Likelihood {
    /** Bernoulli pixels: binary cross-entropy computed from logits. */
    BERNOULLI,
    /** Gaussian pixels with a fixed standard deviation: mean squared error. */
    GAUSSIAN,
    /** Gaussian pixels, mean sigmoid(l), with a learned standard deviation per pixel. */
    GAUSSIAN_LEARNED,
    /** Gaussian with mean l (identity link) and a fixed standard deviation. */
    GAUSSIAN_IDENTITY;

    /**
     * Parses a likelihood name as used on the command line and in {@code config.json}.
     *
     * @param s {@code bernoulli} (alias {@code bce}), {@code gaussian} (alias {@code mse}),
     *     {@code gaussian-learned} or {@code gaussian-identity}
     * @return the likelihood
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Likelihood parse(String s) {
        String key = s == null ? "" : s.toLowerCase(Locale.ROOT).replace('_', '-');
        String id = key.equals("bce") ? "bernoulli" : key.equals("mse") ? "gaussian" : key;
        // Own wording, not Enums.parseLowerCase: the message lists the aliases too.
        return Enums.find(Likelihood.class, Likelihood::id, id::equals)
                .orElseThrow(() -> new IllegalArgumentException(
                        "likelihood must be one of bernoulli (bce), gaussian (mse),"
                                + " gaussian-learned, gaussian-identity, got '" + s + "'"));
    }

    /**
     * Returns the lower-case name used on the command line ({@code gaussian-learned}).
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether the standard deviation is a trained parameter rather than the configured sigma.
     *
     * @return true for {@link #GAUSSIAN_LEARNED}
     */
    public boolean learnsSigma() {
        return this == GAUSSIAN_LEARNED;
    }

    /**
     * The mean of p(x | z) from the decoder's output: {@code sigmoid(l)}, or {@code l} itself for
     * {@link #GAUSSIAN_IDENTITY}.
     *
     * @param out decoder outputs {@code [B, D]}
     * @return the means {@code [B, D]} (a new array)
     */
    public NDArray mean(NDArray out) {
        return this == GAUSSIAN_IDENTITY ? out.duplicate() : out.getNDArrayInternal().sigmoid();
    }
}
