package org.vae4j.model;

import java.util.Locale;

/** The prior {@code p(z)} of a VAE's latent code. */
public enum PriorKind {
    /** The standard normal {@code N(0, I)}: a closed-form KL term. */
    GAUSSIAN,
    /**
     * The VampPrior (Tomczak &amp; Welling 2018): the mixture of the encoder's posteriors at K
     * learned pseudo-inputs, {@code p(z) = 1/K sum_k q(z | u_k)}; no closed-form KL.
     */
    VAMP;

    /**
     * Parses a command-line name.
     *
     * @param s {@code gaussian} or {@code vamp}
     * @return the kind
     * @throws IllegalArgumentException naming the choices
     */
    public static PriorKind parse(String s) {
        for (PriorKind k : values()) {
            if (k.id().equals(s == null ? null : s.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown prior '" + s + "'; choose gaussian or vamp");
    }

    /**
     * The command-line name.
     *
     * @return {@code gaussian} or {@code vamp}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
