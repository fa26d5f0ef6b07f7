package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageSetTest {
    @Test
    void copyPixelsMapsBytesToUnitInterval() {
        // Image 0 all 0, image 1 all 255, image 2 all 128, image 3 mixed.
        byte[] p = new byte[4 * 6];
        java.util.Arrays.fill(p, 6, 12, (byte) 255);
        java.util.Arrays.fill(p, 12, 18, (byte) 128);
        for (int k = 0; k < 6; k++) {
            p[18 + k] = (byte) (k * 51);
        }
        ImageSet s = new ImageSet(p, 4, 2, 1, 3, null, "t");
        assertEquals(6, s.pixelsPerImage());

        float[] dst = new float[3 * 6];
        s.copyPixels(new int[] {9, 2, 1, 0, 9}, 1, 3, dst);
        for (int k = 0; k < 6; k++) {
            assertEquals(128 / 255f, dst[k]);
            assertEquals(1f, dst[6 + k]);
            assertEquals(0f, dst[12 + k]);
        }

        float[] one = new float[8];
        one[0] = -1;
        one[7] = -1;
        s.copyPixels(3, one, 1);
        assertEquals(-1f, one[0]);
        assertEquals(-1f, one[7]);
        for (int k = 0; k < 6; k++) {
            assertEquals(k * 51 / 255f, one[1 + k]);
        }
        assertEquals(255, s.pixel(1, 5));

        assertThrows(IndexOutOfBoundsException.class,
                () -> s.copyPixels(new int[] {0, 4}, 0, 2, new float[12]));
        assertThrows(IndexOutOfBoundsException.class,
                () -> s.copyPixels(new int[] {0, 1}, 0, 2, new float[11]));
        assertThrows(IndexOutOfBoundsException.class, () -> s.copyPixels(0, new float[6], 1));
    }

    @Test
    void constructorValidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[10], 2, 1, 2, 2, null, "t"));
        assertTrue(e.getMessage().contains("10") && e.getMessage().contains("8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[0], 0, 1, 2, 2, null, "t"));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[0], 1, 1, 0, 2, null, "t"));
        assertTrue(e.getMessage().contains("1x0x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[8], 2, 1, 2, 2, new int[3], "t"));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        ImageSet unlabelled = new ImageSet(new byte[4], 1, 1, 2, 2, null, "t");
        assertFalse(unlabelled.hasLabels());
        assertThrows(IllegalStateException.class, () -> unlabelled.label(0));
    }

    @Test
    void subsetAndFirstKeepLabelsAligned() {
        ImageSet s = TestData.constantImages(10, 2, 3);
        ImageSet sub = s.subset(new int[] {7, 2, 2, 9}, "sub");
        assertEquals(4, sub.size());
        assertEquals("sub", sub.source());
        int[] expected = {7, 2, 2, 9};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k] % 10, sub.label(k));
            assertEquals(expected[k], sub.pixel(k, 5));
        }

        ImageSet first = s.first(3);
        assertEquals(3, first.size());
        assertArrayEquals(new int[] {0, 1, 2}, first.labels());
        for (int k = 0; k < 3; k++) {
            assertEquals(k, first.pixel(k, 0));
        }
        assertTrue(first.source().contains("first 3"), first.source());
        assertSame(s, s.first(10));
        assertThrows(IllegalArgumentException.class, () -> s.first(0));
        assertThrows(IllegalArgumentException.class, () -> s.first(11));
    }

    @Test
    void labelsAreCopies() {
        ImageSet s = TestData.constantImages(3, 1, 1);
        int[] l = s.labels();
        l[0] = 99;
        assertEquals(0, s.label(0));
    }

    @Test
    void fingerprintTracksContent() {
        byte[] p = TestData.pixels(5, 4, 4, 7);
        int[] l = TestData.labels(5);
        ImageSet a = new ImageSet(p.clone(), 5, 1, 4, 4, l.clone(), "a");
        ImageSet b = new ImageSet(p.clone(), 5, 1, 4, 4, l.clone(), "b");
        assertTrue(a.fingerprint().matches("sha256:[0-9a-f]{64}"), a.fingerprint());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(), a.fingerprint());

        byte[] p2 = p.clone();
        p2[37]++;
        assertNotEquals(a.fingerprint(), new ImageSet(p2, 5, 1, 4, 4, l.clone(), "a")
                .fingerprint());
        int[] l2 = l.clone();
        l2[4] = 0;
        assertNotEquals(a.fingerprint(), new ImageSet(p.clone(), 5, 1, 4, 4, l2, "a")
                .fingerprint());
        assertNotEquals(a.fingerprint(), new ImageSet(p.clone(), 5, 1, 4, 4, null, "a")
                .fingerprint());
        // Same bytes, different shape.
        assertNotEquals(a.fingerprint(), new ImageSet(p.clone(), 5, 1, 2, 8, l.clone(), "a")
                .fingerprint());
    }

    @Test
    void binarizedStaticThresholdsAt128() {
        byte[] p = new byte[256];
        for (int v = 0; v < 256; v++) {
            p[v] = (byte) v;
        }
        ImageSet s = new ImageSet(p, 1, 1, 16, 16, new int[] {3}, "ramp");
        ImageSet b = s.binarizedStatic();
        for (int v = 0; v < 256; v++) {
            assertEquals(v >= 128 ? 255 : 0, b.pixel(0, v), "value " + v);
            assertEquals(v, s.pixel(0, v), "original unchanged");
        }
        assertEquals(3, b.label(0));
        assertEquals(16, b.height());
    }

    @Test
    void classNamesTravelWithSubsetsAndAreChecked() {
        ImageSet s = new ImageSet(new byte[4], 4, 1, 1, 1, new int[] {0, 1, 1, 0},
                java.util.List.of("cats", "dogs"), "t");
        assertEquals(java.util.List.of("cats", "dogs"), s.classNames());
        assertEquals(java.util.List.of("cats", "dogs"), s.subset(new int[] {1}, "u").classNames());
        assertEquals(java.util.List.of("cats", "dogs"), s.first(2).classNames());
        assertEquals(java.util.List.of("cats", "dogs"), s.binarizedStatic().classNames());
        assertEquals(java.util.List.of(), new ImageSet(new byte[1], 1, 1, 1, 1, null, "t")
                .classNames());
        assertEquals(s.fingerprint(), new ImageSet(new byte[4], 4, 1, 1, 1,
                new int[] {0, 1, 1, 0}, "t").fingerprint(), "names are not part of the hash");
        ImageSet renamed = s.withClassNames(java.util.List.of("a", "b", "c"));
        assertEquals("c", renamed.classNames().get(2));
        assertThrows(UnsupportedOperationException.class, () -> s.classNames().set(0, "x"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.withClassNames(java.util.List.of("only")));
        assertTrue(e.getMessage().contains("label 1") && e.getMessage().contains("1 class names"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ImageSet(new byte[1], 1, 1, 1,
                1, null, java.util.List.of("a"), "t"));
        assertTrue(e.getMessage().contains("need labels"), e.getMessage());
        assertEquals(EmbeddedData.FASHION_MNIST_CLASSES[7],
                EmbeddedData.fashionMnistTest().classNames().get(7));
    }
}
