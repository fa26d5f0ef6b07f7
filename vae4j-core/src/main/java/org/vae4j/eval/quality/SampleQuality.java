package org.vae4j.eval.quality;

import java.util.Objects;
import org.vae4j.data.Dataset;

/**
 * How close a model's samples are to real images, seen through a domain classifier
 * ({@link DomainClassifier}): "FD-LeNet", the Fréchet distance of FID's formula between the
 * Gaussians fitted to the two sets' penultimate-layer features ({@link FrechetDistance}); the
 * k-NN precision and recall of Kynkäänniemi et al. 2019 on the same features ({@link
 * KnnManifold}); and what the classifier says of the samples: its mean confidence and the
 * histogram of the classes it assigns them.
 *
 * <p>FD-LeNet is not FID: the features come from a small classifier trained on the data's own
 * training split, not from Inception, so its numbers are comparable only between models scored
 * with the same classifier (same data, same {@link ClassifierOptions}) and the same N; the
 * distance of finite samples is biased upwards, more so for small N.
 *
 * @param frechetDistance FD-LeNet, ≥ 0 (0 for identical feature statistics)
 * @param precisionRecall k-NN precision and recall
 * @param meanConfidence the mean over samples of the classifier's largest softmax probability,
 *     in [1/K, 1]
 * @param referenceConfidence the same over the real images, for comparison
 * @param classHistogram the fraction of samples assigned to each class (sums to 1; copied)
 * @param samples N of the samples
 * @param references N of the real images
 * @param classifier the classifier and its test accuracy
 */
public record SampleQuality(double frechetDistance, PrecisionRecall precisionRecall,
        double meanConfidence, double referenceConfidence, double[] classHistogram,
        int samples, int references, ClassifierInfo classifier) {

    /** Checks the values and copies the histogram. */
    public SampleQuality {
        if (!(frechetDistance >= 0) || Double.isInfinite(frechetDistance)) {
            throw new IllegalArgumentException("frechetDistance must be finite and >= 0, got "
                    + frechetDistance);
        }
        Objects.requireNonNull(precisionRecall, "precisionRecall");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(classHistogram, "classHistogram");
        if (classHistogram.length != classifier.classes()) {
            throw new IllegalArgumentException("classHistogram has " + classHistogram.length
                    + " bins but the classifier has " + classifier.classes() + " classes");
        }
        if (samples < 1 || references < 1) {
            throw new IllegalArgumentException("counts must be >= 1, got " + samples
                    + " samples and " + references + " references");
        }
        classHistogram = classHistogram.clone();
    }

    /**
     * Scores samples against real images.
     *
     * @param classifier the domain classifier
     * @param samples {@code [N][C·H·W]} pixel values in [0, 1]
     * @param reference real images of the same shape
     * @param k the neighbour of the k-NN manifolds ({@link KnnManifold#DEFAULT_K})
     * @return the scores
     */
    public static SampleQuality measure(DomainClassifier classifier, float[][] samples,
            Dataset reference, int k) {
        return compare(classifier.embed(samples), classifier.embed(reference),
                classifier.info(), k);
    }

    /**
     * Scores embedded samples against embedded real images (embed the reference once to score
     * several sets against it).
     *
     * @param samples the samples' embedding
     * @param reference the real images' embedding
     * @param classifier the classifier that made both
     * @param k the neighbour of the k-NN manifolds
     * @return the scores
     */
    public static SampleQuality compare(Embedding samples, Embedding reference,
            ClassifierInfo classifier, int k) {
        double fd = FrechetDistance.between(samples.features(), reference.features());
        PrecisionRecall pr = KnnManifold.precisionRecall(reference.features(),
                samples.features(), k);
        double[] histogram = new double[classifier.classes()];
        for (int label : samples.predictions()) {
            histogram[label] += 1.0 / samples.size();
        }
        return new SampleQuality(fd, pr, meanMaximum(samples.probabilities()),
                meanMaximum(reference.probabilities()), histogram, samples.size(),
                reference.size(), classifier);
    }

    /**
     * Returns precision.
     *
     * @return the fraction of samples in the real manifold
     */
    public double precision() {
        return precisionRecall.precision();
    }

    /**
     * Returns recall.
     *
     * @return the fraction of real images in the samples' manifold
     */
    public double recall() {
        return precisionRecall.recall();
    }

    @Override
    public double[] classHistogram() {
        return classHistogram.clone();
    }

    /**
     * The entropy of the class histogram divided by its maximum, {@code −Σ h_k ln h_k / ln K}:
     * 1 when every class is drawn equally often, 0 when only one is.
     *
     * @return in [0, 1]
     */
    public double histogramEvenness() {
        double h = 0;
        for (double p : classHistogram) {
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return Math.min(1, Math.max(0, h / Math.log(classHistogram.length)));
    }

    /**
     * The largest gap between a class's share and the uniform share, {@code max_k |h_k − 1/K|}.
     *
     * @return in [0, 1 − 1/K]
     */
    public double maxDeviationFromUniform() {
        double uniform = 1.0 / classHistogram.length;
        double max = 0;
        for (double p : classHistogram) {
            max = Math.max(max, Math.abs(p - uniform));
        }
        return max;
    }

    private static double meanMaximum(float[][] probabilities) {
        double sum = 0;
        for (float[] row : probabilities) {
            float max = 0;
            for (float v : row) {
                max = Math.max(max, v);
            }
            sum += max;
        }
        return sum / probabilities.length;
    }
}
