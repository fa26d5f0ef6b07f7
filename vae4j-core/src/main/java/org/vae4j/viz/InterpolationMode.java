package org.vae4j.viz;

import org.vae4j.util.Enums;

/**
 * How to walk from one latent code to another.
 *
 * <ul>
 *   <li>{@link #LINEAR}: {@code z(t) = (1 - t)·a + t·b}.
 *   <li>{@link #SLERP}: spherical linear interpolation (Shoemake 1985; White 2016, "Sampling
 *       Generative Networks", for VAE latents): with {@code Ω} the angle between {@code a} and
 *       {@code b}, {@code z(t) = sin((1 - t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b}. Under a Gaussian
 *       prior most mass lies near a sphere, and the straight line between two codes cuts
 *       through its low-norm interior; slerp follows the arc instead.
 * </ul>
 *
 * <p>Both give {@code a} at {@code t = 0} and {@code b} at {@code t = 1}. Slerp is undefined
 * when {@code sin Ω} vanishes ({@code a} and {@code b} parallel or anti-parallel, or either is
 * zero); it then falls back to the linear path.
 */
public enum InterpolationMode {
    /** Straight line. */
    LINEAR,
    /** Great-circle arc, scaled between the two norms. */
    SLERP;

    /** Below this {@code |sin Ω|} slerp's weights lose all precision; linear is used instead. */
    private static final double PARALLEL = 1e-6;

    /**
     * The point at fraction {@code t} of the way from {@code a} to {@code b}.
     *
     * @param a start, length L
     * @param b end, length L
     * @param t fraction, usually in [0, 1]
     * @return a new code of length L
     */
    public float[] at(float[] a, float[] b, double t) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "codes differ in length: " + a.length + " != " + b.length);
        }
        double wa = 1 - t;
        double wb = t;
        if (this == SLERP) {
            double na = norm(a);
            double nb = norm(b);
            if (na > 0 && nb > 0) {
                double dot = 0;
                for (int j = 0; j < a.length; j++) {
                    dot += (double) a[j] * b[j];
                }
                double omega = Math.acos(Math.max(-1, Math.min(1, dot / (na * nb))));
                double sin = Math.sin(omega);
                if (Math.abs(sin) > PARALLEL) {
                    wa = Math.sin((1 - t) * omega) / sin;
                    wb = Math.sin(t * omega) / sin;
                }
            }
        }
        float[] z = new float[a.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (float) (wa * a[j] + wb * b[j]);
        }
        return z;
    }

    /**
     * {@code steps} evenly spaced points from {@code a} to {@code b}, both included: point
     * {@code i} is {@link #at at(a, b, i / (steps - 1))}.
     *
     * @param a start, length L
     * @param b end, length L
     * @param steps number of points, &gt;= 2
     * @return {@code [steps][L]}; row 0 equals {@code a}, the last row equals {@code b}
     */
    public float[][] path(float[] a, float[] b, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2, got " + steps);
        }
        float[][] out = new float[steps][];
        for (int i = 0; i < steps; i++) {
            out[i] = at(a, b, i / (double) (steps - 1));
        }
        // Exact endpoints: sin(Ω)/sin(Ω) need not round to exactly 1.
        out[0] = a.clone();
        out[steps - 1] = b.clone();
        return out;
    }

    /**
     * Parses a mode name, case-insensitively.
     *
     * @param name {@code linear} or {@code slerp}
     * @return the mode
     */
    public static InterpolationMode parse(String name) {
        // Own wording ("linear or slerp"), which users and tests already see.
        return Enums.find(InterpolationMode.class, InterpolationMode::name,
                        n -> n.equalsIgnoreCase(name))
                .orElseThrow(() -> new IllegalArgumentException(
                        "interpolation mode must be linear or slerp, got '" + name + "'"));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
