/**
 * What a model is and can do: {@link org.vae4j.model.GenerativeModel} and its capabilities
 * ({@link org.vae4j.model.Encoder}, {@link org.vae4j.model.Decoder}, {@link
 * org.vae4j.model.Reconstructor}, {@link org.vae4j.model.Sampler}, {@link
 * org.vae4j.model.Evaluator}, {@link org.vae4j.model.LikelihoodScorer}, {@link
 * org.vae4j.model.DiscreteCoder}), {@link
 * org.vae4j.model.LatentCode}s, named {@link org.vae4j.model.Metrics}, the shared networks
 * ({@link org.vae4j.model.Networks}, {@link org.vae4j.model.Network}) and the Gaussian VAE built
 * from them: {@link org.vae4j.model.VaeBlock}, {@link org.vae4j.model.VaeConfig}, {@link
 * org.vae4j.model.VaeModel}, the ELBO and IWAE terms.
 */
package org.vae4j.model;
