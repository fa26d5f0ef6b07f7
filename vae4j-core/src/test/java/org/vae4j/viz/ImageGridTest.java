package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid layout, pixel mapping and PNG output of {@link ImageGrid}. */
class ImageGridTest {

    private static final int BLACK = 0x000000;

    @TempDir Path tmp;

    /** Three 2x2 grayscale images: 0 and 1 in a checkerboard, a 0.5 ramp, and clamped values. */
    private static final float[][] GRAY = {
        {0f, 1f, 1f, 0f},
        {0.5f, 0.25f, 1f / 255f, 0.999f},
        {-3f, 7f, Float.NaN, 1f},
    };

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    private static int gray(int v) {
        return (v << 16) | (v << 8) | v;
    }

    @Test
    void grayscaleLayoutAndValues() {
        BufferedImage img = ImageGrid.render(GRAY, 1, 2, 2, 2, 1);
        // 2 columns of (2 + 2) plus the outer gap; 2 rows likewise.
        assertEquals(2 * (2 + 2) + 2, img.getWidth());
        assertEquals(2 * (2 + 2) + 2, img.getHeight());
        // Image k starts at (2 + (k % 2) * 4, 2 + (k / 2) * 4).
        int[][] expected = {
            {0, 255, 255, 0},
            {128, 64, 1, 255},
            {0, 255, 0, 255},
        };
        for (int k = 0; k < 3; k++) {
            int x0 = 2 + (k % 2) * 4;
            int y0 = 2 + (k / 2) * 4;
            for (int p = 0; p < 4; p++) {
                assertEquals(gray(expected[k][p]), rgb(img, x0 + p % 2, y0 + p / 2),
                        "image " + k + " pixel " + p);
            }
        }
        // Gaps and the unused fourth cell stay black.
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                boolean inCell =
                        (x == 2 || x == 3 || x == 6 || x == 7)
                                && (y == 2 || y == 3 || y == 6 || y == 7);
                boolean inFourth = x >= 6 && y >= 6;
                if (!inCell || inFourth) {
                    assertEquals(BLACK, rgb(img, x, y), "gap pixel (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void fewerImagesThanColumnsGiveOneNarrowRow() {
        BufferedImage img = ImageGrid.render(new float[][] {{1f}}, 1, 1, 1, 8, 3);
        assertEquals(3 + 2 + 2, img.getWidth());
        assertEquals(3 + 2 + 2, img.getHeight());
        for (int y = 2; y < 5; y++) {
            for (int x = 2; x < 5; x++) {
                assertEquals(gray(255), rgb(img, x, y), "scaled pixel (" + x + ", " + y + ")");
            }
        }
        assertEquals(BLACK, rgb(img, 5, 5));
        assertEquals(BLACK, rgb(img, 1, 1));
    }

    @Test
    void rgbChannelsLandInTheirColours() {
        // One 1x3 image, channels first: red plane, green plane, blue plane.
        float[] image = {
            1f, 0f, 0f, // R of pixels 0, 1, 2
            0f, 1f, 0f, // G
            0f, 0f, 1f, // B
        };
        BufferedImage img = ImageGrid.render(new float[][] {image}, 3, 1, 3, 1, 2);
        assertEquals(3 * 2 + 2 + 2, img.getWidth());
        assertEquals(2 + 2 + 2, img.getHeight());
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF};
        for (int p = 0; p < 3; p++) {
            for (int d = 0; d < 4; d++) {
                int x = 2 + p * 2 + d % 2;
                int y = 2 + d / 2;
                assertEquals(colours[p], rgb(img, x, y),
                        "pixel " + p + " at (" + x + ", " + y + ")");
            }
        }
        float[] mixed = {0.2f, 0.4f, 0.6f};
        BufferedImage one = ImageGrid.render(new float[][] {mixed}, 3, 1, 1, 1, 1);
        assertEquals((51 << 16) | (102 << 8) | 153, rgb(one, 2, 2));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.render(new float[0][], 1, 2, 2, 2, 1));
        IllegalArgumentException c =
                assertThrows(IllegalArgumentException.class,
                        () -> ImageGrid.render(GRAY, 2, 2, 2, 2, 1));
        assertTrue(c.getMessage().contains("2"), c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(GRAY, 1, 2, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(GRAY, 1, 2, 2, 2, 0));
    }

    @Test
    void writePngIsReadableWithTheSamePixels() throws IOException {
        Path file = tmp.resolve("out").resolve("grid.png");
        ImageGrid.writePng(GRAY, 1, 2, 2, 2, 3, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertNotNull(read, "ImageIO cannot read " + file);
        // cellW = 2 * 3 + 2 = 8: 2 * 8 + 2 = 18 both ways.
        assertEquals(18, read.getWidth());
        assertEquals(18, read.getHeight());
        BufferedImage rendered = ImageGrid.render(GRAY, 1, 2, 2, 2, 3);
        for (int y = 0; y < 18; y++) {
            for (int x = 0; x < 18; x++) {
                assertEquals(rgb(rendered, x, y), rgb(read, x, y), "(" + x + ", " + y + ")");
            }
        }
        assertEquals(gray(255), rgb(read, 2 + 3, 2)); // image 0, pixel (1, 0), scaled by 3
        try (Stream<Path> files = Files.list(file.getParent())) {
            List<Path> all = files.toList();
            assertEquals(List.of(file), all);
            assertFalse(all.get(0).toString().endsWith(".partial"));
        }
    }
}
