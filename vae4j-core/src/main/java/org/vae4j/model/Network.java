package org.vae4j.model;

/**
 * The encoder/decoder layout of a {@link VaeConfig}, typed per architecture: {@link MlpNetwork}
 * (hidden widths, plain or gated units) or {@link ConvNetwork} (stride-2 conv channels, a dense
 * layer, the bottom feature map). {@code config.json} keeps one flat {@code hidden} list for
 * both, as every saved run has it; {@link VaeConfig#network()} reads it into the right one, so
 * no code asks an MLP for its conv channels.
 */
public sealed interface Network permits MlpNetwork, ConvNetwork {}
