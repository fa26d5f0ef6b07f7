package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.viz.TinyModel.maxDiff;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.VaeModel;

/** Which code each manifold cell decodes, and the picture's layout. */
class LatentManifoldTest {

    @TempDir Path tmp;

    @Test
    void cellsDecodeTheExpectedCodes() {
        try (VaeModel vae = TinyModel.create(3)) {
            // 3x3 over [-2, 2]: v = (-2, 0, 2); x = z2 (columns), y = z0 (rows, top = largest).
            LatentManifold m = LatentManifold.decode(vae, 3, 2, 2, 0);
            float[][][] expected = new float[3][3][];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    float y = new float[] {2, 0, -2}[r];
                    float x = new float[] {-2, 0, 2}[c];
                    expected[r][c] = new float[] {y, 0, x};
                }
            }
            assertArrayEquals(new float[] {2, 0, -2}, m.code(0, 0));
            assertArrayEquals(new float[] {-2, 0, 0}, m.code(2, 1));
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    assertArrayEquals(expected[r][c], m.code(r, c), "code " + r + "," + c);
                    float[] want = vae.decode(new float[][] {expected[r][c]})[0];
                    assertTrue(maxDiff(want, m.image(r, c)) < 1e-6, "image " + r + "," + c);
                }
            }
            // The check can fail: the transposed/flipped cell decodes something visibly different.
            float[] flipped = vae.decode(new float[][] {{-2, 0, 2}})[0];
            assertTrue(maxDiff(flipped, m.image(0, 0)) > 1e-3);
        }
    }

    @Test
    void gridIsTilesWithoutGapsAndTheFigureIsLarger() throws Exception {
        try (VaeModel vae = TinyModel.create(4)) {
            LatentManifold m = LatentManifold.decode(vae, 4, 1.5, 0, 1);
            BufferedImage grid = m.renderGrid(3);
            assertEquals(4 * 8 * 3, grid.getWidth());
            assertEquals(4 * 8 * 3, grid.getHeight());
            // Pixel (x=5, y=2) of cell (row 2, column 1), scaled 3x, starts at (24 + 15, 48 + 6).
            float v = m.image(2, 1)[2 * 8 + 5];
            assertEquals(Math.round(v * 255), grid.getRGB(24 + 15, 48 + 6) & 0xFF);
            Path png = tmp.resolve("m.png");
            m.writePng(png, null);
            BufferedImage read = ImageIO.read(png.toFile());
            int scale = m.autoScale();
            assertEquals(4, scale, "32 pixels per side is far below 800: the cap of 4x");
            assertTrue(read.getWidth() > 4 * 8 * scale && read.getHeight() > 4 * 8 * scale);
        }
    }

    @Test
    void rejectsBadArguments() {
        try (VaeModel vae = TinyModel.create(5)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LatentManifold.decode(vae, 3, 2, 0, 3));
            assertEquals("dims 0,3: need two different dimensions in [0, 3)", e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> LatentManifold.decode(vae, 3, 2, 1, 1));
            assertThrows(IllegalArgumentException.class,
                    () -> LatentManifold.decode(vae, 1, 2, 0, 1));
            assertThrows(IllegalArgumentException.class,
                    () -> LatentManifold.decode(vae, 3, 0, 0, 1));
        }
    }
}
