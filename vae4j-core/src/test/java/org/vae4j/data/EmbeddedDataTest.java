package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedDataTest {
    @Test
    void fashionMnistTestSet() {
        ImageSet s = EmbeddedData.fashionMnistTest();
        assertEquals(10_000, s.size());
        assertEquals(1, s.channels());
        assertEquals(28, s.height());
        assertEquals(28, s.width());
        assertEquals(784, s.pixelsPerImage());
        assertEquals("embedded Fashion-MNIST test set (10,000 images)", s.source());
        assertTrue(s.hasLabels());

        int[] perClass = new int[10];
        for (int l : s.labels()) {
            assertTrue(l >= 0 && l <= 9, "label " + l);
            perClass[l]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, perClass[c], "images of class " + c);
        }

        float[] all = new float[s.size() * s.pixelsPerImage()];
        int[] indices = Shuffler.permutation(s.size(), 0, 0);
        s.copyPixels(indices, 0, s.size(), all);
        double sum = 0;
        for (float v : all) {
            sum += v;
        }
        double mean = sum / all.length;
        assertTrue(mean > 0.2 && mean < 0.4, "pixel mean " + mean);
    }

    @Test
    void classNamesAndLicence() throws IOException {
        assertEquals(10, EmbeddedData.FASHION_MNIST_CLASSES.length);
        assertEquals("T-shirt/top", EmbeddedData.FASHION_MNIST_CLASSES[0]);
        assertEquals("Ankle boot", EmbeddedData.FASHION_MNIST_CLASSES[9]);
        try (InputStream in = EmbeddedData.class.getResourceAsStream(
                EmbeddedData.LICENSE_RESOURCE)) {
            assertNotNull(in, EmbeddedData.LICENSE_RESOURCE);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("MIT"), text);
        }
    }

    @Test
    void eachCallLoadsAFreshEqualSet() {
        ImageSet a = EmbeddedData.fashionMnistTest();
        ImageSet b = EmbeddedData.fashionMnistTest();
        assertTrue(a != b);
        assertEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void partsOfTheEmbeddedSetAreKnownByTheirSourceName() {
        ImageSet all = EmbeddedData.fashionMnistTest();
        assertTrue(EmbeddedData.isSourceOf(all.source()));
        assertTrue(EmbeddedData.isSourceOf(all.first(600).source()), all.first(600).source());
        assertTrue(EmbeddedData.isSourceOf(
                "embedded Fashion-MNIST test set (10,000 images) (first 600 images)"), "older runs");
        assertFalse(EmbeddedData.isSourceOf("/data/digits (first 600 images)"));
        assertFalse(EmbeddedData.isSourceOf("embedded Fashion-MNIST test set (10,000 imagesX)"));
    }
}
