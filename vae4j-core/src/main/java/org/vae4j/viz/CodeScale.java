package org.vae4j.viz;

import org.vae4j.data.ImageSet;
import org.vae4j.model.Encoder;

/**
 * The mean and standard deviation of each latent dimension over a set of images' codes: where a
 * manifold or traversal of a model without a prior should look.
 *
 * @param mean per dimension, {@code [L]}
 * @param sd per dimension, {@code [L]}, &gt; 0 (a constant dimension gets 1)
 */
public record CodeScale(float[] mean, float[] sd) {

    /** Checks the lengths. */
    public CodeScale {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException(
                    "mean has " + mean.length + " dimensions, sd " + sd.length);
        }
    }

    /**
     * Measures the codes of (at most {@code max} of) {@code data}.
     *
     * @param model the encoder
     * @param data images of the model's shape
     * @param max how many images to encode, &gt; 0
     * @return the scale
     */
    public static CodeScale of(Encoder model, ImageSet data, int max) {
        ImageSet used = data.size() > max ? data.first(max) : data;
        float[][] z = LatentEmbedding.of(model, used).means();
        int l = z[0].length;
        double[] sum = new double[l];
        double[] sq = new double[l];
        for (float[] row : z) {
            for (int j = 0; j < l; j++) {
                sum[j] += row[j];
                sq[j] += (double) row[j] * row[j];
            }
        }
        float[] mean = new float[l];
        float[] sd = new float[l];
        for (int j = 0; j < l; j++) {
            double m = sum[j] / z.length;
            double v = Math.max(0, sq[j] / z.length - m * m);
            mean[j] = (float) m;
            sd[j] = v > 0 ? (float) Math.sqrt(v) : 1f;
        }
        return new CodeScale(mean, sd);
    }
}
