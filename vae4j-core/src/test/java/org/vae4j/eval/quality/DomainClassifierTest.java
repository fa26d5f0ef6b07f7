package org.vae4j.eval.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vae4j.data.ImageSet;

/** The classifier's outputs: shapes, batch independence, reproducibility for a seed. */
class DomainClassifierTest {

    private static final ClassifierOptions TINY = new ClassifierOptions(2, 1, 16, 1e-2, 0.2, 3);

    @Test
    void embeddingsDoNotDependOnTheChunkAndSeedsRepeat() {
        ImageSet train = ClassifierCacheTest.halves(64, 1);
        // 503 images: the last chunk of 500 is partial.
        ImageSet many = ClassifierCacheTest.halves(503, 5);
        try (DomainClassifier a = ClassifierTraining.train(train, train, TINY, null);
                DomainClassifier b = ClassifierTraining.train(train, train, TINY, null)) {
            Embedding all = a.embed(many);
            assertEquals(503, all.size());
            assertEquals(LeNet.FEATURES, all.features()[0].length);
            assertEquals(2, all.probabilities()[0].length);
            float[][] rows = many.toRows(null);
            for (int i : new int[] {0, 499, 500, 502}) {
                Embedding one = a.embed(new float[][] {rows[i]});
                // Inference mode: batch norm's running statistics, no dropout.
                assertArrayEquals(all.features()[i], one.features()[0], 1e-5f, "image " + i);
                float[] p = all.probabilities()[i];
                assertEquals(1, p[0] + p[1], 1e-5);
            }
            // The same seed trains the same classifier.
            assertArrayEquals(all.features()[7], b.embed(many).features()[7], 0f);
            assertEquals(a.info(), b.info());
        }
    }

    @Test
    void rowsOfAnotherWidthAreRefused() {
        ImageSet train = ClassifierCacheTest.halves(64, 1);
        try (DomainClassifier c = ClassifierTraining.train(train, train, TINY, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.embed(new float[][] {new float[63]}));
            assertEquals("image 0 has 63 values but the classifier reads 1x8x8 = 64",
                    e.getMessage());
        }
    }
}
