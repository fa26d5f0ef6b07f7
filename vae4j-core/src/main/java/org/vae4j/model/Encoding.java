package org.vae4j.model;

/**
 * Posterior parameters of a batch of images: {@code q(z|x) = N(mu, diag(exp(logvar)))}.
 *
 * @param mu means, {@code [N][L]}
 * @param logvar log-variances, {@code [N][L]}
 */
public record Encoding(float[][] mu, float[][] logvar) {

    /** Checks that both arrays describe the same number of images. */
    public Encoding {
        if (mu.length != logvar.length) {
            throw new IllegalArgumentException(
                    "mu and logvar sizes differ: " + mu.length + " != " + logvar.length);
        }
    }

    /**
     * Returns the number of encoded images.
     *
     * @return N
     */
    public int size() {
        return mu.length;
    }
}
