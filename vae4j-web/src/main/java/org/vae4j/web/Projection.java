package org.vae4j.web;

import org.vae4j.viz.Pca;

/**
 * A 2-D view of the latent space: a point {@code (x, y)} stands for the code
 * {@code z = mean + x·axes[0] + y·axes[1]}, and a code projects to
 * {@code x = (z - mean)·axes[0]}, {@code y = (z - mean)·axes[1]}. The axes are orthonormal
 * (except the zero second axis of a 1-D latent space).
 *
 * @param mean the origin, length L
 * @param axes the two directions, each length L
 */
public record Projection(double[] mean, double[][] axes) {

    /**
     * The plane of latent dims 0 and 1 through the origin (L = 2 shows the whole space).
     *
     * @param latentDim L
     * @return the projection
     */
    public static Projection identity(int latentDim) {
        double[][] axes = new double[2][latentDim];
        axes[0][0] = 1;
        if (latentDim > 1) {
            axes[1][1] = 1;
        }
        return new Projection(new double[latentDim], axes);
    }

    /**
     * Principal component analysis ({@link Pca}, shared with the CLI's plots): the mean of the
     * codes and the two eigenvectors of their covariance with the largest eigenvalues, each
     * signed so that its largest-magnitude component is positive (reproducible).
     *
     * @param codes {@code [N][L]} latent codes, N &gt; 0
     * @return the projection
     */
    public static Projection pca(float[][] codes) {
        int l = codes[0].length;
        if (l <= 2 || codes.length < 2) {
            return identity(l);
        }
        Pca p = Pca.fit(codes, 2);
        return new Projection(p.mean(), new double[][] {p.component(0), p.component(1)});
    }

    /**
     * Projects a code onto the plane.
     *
     * @param z a code of length L
     * @return {@code {x, y}}
     */
    public double[] project(float[] z) {
        double x = 0;
        double y = 0;
        for (int j = 0; j < mean.length; j++) {
            double d = z[j] - mean[j];
            x += d * axes[0][j];
            y += d * axes[1][j];
        }
        return new double[] {x, y};
    }

    /**
     * The code a point of the plane stands for.
     *
     * @param x first coordinate
     * @param y second coordinate
     * @return {@code mean + x·axes[0] + y·axes[1]}
     */
    public float[] code(double x, double y) {
        float[] z = new float[mean.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) (mean[j] + x * axes[0][j] + y * axes[1][j]);
        }
        return z;
    }
}
