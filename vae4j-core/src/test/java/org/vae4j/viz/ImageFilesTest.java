package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.vae4j.data.ImageBombs;
import org.vae4j.data.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading single image files into pixel rows, and the one-line errors for bad files. */
class ImageFilesTest {

    @TempDir Path tmp;

    private Path grayPng(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (y * w + x) * 3 % 256);
            }
        }
        Path f = tmp.resolve("g" + w + "x" + h + ".png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void grayPixelsAreReadExactly() throws IOException {
        float[] px = ImageFiles.read(grayPng(8, 8), 1, 8, 8);
        assertEquals(64, px.length);
        for (int p = 0; p < 64; p++) {
            assertEquals(p * 3 % 256 / 255f, px[p], 1e-7f, "pixel " + p);
        }
        float[] rgb = ImageFiles.read(grayPng(8, 8), 3, 8, 8);
        assertEquals(rgb[10], rgb[64 + 10]);
        assertEquals(30 / 255f, rgb[128 + 10], 1e-7f);
    }

    @Test
    void colourBecomesLuma() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000);
        img.setRGB(1, 0, 0x00FF00);
        Path f = tmp.resolve("c.png");
        ImageIO.write(img, "png", f.toFile());
        float[] px = ImageFiles.read(f, 1, 1, 2);
        assertEquals(0.299f, px[0], 1e-6f);
        assertEquals(0.587f, px[1], 1e-6f);
    }

    @Test
    void badFilesGiveOneLineNamingTheFile() throws IOException {
        Path wrong = grayPng(9, 8);
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(wrong, 1, 8, 8));
        assertEquals(wrong + ": image is 9x8 pixels, the model expects 8x8", e.getMessage());
        Path text = tmp.resolve("notes.png");
        Files.writeString(text, "not an image");
        e = assertThrows(IOException.class, () -> ImageFiles.read(text, 1, 8, 8));
        assertEquals(text + ": not a readable image (PNG, JPEG, GIF or BMP)", e.getMessage());
        Path missing = tmp.resolve("missing.png");
        e = assertThrows(IOException.class, () -> ImageFiles.read(missing, 1, 8, 8));
        assertEquals(missing + ": no such file", e.getMessage());
        // A PNG cut short after its header: the size is readable, the pixels are not.
        byte[] full = Files.readAllBytes(grayPng(8, 8));
        Path cut = tmp.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(full, 40));
        e = assertThrows(IOException.class, () -> ImageFiles.read(cut, 1, 8, 8));
        assertTrue(e.getMessage().startsWith(cut + ": not a readable image ("), e.getMessage());
    }

    @Test
    void anImageAboveThePixelBudgetIsRefusedFromItsHeader() throws IOException {
        // Even for a model of that size: the budget is checked before the model's size.
        Path bomb = Files.write(tmp.resolve("bomb.png"), ImageBombs.png(10_000, 10_000));
        IOException e = assertThrows(IOException.class,
                () -> ImageFiles.read(bomb, 1, 10_000, 10_000));
        assertEquals(bomb + ": image is 10000x10000 pixels (100000000), more than the limit of "
                + ImageDecoder.MAX_PIXELS + " pixels per image", e.getMessage());
    }
}
