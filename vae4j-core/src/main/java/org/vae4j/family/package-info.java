/**
 * Model families: {@link org.vae4j.family.ModelFamily} and the one registry, {@link
 * org.vae4j.family.Families}. Each family is a sub-package with its configuration, network,
 * training step and capabilities: {@code vae} (MLP, conv and gated VAEs, conditional VAEs; ELBO
 * and IWAE) and {@code ae} (the plain autoencoder). It sits above {@code train} (a family's step
 * is a {@link org.vae4j.train.TrainStep}) and below {@code eval}, {@code io} and {@code viz}.
 */
package org.vae4j.family;
