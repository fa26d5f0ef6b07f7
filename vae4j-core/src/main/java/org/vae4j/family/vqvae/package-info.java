/**
 * The VQ-VAE family (van den Oord et al. 2017): {@link org.vae4j.family.vqvae.VqVaeConfig},
 * the networks and {@code Codebook} (nearest-code quantisation, moving
 * averages with Laplace smoothing, k-means initialisation, dead-code restarts), {@link
 * org.vae4j.family.vqvae.VqVaeModel} (encode to code grids, decode, reconstruct, evaluate; a
 * {@link org.vae4j.model.DiscreteCoder} for a prior over codes), its step, its metrics ({@link
 * org.vae4j.family.vqvae.VqMetrics}: epoch-wide codebook usage and perplexity) and its
 * registration.
 */
package org.vae4j.family.vqvae;
