package org.vae4j.train;

import java.util.Locale;
import org.vae4j.util.Enums;

/** The parameter update rules vae4j offers (PyTorch's defaults for their constants). */
public enum OptimizerKind {
    /** Adam (Kingma &amp; Ba 2015), beta1 = 0.9, beta2 = 0.999, eps = 1e-8. */
    ADAM,
    /** RMSprop as in PyTorch: alpha = 0.99, eps = 1e-8, no momentum, not centered. */
    RMSPROP,
    /** Stochastic gradient descent with optional (heavy-ball) momentum. */
    SGD;

    /**
     * Parses an optimizer name as used on the command line.
     *
     * @param s {@code adam}, {@code rmsprop} or {@code sgd}
     * @return the kind
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static OptimizerKind parse(String s) {
        return Enums.parseLowerCase(OptimizerKind.class, "optimizer", s, OptimizerKind::id);
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
