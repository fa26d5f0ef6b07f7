/**
 * The VAE family: its registration ({@link org.vae4j.family.vae.VaeFamily}) and its training step
 * (ELBO and IWAE). The network, configuration and model it builds ({@code VaeBlock}, {@code
 * VaeConfig}, {@code VaeModel}) stay in {@code org.vae4j.model}, where evaluation (importance
 * sampling, active units, anomaly scores) and the coming Gaussian-latent families use them too.
 */
package org.vae4j.family.vae;
