package org.vae4j.cli;

import org.vae4j.model.Reconstructor;
import org.vae4j.data.Corruption;

/**
 * Reconstruction of corrupted images, with iterative inpainting for masks: each round encodes and
 * decodes the current guess, then puts the known pixels back, so only the unknown ones change.
 */
final class Denoising {

    private Denoising() {}

    /** Errors against the originals, as mean squared error per pixel. */
    record Errors(double corrupted, double reconstructed, double corruptedUnknown,
            double reconstructedUnknown) {}

    /**
     * Returns the model's estimate of the originals.
     *
     * @param vae the model
     * @param corrupted the corrupted images and which of their pixels are unknown (masks)
     * @param rounds inpainting rounds (0 = one plain reconstruction)
     * @param labels the images' labels for a conditional model, else null
     * @return the estimates
     */
    static float[][] restore(Reconstructor vae, Corruption.Result corrupted, int rounds,
            int[] labels) {
        float[][] guess = vae.reconstruct(corrupted.corrupted(), labels);
        for (int r = 0; r < rounds; r++) {
            float[][] x = new float[guess.length][];
            for (int i = 0; i < guess.length; i++) {
                x[i] = corrupted.corrupted()[i].clone();
                boolean[] u = corrupted.unknown()[i];
                for (int p = 0; p < u.length; p++) {
                    if (u[p]) {
                        x[i][p] = guess[i][p];
                    }
                }
            }
            guess = vae.reconstruct(x, labels);
            if (r == rounds - 1) {
                // The answer keeps the known pixels exactly and takes the model's unknown ones.
                for (int i = 0; i < guess.length; i++) {
                    boolean[] u = corrupted.unknown()[i];
                    for (int p = 0; p < u.length; p++) {
                        if (!u[p]) {
                            guess[i][p] = corrupted.corrupted()[i][p];
                        }
                    }
                }
            }
        }
        return guess;
    }

    /** Mean squared errors over all pixels and over the unknown ones (NaN if none). */
    static Errors errors(float[][] originals, Corruption.Result c, float[][] restored) {
        double se1 = 0;
        double se2 = 0;
        double su1 = 0;
        double su2 = 0;
        long n = 0;
        long nu = 0;
        for (int i = 0; i < originals.length; i++) {
            for (int p = 0; p < originals[i].length; p++) {
                double e1 = c.corrupted()[i][p] - originals[i][p];
                double e2 = restored[i][p] - originals[i][p];
                se1 += e1 * e1;
                se2 += e2 * e2;
                n++;
                if (c.unknown()[i][p]) {
                    su1 += e1 * e1;
                    su2 += e2 * e2;
                    nu++;
                }
            }
        }
        return new Errors(se1 / n, se2 / n, nu == 0 ? Double.NaN : su1 / nu,
                nu == 0 ? Double.NaN : su2 / nu);
    }
}
