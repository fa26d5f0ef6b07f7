package org.vae4j.model;

import org.vae4j.data.ImageSet;

/** A model that measures its loss on a data set, in the metrics its family trains on. */
public interface Evaluator extends GenerativeModel {

    /**
     * The per-image means of the family's metrics over a data set (a VAE: {@code neg_elbo,
     * reconstruction, kl}; an autoencoder: {@code reconstruction}). Reseeds the engine's
     * generator with {@code seed}, so the result is reproducible.
     *
     * @param data images of the model's shape
     * @param batchSize images per forward pass, &gt; 0
     * @param seed seeds any sampling (posterior noise, dynamic binarization)
     * @return the metrics, in nats per image
     */
    Metrics evaluateMetrics(ImageSet data, int batchSize, long seed);
}
