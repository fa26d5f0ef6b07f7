package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatentClassifierTest {

    private static final int DIM = 5;
    /** Blob centres differ only in features 0..2; features 3 and 4 are pure noise. */
    private static final int NOISE_FEATURE = 4;

    /** Labelled train set plus test set. */
    private record Data(double[][] trainX, int[] trainY, double[][] testX, int[] testY) {}

    /** 3 Gaussian blobs in 5-D: class c has mean 8 on feature c, 0 elsewhere, unit variance. */
    private static double[][] blobs(int[] labels, Random rnd) {
        double[][] x = new double[labels.length][DIM];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < DIM; j++) {
                x[i][j] = rnd.nextGaussian() + (j == labels[i] ? 8.0 : 0.0);
            }
        }
        return x;
    }

    private static int[] balancedLabels(int perClass, int classes) {
        int[] y = new int[perClass * classes];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    private static Data blobData(long seed) {
        Random rnd = new Random(seed);
        int[] trainY = balancedLabels(10, 3);
        int[] testY = balancedLabels(100, 3);
        return new Data(blobs(trainY, rnd), trainY, blobs(testY, rnd), testY);
    }

    private static ClassifierAccuracy row(List<ClassifierAccuracy> rows, String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }

    private static double[][] scaleFeature(double[][] x, int feature, double factor) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            out[i][feature] *= factor;
        }
        return out;
    }

    // ---------------------------------------------------------------- sampleLabelled

    @Test
    void sampleLabelledPicksExactlyPerClassDistinctIndices() {
        Random rnd = new Random(1);
        int[] labels = new int[500];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 3 * rnd.nextInt(4) + 1; // classes 1, 4, 7, 10, unbalanced, interleaved
        }
        int perClass = 7;
        int[] idx = LatentClassifier.sampleLabelled(labels, perClass, 42L);
        assertEquals(4 * perClass, idx.length);
        Set<Integer> seen = new HashSet<>();
        int[] counts = new int[11];
        for (int i : idx) {
            assertTrue(i >= 0 && i < labels.length, "index out of range: " + i);
            assertTrue(seen.add(i), "duplicate index " + i);
            counts[labels[i]]++;
        }
        for (int c : new int[] {1, 4, 7, 10}) {
            assertEquals(perClass, counts[c], "class " + c);
        }
        // Grouped by class, ascending.
        for (int g = 0; g < 4; g++) {
            for (int k = 0; k < perClass; k++) {
                assertEquals(3 * g + 1, labels[idx[g * perClass + k]]);
            }
        }
    }

    @Test
    void sampleLabelledIsDeterministicPerSeedAndVariesAcrossSeeds() {
        int[] labels = balancedLabels(50, 3);
        int[] a = LatentClassifier.sampleLabelled(labels, 5, 123L);
        int[] b = LatentClassifier.sampleLabelled(labels, 5, 123L);
        int[] c = LatentClassifier.sampleLabelled(labels, 5, 124L);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "different seeds gave the same sample");
        int[] sortedA = a.clone();
        int[] sortedC = c.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedC);
        assertFalse(Arrays.equals(sortedA, sortedC), "different seeds picked the same set");
    }

    @Test
    void sampleLabelledCanTakeAWholeClass() {
        int[] labels = {2, 0, 2, 0, 1, 1};
        int[] idx = LatentClassifier.sampleLabelled(labels, 2, 9L);
        int[] sorted = idx.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, sorted);
    }

    @Test
    void sampleLabelledRejectsTooSmallClassAndBadPerClass() {
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
        var e = assertThrows(IllegalArgumentException.class, () -> LatentClassifier.sampleLabelled(labels, 4, 1L));
        assertTrue(e.getMessage().contains("class 2"), e.getMessage());
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LatentClassifier.sampleLabelled(labels, 0, 1L));
        assertThrows(IllegalArgumentException.class, () -> LatentClassifier.sampleLabelled(new int[0], 1, 1L));
    }

    // ---------------------------------------------------------------- evaluate

    @Test
    void separatedBlobsAreClassifiedAlmostPerfectly() {
        Data d = blobData(7L);
        List<ClassifierAccuracy> rows =
                LatentClassifier.evaluate("blobs", d.trainX(), d.trainY(), d.testX(), d.testY(), 10);
        assertEquals(2, rows.size());
        assertEquals(List.of("logistic", "knn"), rows.stream().map(ClassifierAccuracy::method).toList());
        for (ClassifierAccuracy r : rows) {
            assertEquals("blobs", r.features());
            assertEquals(10, r.labelsPerClass());
            assertEquals(30, r.trainSize());
            assertEquals(300, r.testSize());
            assertTrue(r.accuracy() > 0.95, r.toString());
        }
    }

    @Test
    void arbitraryLabelValuesAndOneLabelPerClassWithUnlabelledStatistics() {
        Random rnd = new Random(11L);
        int[] trainY = balancedLabels(1, 3);
        int[] testY = balancedLabels(100, 3);
        double[][] trainX = blobs(trainY, rnd);
        double[][] testX = blobs(testY, rnd);
        double[][] unlabelled = blobs(balancedLabels(100, 3), rnd);
        int[] remap = {10, -3, 42};
        int[] trainL = Arrays.stream(trainY).map(c -> remap[c]).toArray();
        int[] testL = Arrays.stream(testY).map(c -> remap[c]).toArray();
        // With 1 label per class, std estimated on 3 points is unreliable; the unlabelled pool fixes it.
        // (Even then 3 points cannot pin down a 5-D classifier exactly: ~0.93 on average over seeds.)
        List<ClassifierAccuracy> rows =
                LatentClassifier.evaluate("blobs", trainX, trainL, testX, testL, 1, unlabelled);
        for (ClassifierAccuracy r : rows) {
            assertEquals(3, r.trainSize());
            assertTrue(r.accuracy() > 0.8, r.toString());
        }
        double[][] narrow = Arrays.stream(unlabelled).map(r -> Arrays.copyOf(r, 3)).toArray(double[][]::new);
        assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("blobs", trainX, trainL, testX, testL, 1, narrow));
    }

    @Test
    void randomLabelsGiveChanceAccuracy() {
        Data d = blobData(8L);
        Random rnd = new Random(99L);
        int[] trainY = d.trainY().clone();
        int[] testY = new int[d.testY().length];
        for (int i = 0; i < trainY.length; i++) {
            trainY[i] = rnd.nextInt(3);
        }
        for (int i = 0; i < testY.length; i++) {
            testY[i] = rnd.nextInt(3);
        }
        // Make sure all 3 classes occur in the random training labels.
        trainY[0] = 0;
        trainY[1] = 1;
        trainY[2] = 2;
        List<ClassifierAccuracy> rows = LatentClassifier.evaluate("noise", d.trainX(), trainY, d.testX(), testY, 10);
        for (ClassifierAccuracy r : rows) {
            assertTrue(r.accuracy() < 0.6, r.toString());
        }
    }

    @Test
    void standardizationMakesKnnInsensitiveToFeatureScale() {
        Data d = blobData(9L);
        double base = row(LatentClassifier.evaluate("blobs", d.trainX(), d.trainY(), d.testX(), d.testY(), 10,
                d.trainX()), "knn").accuracy();
        // Blow up the uninformative feature: without standardization it would swamp the distances
        // and k-NN would fall to chance; with it, nothing changes.
        double[][] trainS = scaleFeature(d.trainX(), NOISE_FEATURE, 1e6);
        double[][] testS = scaleFeature(d.testX(), NOISE_FEATURE, 1e6);
        List<ClassifierAccuracy> scaled = LatentClassifier.evaluate("blobs", trainS, d.trainY(), testS, d.testY(), 10,
                trainS);
        assertTrue(base > 0.95, "base " + base);
        assertEquals(base, row(scaled, "knn").accuracy(), 0.02);
        assertTrue(row(scaled, "logistic").accuracy() > 0.95, scaled.toString());
    }

    @Test
    void rawFeaturesKeepInactiveDimensionsQuiet() {
        // Like latent units a VAE left inactive: 20 extra features with tiny noise. As they are,
        // they cannot disturb distances; standardized, they become full-scale noise.
        Data d = blobData(12L);
        Random rnd = new Random(5L);
        double[][] trainI = withQuietFeatures(d.trainX(), 20, rnd);
        double[][] testI = withQuietFeatures(d.testX(), 20, rnd);
        double raw = row(LatentClassifier.evaluate("inactive", trainI, d.trainY(), testI, d.testY(), 10),
                "knn").accuracy();
        double standardized = row(LatentClassifier.evaluate("inactive", trainI, d.trainY(), testI, d.testY(),
                10, trainI), "knn").accuracy();
        assertTrue(raw > 0.95, "raw " + raw);
        assertTrue(standardized < raw - 0.05, "standardized " + standardized + " vs raw " + raw);
    }

    private static double[][] withQuietFeatures(double[][] x, int extra, Random rnd) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = Arrays.copyOf(x[i], x[i].length + extra);
            for (int j = x[i].length; j < out[i].length; j++) {
                out[i][j] = 1e-4 * rnd.nextGaussian();
            }
        }
        return out;
    }

    @Test
    void constantFeatureIsHandled() {
        Data d = blobData(10L);
        double[][] trainC = scaleFeature(d.trainX(), NOISE_FEATURE, 0.0);
        double[][] testC = scaleFeature(d.testX(), NOISE_FEATURE, 0.0);
        for (ClassifierAccuracy r : LatentClassifier.evaluate("c", trainC, d.trainY(), testC, d.testY(), 10)) {
            assertTrue(r.accuracy() > 0.95, r.toString());
        }
    }

    @Test
    void lengthAndShapeMismatchesAreRejectedWithCounts() {
        Data d = blobData(12L);
        int[] shortY = Arrays.copyOf(d.trainY(), 29);
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("f", d.trainX(), shortY, d.testX(), d.testY(), 10));
        assertTrue(e1.getMessage().contains("30") && e1.getMessage().contains("29"), e1.getMessage());

        int[] longTestY = Arrays.copyOf(d.testY(), 301);
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("f", d.trainX(), d.trainY(), d.testX(), longTestY, 10));
        assertTrue(e2.getMessage().contains("300") && e2.getMessage().contains("301"), e2.getMessage());

        double[][] narrowTest = Arrays.stream(d.testX()).map(r -> Arrays.copyOf(r, 4)).toArray(double[][]::new);
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("f", d.trainX(), d.trainY(), narrowTest, d.testY(), 10));
        assertTrue(e3.getMessage().contains("4") && e3.getMessage().contains("5"), e3.getMessage());

        double[][] nanTrain = scaleFeature(d.trainX(), 0, Double.NaN);
        assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("f", nanTrain, d.trainY(), d.testX(), d.testY(), 10));
        int[] oneClass = new int[30];
        assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("f", d.trainX(), oneClass, d.testX(), d.testY(), 10));
        assertThrows(IllegalArgumentException.class,
                () -> LatentClassifier.evaluate("f", new double[0][], new int[0], d.testX(), d.testY(), 10));
    }

    @Test
    void tribuoRunsWithoutTheExcludedJars() {
        // The pom excludes Tribuo's command-line-only dependencies: tribuo-data (with opencsv and
        // commons-*), tribuo-common-tree and jline. The tests above exercised Tribuo's logistic
        // regression and k-NN, so they work without them. Smile (GPL-3.0) must not come back.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tribuo.data.DataOptions"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.opencsv.CSVReader"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.tribuo.common.tree.DecisionTreeTrainer"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jline.reader.LineReader"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("smile.classification.KNN"));
    }
}
