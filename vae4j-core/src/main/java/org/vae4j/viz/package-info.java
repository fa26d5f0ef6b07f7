/**
 * Pictures of what a model does. Image grids ({@link org.vae4j.viz.ImageGrid}); the visual
 * analysis of a trained VAE through its public API only (encode, decode, config), so it works
 * for every architecture: {@link org.vae4j.viz.LatentManifold} (decoded grid over a latent
 * plane), {@link org.vae4j.viz.LatentEmbedding} and {@link org.vae4j.viz.LatentScatter} (latent
 * means of a data set as CSV and an XChart scatter, PCA ({@link org.vae4j.viz.Pca}) when L &gt;
 * 2), {@link org.vae4j.viz.LatentInterpolation} (linear or slerp, strip and animated GIF) and
 * {@link org.vae4j.viz.LatentTraversal} (one dimension at a time). Results are Java arrays and
 * pictures; everything is written as PNG/GIF/CSV atomically and works headless.
 */
package org.vae4j.viz;
