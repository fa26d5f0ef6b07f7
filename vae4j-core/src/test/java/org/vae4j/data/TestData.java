package org.vae4j.data;

import java.util.SplittableRandom;

/** Small deterministic data for the tests of this package. */
final class TestData {
    private TestData() {
    }

    /** {@code count*rows*cols} pseudo-random bytes covering the whole 0..255 range. */
    static byte[] pixels(int count, int rows, int cols, long seed) {
        byte[] p = new byte[count * rows * cols];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(256);
        }
        return p;
    }

    /** Labels {@code i % 10}. */
    static int[] labels(int count) {
        int[] l = new int[count];
        for (int i = 0; i < count; i++) {
            l[i] = i % 10;
        }
        return l;
    }

    /** A labelled grayscale set whose image {@code i} has every pixel equal to {@code i}. */
    static ImageSet constantImages(int count, int rows, int cols) {
        byte[] p = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(p, i * rows * cols, (i + 1) * rows * cols, (byte) i);
        }
        return new ImageSet(p, count, 1, rows, cols, labels(count), "constant test images");
    }
}
