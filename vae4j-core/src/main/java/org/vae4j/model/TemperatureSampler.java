package org.vae4j.model;

/**
 * A sampler whose draws can be sharpened or flattened: an autoregressive prior draws each
 * categorical from {@code softmax(logits / T)}; {@code T = 1} is the model itself, below 1 each
 * draw is more often the likeliest value, above 1 less.
 */
public interface TemperatureSampler extends Sampler {

    /**
     * The same sampler at another temperature; it shares this one's parameters and must not
     * outlive it (closing it frees nothing).
     *
     * @param temperature T &gt; 0
     * @return the sampler
     * @throws IllegalArgumentException if T is out of the model's range
     */
    Sampler atTemperature(double temperature);
}
