/**
 * VAE networks and their configuration: {@link org.vae4j.model.VaeBlock} (encoder, reparameterized
 * sampling, decoder), {@link org.vae4j.model.VaeConfig} and the public {@link
 * org.vae4j.model.VaeModel} API that works with Java arrays.
 */
package org.vae4j.model;
