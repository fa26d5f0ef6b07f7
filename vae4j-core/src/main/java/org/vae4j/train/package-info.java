/**
 * Training: {@link org.vae4j.train.VaeTrainer} runs the loop (reparameterized ELBO, Adam, RMSprop
 * or SGD), reports to a {@link org.vae4j.train.TrainingListener} and persists state through a
 * {@link org.vae4j.train.CheckpointSink}.
 */
package org.vae4j.train;
