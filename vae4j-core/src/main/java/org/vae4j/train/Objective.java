package org.vae4j.train;

import java.util.Locale;
import org.vae4j.util.Enums;

/** What training maximises. */
public enum Objective {
    /**
     * The evidence lower bound (Kingma &amp; Welling 2014), one posterior sample per image with the
     * KL term in closed form: {@code loss = E_q[-log p(x|z)] + beta * KL(q(z|x) || p(z))}.
     */
    ELBO,
    /**
     * The importance-weighted bound (Burda et al. 2016, https://arxiv.org/abs/1509.00519) with K
     * samples per image: {@code loss = -mean_b [logsumexp_k log w_k - log K]}, {@code log w_k =
     * log p(x|z_k) + log p(z_k) - log q(z_k|x)}. K = 1 is the ELBO (with a sampled KL term); the
     * bound tightens towards log p(x) as K grows.
     */
    IWAE;

    /**
     * Parses an objective name as used on the command line.
     *
     * @param s {@code elbo} or {@code iwae}
     * @return the objective
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Objective parse(String s) {
        return Enums.parseLowerCase(Objective.class, "objective", s, Objective::id);
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
