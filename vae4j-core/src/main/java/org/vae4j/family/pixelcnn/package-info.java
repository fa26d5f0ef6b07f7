/**
 * The gated PixelCNN prior over code grids (van den Oord et al. 2016): {@link
 * org.vae4j.family.pixelcnn.PixelCnnConfig}, its masked convolutions and gated layers, {@link
 * org.vae4j.family.pixelcnn.PixelCnnModel} (score and draw grids), its step and registration,
 * and {@link org.vae4j.family.pixelcnn.PriorSampler}, which samples images from a {@link
 * org.vae4j.model.DiscreteCoder} through its prior.
 */
package org.vae4j.family.pixelcnn;
