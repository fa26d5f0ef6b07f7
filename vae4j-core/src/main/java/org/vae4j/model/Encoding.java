package org.vae4j.model;

/**
 * Posterior parameters of a batch of images: {@code q(z|x) = N(mu, diag(exp(logvar)))}, the
 * Gaussian {@link LatentCode}.
 *
 * @param mu means, {@code [N][L]}
 * @param logvar log-variances, {@code [N][L]}
 */
public record Encoding(float[][] mu, float[][] logvar) implements LatentCode {

    /** Checks that both arrays describe the same number of images. */
    public Encoding {
        if (mu.length != logvar.length) {
            throw new IllegalArgumentException(
                    "mu and logvar sizes differ: " + mu.length + " != " + logvar.length);
        }
    }

    /**
     * The posterior means.
     *
     * @return {@code mu}
     */
    @Override
    public float[][] means() {
        return mu;
    }
}
