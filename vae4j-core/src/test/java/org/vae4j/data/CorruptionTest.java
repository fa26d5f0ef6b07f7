package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorruptionTest {
    private static final String FORMS =
            "must be noise:SIGMA, saltpepper:P, mask:center or mask:random:P";

    @Test
    void parsesValidSpecs() {
        assertEquals("noise:0.1", Corruption.parse("noise:0.1").spec());
        assertEquals("noise:1", Corruption.parse(" NOISE:1.0 ").spec());
        assertEquals("noise:10", Corruption.parse("noise:1e1").spec());
        assertEquals("saltpepper:0.2", Corruption.parse("SaltPepper:0.20").spec());
        assertEquals("saltpepper:1", Corruption.parse("saltpepper:1").spec());
        assertEquals("mask:center", Corruption.parse("Mask:CENTER").spec());
        assertEquals("mask:random:0.5", Corruption.parse("mask:Random:.5").spec());
        assertFalse(Corruption.parse("noise:0.1").isMask());
        assertFalse(Corruption.parse("saltpepper:0.1").isMask());
        assertTrue(Corruption.parse("mask:center").isMask());
        assertTrue(Corruption.parse("mask:random:0.1").isMask());
        for (String s : new String[] {"noise:0.25", "saltpepper:0.05", "mask:center",
                "mask:random:0.75"}) {
            Corruption c = Corruption.parse(s);
            assertEquals(s, c.spec());
            assertEquals(c, Corruption.parse(c.spec()));
            assertEquals(s, c.toString());
        }
    }

    @Test
    void rejectsBadSpecs() {
        for (String s : new String[] {"", "noise", "noise:", "noise:abc", "blur:1",
                "mask", "mask:centre", "mask:center:1", "mask:random", "saltpepper:0.1:2",
                "noise:NaN", "noise:0x1p-3", "mask:random:0.5f"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Corruption.parse(s), s);
            assertTrue(e.getMessage().startsWith("corrupt spec '" + s + "' " + FORMS),
                    e.getMessage());
        }
        assertEquals("corrupt spec null " + FORMS,
                assertThrows(IllegalArgumentException.class, () -> Corruption.parse(null))
                        .getMessage());
        assertEquals("corrupt spec 'foo' " + FORMS, message("foo"));
        assertEquals("corrupt spec 'saltpepper:1.5' " + FORMS + ": P must be in (0, 1], got 1.5",
                message("saltpepper:1.5"));
        assertEquals("corrupt spec 'saltpepper:0' " + FORMS + ": P must be in (0, 1], got 0",
                message("saltpepper:0"));
        assertEquals("corrupt spec 'noise:0' " + FORMS + ": SIGMA must be in (0, 10], got 0",
                message("noise:0"));
        assertEquals("corrupt spec 'noise:11' " + FORMS + ": SIGMA must be in (0, 10], got 11",
                message("noise:11"));
        assertEquals("corrupt spec 'mask:random:1' " + FORMS + ": P must be in (0, 1), got 1",
                message("mask:random:1"));
        assertEquals("corrupt spec 'noise:x' " + FORMS + ": SIGMA must be a number, got 'x'",
                message("noise:x"));
        assertEquals("corrupt spec 'noise:1\\nx' " + FORMS + ": SIGMA must be a number, got"
                + " '1\\nx'", message("noise:1\nx"));
    }

    @Test
    void noiseIsDeterministicClippedAndHasTheRightSpread() {
        Corruption noise = Corruption.parse("noise:0.1");
        float[][] gray = filled(4, 2500, 0.5f);
        Corruption.Result a = noise.apply(gray, 1, 50, 50, 7);
        Corruption.Result b = noise.apply(gray, 1, 50, 50, 7);
        Corruption.Result c = noise.apply(gray, 1, 50, 50, 8);
        assertTrue(Arrays.deepEquals(a.corrupted(), b.corrupted()));
        assertFalse(Arrays.deepEquals(a.corrupted(), c.corrupted()));
        assertFalse(Arrays.equals(a.corrupted()[0], a.corrupted()[1]), "images share noise");
        assertNoneUnknown(a);

        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (float[] img : a.corrupted()) {
            for (float v : img) {
                double d = v - 0.5;
                sum += d;
                sumSq += d * d;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(0.1, std, 0.01, "empirical std");
        assertEquals(0.0, mean, 0.01, "empirical mean");

        // On black images, clipping keeps about half the pixels (those with ε <= 0) at 0.
        Corruption.Result black = Corruption.parse("noise:0.5").apply(filled(1, 10_000, 0f),
                1, 100, 100, 3);
        int changed = 0;
        for (float v : black.corrupted()[0]) {
            assertTrue(v >= 0f && v <= 1f, "value " + v);
            changed += v != 0f ? 1 : 0;
        }
        assertEquals(0.5, changed / 10_000.0, 0.03, "share of pixels changed");

        // Large noise on random images stays in [0, 1] and changes almost every pixel.
        float[][] random = randomImages(2, 784, 1);
        Corruption.Result big = Corruption.parse("noise:10").apply(random, 1, 28, 28, 5);
        for (float[] img : big.corrupted()) {
            for (float v : img) {
                assertTrue(v >= 0f && v <= 1f, "value " + v);
            }
        }
    }

    @Test
    void saltAndPepper() {
        float[][] gray = filled(1, 10_000, 0.5f);
        Corruption.Result r = Corruption.parse("saltpepper:0.2").apply(gray, 1, 100, 100, 11);
        int zeros = 0;
        int ones = 0;
        for (float v : r.corrupted()[0]) {
            if (v == 0f) {
                zeros++;
            } else if (v == 1f) {
                ones++;
            } else {
                assertEquals(0.5f, v);
            }
        }
        assertEquals(0.2, (zeros + ones) / 10_000.0, 0.03, "share corrupted");
        assertEquals(0.1, zeros / 10_000.0, 0.02, "share set to 0");
        assertEquals(0.1, ones / 10_000.0, 0.02, "share set to 1");
        assertNoneUnknown(r);
        assertArrayEquals(r.corrupted()[0], Corruption.parse("saltpepper:0.2")
                .apply(gray, 1, 100, 100, 11).corrupted()[0]);

        // In colour images a corrupted pixel is black or white in all channels.
        float[][] rgb = filled(1, 3 * 400, 0.5f);
        float[] x = Corruption.parse("saltpepper:0.5").apply(rgb, 3, 20, 20, 2).corrupted()[0];
        for (int p = 0; p < 400; p++) {
            assertEquals(x[p], x[400 + p]);
            assertEquals(x[p], x[800 + p]);
        }
    }

    @Test
    void centreMaskOn28x28() {
        float[][] images = randomImages(3, 784, 4);
        for (float[] img : images) {
            for (int p = 0; p < img.length; p++) {
                img[p] = 0.01f + 0.98f * img[p];
            }
        }
        Corruption.Result r = Corruption.parse("mask:center").apply(images, 1, 28, 28, 0);
        for (int i = 0; i < images.length; i++) {
            int masked = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int p = y * 28 + x;
                    boolean inside = y >= 7 && y <= 20 && x >= 7 && x <= 20;
                    assertEquals(inside, r.unknown()[i][p], "(" + y + "," + x + ")");
                    assertEquals(inside ? 0f : images[i][p], r.corrupted()[i][p]);
                    masked += inside ? 1 : 0;
                }
            }
            assertEquals(196, masked);
        }
    }

    @Test
    void centreMaskOddAndTinySizes() {
        // 5x7: side min(5,7)/2 = 2, rows 1..2, columns 2..3.
        boolean[] u = Corruption.parse("mask:center").apply(filled(1, 35, 1f), 1, 5, 7, 0)
                .unknown()[0];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(y >= 1 && y <= 2 && x >= 2 && x <= 3, u[y * 7 + x]);
            }
        }
        // 1x1: side at least 1.
        Corruption.Result one = Corruption.parse("mask:center").apply(filled(1, 1, 1f), 1, 1, 1,
                0);
        assertTrue(one.unknown()[0][0]);
        assertEquals(0f, one.corrupted()[0][0]);
    }

    @Test
    void randomMaskHidesAboutHalf() {
        float[][] images = filled(2, 10_000, 0.7f);
        Corruption.Result r = Corruption.parse("mask:random:0.5").apply(images, 1, 100, 100, 9);
        for (int i = 0; i < 2; i++) {
            int masked = 0;
            for (int p = 0; p < 10_000; p++) {
                if (r.unknown()[i][p]) {
                    masked++;
                    assertEquals(0f, r.corrupted()[i][p]);
                } else {
                    assertEquals(0.7f, r.corrupted()[i][p]);
                }
            }
            assertEquals(0.5, masked / 10_000.0, 0.03);
        }
        assertFalse(Arrays.equals(r.unknown()[0], r.unknown()[1]), "images share a mask");
        Corruption.Result again = Corruption.parse("mask:random:0.5").apply(images, 1, 100, 100,
                9);
        assertTrue(Arrays.deepEquals(r.unknown(), again.unknown()));
    }

    @Test
    void masksCoverAllChannels() {
        for (String spec : new String[] {"mask:center", "mask:random:0.4"}) {
            float[][] images = filled(1, 3 * 16, 0.6f);
            Corruption.Result r = Corruption.parse(spec).apply(images, 3, 4, 4, 13);
            boolean[] u = r.unknown()[0];
            int masked = 0;
            for (int p = 0; p < 16; p++) {
                assertEquals(u[p], u[16 + p], spec);
                assertEquals(u[p], u[32 + p], spec);
                for (int c = 0; c < 3; c++) {
                    assertEquals(u[p] ? 0f : 0.6f, r.corrupted()[0][c * 16 + p], spec);
                }
                masked += u[p] ? 1 : 0;
            }
            assertTrue(masked > 0 && masked < 16, spec + ": " + masked + " masked");
            if (spec.equals("mask:center")) {
                // 4x4: side 2, rows and columns 1..2.
                for (int p = 0; p < 16; p++) {
                    int y = p / 4;
                    int x = p % 4;
                    assertEquals(y >= 1 && y <= 2 && x >= 1 && x <= 2, u[p]);
                }
            }
        }
    }

    @Test
    void inputsAreUntouched() {
        float[][] images = randomImages(3, 3 * 64, 21);
        float[][] copy = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            copy[i] = images[i].clone();
        }
        for (String spec : new String[] {"noise:0.3", "saltpepper:0.5", "mask:center",
                "mask:random:0.5"}) {
            Corruption.Result r = Corruption.parse(spec).apply(images, 3, 8, 8, 1);
            assertEquals(images.length, r.corrupted().length);
            for (int i = 0; i < images.length; i++) {
                assertNotSame(images[i], r.corrupted()[i]);
                assertEquals(images[i].length, r.unknown()[i].length);
            }
            assertTrue(Arrays.deepEquals(copy, images), spec);
        }
    }

    @Test
    void validatesShapes() {
        Corruption c = Corruption.parse("noise:0.1");
        assertEquals("images[1].length is 5 but 1x2x2 images need 4",
                assertThrows(IllegalArgumentException.class,
                        () -> c.apply(new float[][] {new float[4], new float[5]}, 1, 2, 2, 0))
                        .getMessage());
        assertEquals("image dimensions must be > 0, got 1x0x2 (CxHxW)",
                assertThrows(IllegalArgumentException.class,
                        () -> c.apply(new float[0][], 1, 0, 2, 0)).getMessage());
        assertEquals(0, c.apply(new float[0][], 1, 2, 2, 0).corrupted().length);
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Corruption.parse(spec))
                .getMessage();
    }

    private static void assertNoneUnknown(Corruption.Result r) {
        for (boolean[] u : r.unknown()) {
            for (boolean b : u) {
                assertFalse(b);
            }
        }
    }

    private static float[][] filled(int n, int length, float value) {
        float[][] images = new float[n][length];
        for (float[] img : images) {
            Arrays.fill(img, value);
        }
        return images;
    }

    private static float[][] randomImages(int n, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] images = new float[n][length];
        for (float[] img : images) {
            for (int p = 0; p < length; p++) {
                img[p] = (float) rng.nextDouble();
            }
        }
        return images;
    }
}
