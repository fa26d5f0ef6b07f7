package org.vae4j.eval.quality;

import java.util.Objects;

/**
 * What a domain classifier was trained on and how well it does: saved with it, and shown next to
 * every quality result (the metrics mean little if the classifier is poor).
 *
 * @param channels C of the images it reads
 * @param height H
 * @param width W
 * @param classes K, its outputs
 * @param options how it was shaped and trained
 * @param trainFingerprint the fingerprint of its labelled training images (the cache key)
 * @param trainImages how many there were
 * @param testFingerprint the fingerprint of the images its accuracy was measured on
 * @param testImages how many there were
 * @param testAccuracy the fraction of those it classifies correctly, in [0, 1], or NaN before it
 *     is measured
 */
public record ClassifierInfo(int channels, int height, int width, int classes,
        ClassifierOptions options, String trainFingerprint, int trainImages,
        String testFingerprint, int testImages, double testAccuracy) {

    /** Checks the values. */
    public ClassifierInfo {
        if (channels < 1 || height < 4 || width < 4) {
            throw new IllegalArgumentException("the classifier needs C >= 1 and H, W >= 4, got "
                    + channels + "x" + height + "x" + width);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got "
                    + classes);
        }
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(trainFingerprint, "trainFingerprint");
        Objects.requireNonNull(testFingerprint, "testFingerprint");
        if (trainImages < 1 || testImages < 1) {
            throw new IllegalArgumentException("image counts must be >= 1, got " + trainImages
                    + " training and " + testImages + " test images");
        }
        if (!(Double.isNaN(testAccuracy) || testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("testAccuracy must be in [0, 1] or NaN, got "
                    + testAccuracy);
        }
    }

    /**
     * Returns values per image.
     *
     * @return {@code C·H·W}
     */
    public int rowWidth() {
        return channels * height * width;
    }

    /** The same with a measured accuracy. */
    ClassifierInfo withAccuracy(double accuracy) {
        return new ClassifierInfo(channels, height, width, classes, options, trainFingerprint,
                trainImages, testFingerprint, testImages, accuracy);
    }
}
