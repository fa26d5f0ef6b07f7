package org.vae4j.eval;

/**
 * Test accuracy of one classifier trained on a few labelled feature vectors (the "M1"
 * semi-supervised baseline of Kingma et al. 2014). Produced by {@link LatentClassifier#evaluate}.
 *
 * @param features name of the feature representation, e.g. {@code "latent-mean"} or {@code "pixels"}
 * @param method classifier name: {@code "logistic"}, {@code "knn"} or {@code "spread"}
 *     ({@link LabelSpreading})
 * @param labelsPerClass number of labelled training examples per class
 * @param trainSize number of labelled training examples in total
 * @param testSize number of test examples scored
 * @param accuracy fraction of test examples classified correctly, in {@code [0, 1]}
 */
public record ClassifierAccuracy(
        String features, String method, int labelsPerClass, int trainSize, int testSize, double accuracy) {

    /** Checks names, positive counts and that the accuracy is a fraction. */
    public ClassifierAccuracy {
        if (features == null || features.isBlank()) {
            throw new IllegalArgumentException("features must be a non-blank name");
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must be a non-blank name");
        }
        if (labelsPerClass <= 0 || trainSize <= 0 || testSize <= 0) {
            throw new IllegalArgumentException("labelsPerClass, trainSize and testSize must be > 0, got "
                    + labelsPerClass + ", " + trainSize + ", " + testSize);
        }
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
        }
    }
}
