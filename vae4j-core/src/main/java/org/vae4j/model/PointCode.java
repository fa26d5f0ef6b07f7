package org.vae4j.model;

/**
 * A deterministic code per image, as a plain autoencoder's encoder gives it: {@code z = f(x)}.
 *
 * @param z the codes, {@code [N][L]}
 */
public record PointCode(float[][] z) implements LatentCode {

    /** Checks the array. */
    public PointCode {
        if (z == null) {
            throw new IllegalArgumentException("codes must be given");
        }
    }

    @Override
    public float[][] means() {
        return z;
    }
}
