package org.vae4j.engine;

import java.util.Locale;

/**
 * The number format of the matrix products and convolutions.
 *
 * <p>{@link #BF16} is mixed precision as {@code torch.autocast("cpu", torch.bfloat16)} does it:
 * the products and convolutions of linear and convolutional layers take bf16 copies of their fp32
 * inputs and weights and return fp32 (bf16 has float32's exponent range and an 8-bit mantissa,
 * so no loss scaling is needed); everything else (activations' element-wise ops, the loss,
 * log-variances, softplus, the KL term, log-sum-exp) stays fp32, and so do the master weights,
 * their gradients, the optimizer's state and every saved file. A model trained in bf16 loads and
 * runs in fp32 anywhere, and the other way round.
 *
 * <p>{@link #AUTO} is a request, not a format: {@link #resolve()} turns it into bf16 on a CPU with
 * bf16 units ({@link CpuFeatures#bf16()}) and fp32 elsewhere, where bf16 would be emulated and
 * slower.
 */
public enum Precision {
    /** Single precision throughout (the default). */
    FP32,
    /** bf16 products and convolutions, fp32 everything else. */
    BF16,
    /** bf16 where the CPU has bf16 units, else fp32. */
    AUTO;

    /**
     * The name on the command line and in files.
     *
     * @return {@code fp32}, {@code bf16} or {@code auto}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format to compute in on this machine.
     *
     * @return this, or for {@link #AUTO} the local CPU's choice
     */
    public Precision resolve() {
        return resolve(CpuFeatures.local());
    }

    /**
     * The format to compute in on a CPU with these features.
     *
     * @param cpu the CPU
     * @return {@link #FP32} or {@link #BF16}
     */
    public Precision resolve(CpuFeatures cpu) {
        return this != AUTO ? this : cpu.bf16() ? BF16 : FP32;
    }

    /**
     * Parses {@code fp32}, {@code bf16} or {@code auto} (any case).
     *
     * @param s the text
     * @return the precision
     * @throws IllegalArgumentException naming the bad value
     */
    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision must be fp32, bf16 or auto, got " + s);
    }
}
