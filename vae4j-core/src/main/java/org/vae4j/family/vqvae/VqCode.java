package org.vae4j.family.vqvae;

import org.vae4j.model.LatentCode;

/**
 * A VQ-VAE's code of N images: per image a grid of {@code h × w} codebook indices, the code
 * vectors they stand for, and the encoder's output before quantisation. Flattened maps are
 * row-major over the grid with the D values of a cell together: value {@code (i·w + j)·D + d} is
 * channel d of cell {@code (i, j)}.
 *
 * @param continuous the encoder's outputs {@code z_e}, {@code [N][h·w·D]}
 * @param quantized the nearest code vectors {@code z_q}, {@code [N][h·w·D]}
 * @param indices the codes' indices, {@code [N][h·w]}
 */
public record VqCode(float[][] continuous, float[][] quantized, int[][] indices)
        implements LatentCode {

    /** Checks that all three describe the same images. */
    public VqCode {
        if (continuous.length != quantized.length || quantized.length != indices.length) {
            throw new IllegalArgumentException("code sizes differ: " + continuous.length + ", "
                    + quantized.length + ", " + indices.length);
        }
    }

    /**
     * The quantised code map: what embeddings and reconstructions use.
     *
     * @return {@code z_q}, {@code [N][h·w·D]}
     */
    @Override
    public float[][] means() {
        return quantized;
    }

    /**
     * The map before quantisation: interpolation paths run through it.
     *
     * @return {@code z_e}, {@code [N][h·w·D]}
     */
    @Override
    public float[][] continuous() {
        return continuous;
    }
}
