/**
 * Sample quality, measured: a small classifier of the data's own domain ({@link
 * org.vae4j.eval.quality.DomainClassifier}, LeNet-5's shape, trained once per data set and cached
 * by {@link org.vae4j.eval.quality.ClassifierCache}), and on its penultimate-layer features the
 * Fréchet distance of FID's formula ("FD-LeNet", {@link
 * org.vae4j.eval.quality.FrechetDistance}), k-NN precision and recall ({@link
 * org.vae4j.eval.quality.KnnManifold}), and the classifier's confidence and class histogram of
 * the samples ({@link org.vae4j.eval.quality.SampleQuality}). Not FID: no Inception network.
 */
package org.vae4j.eval.quality;
