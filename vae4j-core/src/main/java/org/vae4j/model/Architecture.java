package org.vae4j.model;

import java.util.Locale;
import org.vae4j.util.Enums;

/** The family of encoder and decoder networks. */
public enum Architecture {
    /** Fully connected encoder and decoder (PyTorch's example VAE shape by default). */
    MLP,
    /**
     * Convolutional encoder (3×3 stride-2 convs, then a dense layer) and a mirrored decoder with
     * transposed convolutions; Keras' VAE example shape by default.
     */
    CONV,
    /**
     * Fully connected like {@link #MLP}, but every hidden layer is a gated linear unit,
     * {@code h = (W x + b) ⊙ σ(V x + c)}, instead of {@code ReLU(W x + b)}: VampPrior's
     * {@code GatedDense} (Tomczak &amp; Welling 2018), the layers behind the published
     * likelihoods of a VAE with a Gaussian prior (e.g. 228.70 nats on dynamically binarized
     * Fashion-MNIST in Exemplar VAE, Norouzi et al. 2020, with 300-300 units and L = 40).
     */
    GATED;

    /**
     * Parses an architecture name as used on the command line.
     *
     * @param s the name, e.g. {@code mlp}
     * @return the architecture
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Architecture parse(String s) {
        return Enums.parseLowerCase(Architecture.class, "model", s, Architecture::id);
    }

    /**
     * Returns the lower-case name used on the command line.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
