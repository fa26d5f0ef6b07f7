package org.vae4j.model;

import org.vae4j.engine.Precision;

/** A layer that can compute in bf16: see {@link Precisions#apply}. */
interface PrecisionLayer {

    /**
     * Sets the format of this layer's product or convolution.
     *
     * @param precision {@link Precision#FP32} or {@link Precision#BF16}, never AUTO
     */
    void setPrecision(Precision precision);
}
