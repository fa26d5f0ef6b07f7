package org.vae4j.model;

import java.util.Locale;

/**
 * The decoder's observation model p(x | z), which fixes the reconstruction term of the ELBO.
 *
 * <p>The decoder always outputs one logit {@code l} per pixel; the likelihood turns it into a
 * distribution over the pixel value {@code x} in [0, 1]:
 *
 * <ul>
 *   <li>{@link #BERNOULLI}: {@code p = sigmoid(l)}, {@code -log p(x|z) = softplus(l) - x l}
 *       summed over pixels (binary cross-entropy from logits, stable for any {@code l}).
 *   <li>{@link #GAUSSIAN}: mean {@code sigmoid(l)} with a fixed standard deviation sigma,
 *       {@code -log p(x|z) = sum (x - mean)^2 / (2 sigma^2) + D/2 log(2 pi sigma^2)}: the MSE
 *       loss, with the constant kept so that the value is a true negative log-density in nats.
 * </ul>
 */
public enum Likelihood {
    /** Bernoulli pixels: binary cross-entropy computed from logits. */
    BERNOULLI,
    /** Gaussian pixels with a fixed standard deviation: mean squared error. */
    GAUSSIAN;

    /**
     * Parses a likelihood name as used on the command line and in {@code config.json}.
     *
     * @param s {@code bernoulli} (alias {@code bce}) or {@code gaussian} (alias {@code mse})
     * @return the likelihood
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Likelihood parse(String s) {
        switch (s == null ? "" : s.toLowerCase(Locale.ROOT)) {
            case "bernoulli":
            case "bce":
                return BERNOULLI;
            case "gaussian":
            case "mse":
                return GAUSSIAN;
            default:
                throw new IllegalArgumentException(
                        "likelihood must be one of bernoulli (bce), gaussian (mse), got '"
                                + s
                                + "'");
        }
    }

    /**
     * Returns the lower-case name used on the command line.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
