/**
 * The plain autoencoder family: {@link org.vae4j.family.ae.AeConfig}, {@link
 * org.vae4j.family.ae.AeBlock}, {@link org.vae4j.family.ae.AeModel} (encode, decode, reconstruct,
 * evaluate; no sampling, no likelihood), its step and its registration.
 */
package org.vae4j.family.ae;
