/**
 * Mult-VAE and Mult-DAE (Liang et al., "Variational Autoencoders for Collaborative Filtering",
 * WWW 2018): autoencoders of users' item sets with a multinomial likelihood, registered as the
 * families {@code multvae} and {@code multdae}; they train through the shared {@link
 * org.vae4j.train.Trainer} on sparse rows densified per batch, report NDCG@100 and recalls on
 * held-out users each epoch, and keep the epoch with the best validation NDCG@100 ({@link
 * org.vae4j.family.multvae.BestNdcg}).
 */
package org.vae4j.family.multvae;
