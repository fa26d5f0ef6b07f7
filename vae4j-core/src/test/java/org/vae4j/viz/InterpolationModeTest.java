package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Linear and spherical interpolation against values worked out by hand. */
class InterpolationModeTest {

    private static final float EPS = 1e-6f;

    @Test
    void slerpMidpointOfOrthogonalUnitVectorsIsTheirNormalisedSum() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        // Ω = π/2: weights sin(π/4)/sin(π/2) = 1/√2 each, so the point stays on the unit circle.
        float h = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {h, h, 0}, InterpolationMode.SLERP.at(a, b, 0.5), EPS);
        // A third of the way: (cos 30°, sin 30°).
        assertArrayEquals(new float[] {(float) Math.sqrt(3) / 2, 0.5f, 0},
                InterpolationMode.SLERP.at(a, b, 1 / 3.0), EPS);
        // Linear cuts the corner: (a + b)/2, of norm 1/√2 only.
        assertArrayEquals(new float[] {0.5f, 0.5f, 0}, InterpolationMode.LINEAR.at(a, b, 0.5),
                EPS);
    }

    @Test
    void slerpScalesBetweenDifferentNorms() {
        float[] a = {2, 0};
        float[] b = {0, 4};
        // sin(π/4)/sin(π/2) = 1/√2 of each: (2/√2, 4/√2).
        assertArrayEquals(new float[] {(float) Math.sqrt(2), (float) (2 * Math.sqrt(2))},
                InterpolationMode.SLERP.at(a, b, 0.5), EPS);
    }

    @Test
    void bothModesGiveTheEndpointsAtZeroAndOne() {
        float[] a = {0.3f, -1.2f, 2.5f};
        float[] b = {-0.7f, 0.4f, 1.1f};
        for (InterpolationMode m : InterpolationMode.values()) {
            assertArrayEquals(a, m.at(a, b, 0), EPS, m.name());
            assertArrayEquals(b, m.at(a, b, 1), EPS, m.name());
            float[][] path = m.path(a, b, 5);
            assertEquals(5, path.length);
            assertArrayEquals(a, path[0], m.name());
            assertArrayEquals(b, path[4], m.name());
        }
    }

    @Test
    void linearPathIsEvenlySpaced() {
        float[][] path = InterpolationMode.LINEAR.path(new float[] {0, 10}, new float[] {4, 2}, 5);
        float[][] expected = {{0, 10}, {1, 8}, {2, 6}, {3, 4}, {4, 2}};
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(expected[i], path[i], EPS, "point " + i);
        }
    }

    @Test
    void slerpFallsBackToLinearForParallelAntiParallelAndZeroVectors() {
        float[] a = {1, 2};
        // Parallel: Ω = 0, sin Ω = 0.
        assertArrayEquals(new float[] {1.5f, 3}, InterpolationMode.SLERP.at(a, new float[] {2, 4},
                0.5), EPS);
        // Anti-parallel: Ω = π, no unique great circle.
        assertArrayEquals(new float[] {0, 0}, InterpolationMode.SLERP.at(a, new float[] {-1, -2},
                0.5), EPS);
        assertArrayEquals(new float[] {0.25f, 0.5f}, InterpolationMode.SLERP.at(a,
                new float[] {-1, -2}, 0.375), EPS);
        // A zero end has no direction.
        assertArrayEquals(new float[] {0.75f, 1.5f}, InterpolationMode.SLERP.at(a, new float[2],
                0.25), EPS);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> InterpolationMode.LINEAR.path(new float[2], new float[2], 1));
        assertThrows(IllegalArgumentException.class,
                () -> InterpolationMode.SLERP.at(new float[2], new float[3], 0.5));
        assertEquals(InterpolationMode.SLERP, InterpolationMode.parse("Slerp"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InterpolationMode.parse("cubic"));
        assertEquals("interpolation mode must be linear or slerp, got 'cubic'", e.getMessage());
    }
}
