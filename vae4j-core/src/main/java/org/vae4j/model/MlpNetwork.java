package org.vae4j.model;

import java.util.List;

/**
 * A fully connected encoder with these hidden widths (the decoder mirrors them in reverse).
 *
 * @param hidden the encoder's hidden widths, e.g. {@code [400]}
 * @param gated true for gated linear units ({@link Architecture#GATED}), false for ReLU layers
 */
public record MlpNetwork(List<Integer> hidden, boolean gated) implements Network {

    /** Copies the widths. */
    public MlpNetwork {
        hidden = List.copyOf(hidden);
    }
}
