package org.vae4j.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.vae4j.util.SourceNames;

/**
 * A seeded division of an image set into training and validation images.
 *
 * @param train the training images, never {@code null}
 * @param validation the validation images, or {@code null} if none were held out
 */
public record Split(ImageSet train, ImageSet validation) {
    /**
     * Checks that there is a training set.
     *
     * @param train the training images
     * @param validation the validation images, or {@code null}
     */
    public Split {
        Objects.requireNonNull(train, "train");
    }

    /**
     * Shuffles the image indices with {@code SplittableRandom(seed)} (Fisher–Yates) and holds out
     * the last {@code round(n*validationFraction)} of them for validation: at least one if the
     * fraction is positive, and at most {@code n-1} so training keeps one. Each part keeps the
     * original relative order of its images.
     *
     * @param all the images to divide
     * @param validationFraction in {@code [0, 1)}; 0 means no validation set
     * @param seed shuffle seed: the same seed gives the same division
     * @return with fraction 0, {@code all} itself and {@code null}; otherwise two new sets whose
     *     sources are qualified {@code "train split"} and {@code "validation split"}
     * @throws IllegalArgumentException if the fraction is outside {@code [0, 1)} or a positive
     *     fraction is asked of a single image
     */
    public static Split of(ImageSet all, double validationFraction, long seed) {
        return of(all, validationFraction, seed, "train split", "validation split");
    }

    /**
     * Like {@link #of(ImageSet, double, long)}, naming the parts for what they are used as: a
     * set halved to be tested on is no "validation split" of a training run.
     *
     * @param all the images to divide
     * @param validationFraction in {@code [0, 1)}; 0 means no validation set
     * @param seed shuffle seed: the same seed gives the same division
     * @param trainQualifier added to {@code all.source()} for the first part (through {@link
     *     SourceNames#qualify}), e.g. {@code "training half"}
     * @param validationQualifier added for the held-out part
     * @return as {@link #of(ImageSet, double, long)}, with these names
     */
    public static Split of(ImageSet all, double validationFraction, long seed, String trainQualifier,
            String validationQualifier) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(
                    "validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (validationFraction == 0) {
            return new Split(all, null);
        }
        int n = all.size();
        if (n < 2) {
            throw new IllegalArgumentException("cannot hold out a validation fraction of "
                    + validationFraction + " from a single image (" + all.source() + ")");
        }
        int nVal = (int) Math.min(n - 1, Math.max(1, Math.round(n * validationFraction)));
        int[] order = Shuffler.permutation(n, new SplittableRandom(seed));
        int[] train = Arrays.copyOfRange(order, 0, n - nVal);
        int[] validation = Arrays.copyOfRange(order, n - nVal, n);
        // Sorted, so each part is in file order: sequential copies, stable sample grids.
        Arrays.sort(train);
        Arrays.sort(validation);
        return new Split(all.subset(train, SourceNames.qualify(all.source(), trainQualifier)),
                all.subset(validation, SourceNames.qualify(all.source(), validationQualifier)));
    }
}
