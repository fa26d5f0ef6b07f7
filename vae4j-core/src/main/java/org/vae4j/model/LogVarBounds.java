package org.vae4j.model;

import java.util.List;

/**
 * Bounds on the encoder's posterior log-variances: {@code logvar = clamp(h, min, max)}, the
 * hardtanh that VampPrior (Tomczak &amp; Welling 2018) puts on its encoders with {@code [-6, 2]}.
 *
 * <p>Why: with an unbounded head one large output makes {@code exp(logvar)} — and with it the
 * KL term — overflow (float32's exp overflows above 88). A gated MLP trained at lr 1e-3 spiked at
 * epochs 335 and 341 and hit an infinite KL at 344; the same model with these bounds trained 450
 * epochs without a spike (one run each, see bench/RESULTS.md). Inside the bounds the head is
 * unchanged; outside them its gradient is zero, as with PyTorch's {@code hardtanh}.
 *
 * @param min the smallest log-variance, finite
 * @param max the largest log-variance, finite and &gt; min
 */
public record LogVarBounds(double min, double max) {

    /** VampPrior's bounds, {@code [-6, 2]}: posterior standard deviations in [0.05, 2.7]. */
    public static final LogVarBounds VAMPPRIOR = new LogVarBounds(-6, 2);

    /** Checks the bounds; messages name the bad values. */
    public LogVarBounds {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(
                    "log-variance bounds must be finite, got " + min + ", " + max);
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(
                    "log-variance bounds need min < max, got " + min + ", " + max);
        }
    }

    /**
     * Bounds from a two-element list {@code [min, max]}, as a command line gives them.
     *
     * @param values {@code [min, max]}
     * @return the bounds
     * @throws IllegalArgumentException unless there are exactly two valid values
     */
    public static LogVarBounds of(List<Double> values) {
        // Not values.contains(null): List.of's contains throws on a null argument.
        if (values == null || values.size() != 2 || values.get(0) == null
                || values.get(1) == null) {
            throw new IllegalArgumentException(
                    "log-variance bounds are two numbers MIN,MAX, got " + values);
        }
        return new LogVarBounds(values.get(0), values.get(1));
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
