package org.vae4j.model;

import java.util.List;

/**
 * A convolutional encoder: per channel width a 3×3 stride-2 convolution, then a dense layer; the
 * decoder mirrors it with transposed convolutions.
 *
 * @param channels the conv layers' channel widths, e.g. {@code [32, 64]}
 * @param denseUnits the dense layer's width, e.g. 16
 * @param bottomHeight height of the last feature map, {@code H / 2^layers}
 * @param bottomWidth width of the last feature map, {@code W / 2^layers}
 */
public record ConvNetwork(List<Integer> channels, int denseUnits, int bottomHeight,
        int bottomWidth) implements Network {

    /** Copies the widths. */
    public ConvNetwork {
        channels = List.copyOf(channels);
    }
}
