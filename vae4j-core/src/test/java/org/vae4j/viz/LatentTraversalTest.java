package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.viz.TinyModel.maxDiff;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.vae4j.model.VaeModel;

/** Each traversal row changes one dimension of the base code and nothing else. */
class LatentTraversalTest {

    @Test
    void rowIDecodesTheBaseWithOnlyItsDimensionChanged() {
        float[] base = {0.5f, -1f, 0.25f};
        float[] values = {-3, -1, 1, 3}; // 4 steps over [-3, 3]
        int[] dims = {2, 0};
        try (VaeModel vae = TinyModel.create(6)) {
            LatentTraversal t = LatentTraversal.around(vae, base, dims, 3, 4);
            assertArrayEquals(new float[] {0.5f, -1f, -1f}, t.code(0, 1));
            assertArrayEquals(new float[] {3f, -1f, 0.25f}, t.code(1, 3));
            for (int r = 0; r < dims.length; r++) {
                for (int c = 0; c < values.length; c++) {
                    float[] z = base.clone();
                    z[dims[r]] = values[c];
                    assertArrayEquals(z, t.code(r, c), 1e-6f);
                    float[] want = vae.decode(new float[][] {z})[0];
                    assertTrue(maxDiff(want, t.image(r, c)) < 1e-6, "cell " + r + "," + c);
                }
            }
            // Row 0 sweeps z2, not z0: the z0 sweep decodes differently.
            float[] wrong = vae.decode(new float[][] {{-3f, -1f, 0.25f}})[0];
            assertTrue(maxDiff(wrong, t.image(0, 0)) > 1e-3);
            assertArrayEquals(base, t.base());
        }
    }

    @Test
    void pictureHasOneRowPerDimension() {
        try (VaeModel vae = TinyModel.create(7)) {
            LatentTraversal t = LatentTraversal.around(vae, new float[3], new int[] {0, 1, 2}, 2,
                    5);
            BufferedImage img = t.render(2, null);
            // Tiles of 16 pixels plus 2-pixel gaps: at least 5 x 3 of them, plus labels.
            assertTrue(img.getWidth() > 5 * 18 + 2, "width " + img.getWidth());
            assertTrue(img.getHeight() > 3 * 18 + 2, "height " + img.getHeight());
        }
    }

    @Test
    void rejectsBadArguments() {
        try (VaeModel vae = TinyModel.create(8)) {
            assertEquals("dimension 3 is not in [0, 3)", assertThrows(
                    IllegalArgumentException.class, () -> LatentTraversal.around(vae,
                            new float[3], new int[] {3}, 3, 5)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.around(vae,
                    new float[3], new int[] {1, 1}, 3, 5));
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.around(vae,
                    new float[2], new int[] {0}, 3, 5));
            assertThrows(IllegalArgumentException.class, () -> LatentTraversal.around(vae,
                    new float[3], new int[] {0}, 3, 1));
        }
    }
}
