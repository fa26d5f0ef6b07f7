package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vae4j.data.ImageSet;

/** L(x): the PNG length of an image, in nats. */
class InputComplexityTest {

    @Test
    void aConstantImageIsSimplerThanNoiseAndLengthsAreInNats() {
        byte[] p = new byte[2 * 28 * 28];
        byte[] noise = new byte[28 * 28];
        new Random(1).nextBytes(noise);
        System.arraycopy(noise, 0, p, 28 * 28, noise.length); // image 0 all 0, image 1 noise
        double[] l = InputComplexity.of(new ImageSet(p, 2, 1, 28, 28, null, "two"));
        assertTrue(l[0] < l[1], "constant " + l[0] + " vs noise " + l[1]);
        // Noise does not compress: at least its 784 bytes, in nats (8 ln 2 per byte).
        assertTrue(l[1] >= 784 * 8 * Math.log(2), "noise " + l[1]);
        // A whole number of bytes.
        double bytes = l[0] / (8 * Math.log(2));
        assertEquals(Math.rint(bytes), bytes, 1e-9);
        // Deterministic.
        assertArrayEquals(l, InputComplexity.of(new ImageSet(p, 2, 1, 28, 28, null, "again")));
    }

    @Test
    void colourImagesAreEncodedInColour() {
        byte[] p = new byte[3 * 28 * 28];
        new Random(2).nextBytes(p);
        double[] rgb = InputComplexity.of(new ImageSet(p, 1, 3, 28, 28, null, "rgb"));
        byte[] gray = java.util.Arrays.copyOf(p, 28 * 28);
        double[] one = InputComplexity.of(new ImageSet(gray, 1, 1, 28, 28, null, "gray"));
        // Three noisy planes hold three times the data of one.
        assertTrue(rgb[0] > 2 * one[0], rgb[0] + " vs " + one[0]);
    }
}
