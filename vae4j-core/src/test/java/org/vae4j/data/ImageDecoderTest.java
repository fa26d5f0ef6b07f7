package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Decoding uploaded PNG/JPEG bytes into pixel rows, and the problems it reports. */
class ImageDecoderTest {

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no " + format + " writer");
        return out.toByteArray();
    }

    private static BufferedImage gray(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < w * h; p++) {
            img.getRaster().setSample(p % w, p / w, 0, p * 37 % 256);
        }
        return img;
    }

    @Test
    void grayPngIsReadExactlyAndRgbGetsThreeEqualPlanes() throws IOException {
        byte[] png = encode(gray(3, 2), "png");
        float[] px = ImageDecoder.decode(png, 1, 2, 3);
        float[] expected = new float[6];
        for (int p = 0; p < 6; p++) {
            expected[p] = (p * 37 % 256) / 255f;
        }
        assertArrayEquals(expected, px, 0f);
        float[] rgb = ImageDecoder.decode(png, 3, 2, 3);
        assertArrayEquals(expected, Arrays.copyOfRange(rgb, 6, 12), 0f);
        assertArrayEquals(expected, Arrays.copyOfRange(rgb, 12, 18), 0f);
    }

    @Test
    void colourBecomesLumaForOneChannel() throws IOException {
        BufferedImage red = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        red.setRGB(0, 0, 0xFF0000);
        float[] px = ImageDecoder.decode(encode(red, "png"), 1, 1, 1);
        assertEquals(0.299f, px[0], 1e-6f);
    }

    @Test
    void problemsAreNamed() throws IOException {
        byte[] text = "GIF89a, or any text".getBytes(StandardCharsets.UTF_8);
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.decode(text, 1, 2, 3));
        assertEquals(ImageDecodeException.Problem.NOT_PNG_OR_JPEG, e.problem());
        assertEquals("not a PNG or JPEG image", e.getMessage());
        assertNull(e.detail());

        byte[] png = encode(gray(3, 2), "png");
        e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(png, 1, 3, 3));
        assertEquals(ImageDecodeException.Problem.WRONG_SIZE, e.problem());
        assertEquals("image is 3x2, the model expects 3x3", e.getMessage());
        assertEquals(3, e.width());
        assertEquals(2, e.height());

        byte[] cut = Arrays.copyOf(encode(gray(28, 28), "png"), 40);
        e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(cut, 1, 28, 28));
        assertEquals(ImageDecodeException.Problem.UNREADABLE, e.problem());
        assertNotNull(e.detail());
        assertEquals("not a PNG or JPEG image (" + e.detail() + ")", e.getMessage());
    }

    @Test
    void channelsOtherThanOneOrThreeAreRefused() throws IOException {
        byte[] png = encode(gray(1, 1), "png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDecoder.decode(png, 2, 1, 1));
        assertEquals("channels must be 1 or 3, got 2", e.getMessage());
    }

    @Test
    void signatureCheckNeedsTheWholeMagic() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        assertTrue(ImageDecoder.isPngOrJpeg(png, 8));
        assertTrue(!ImageDecoder.isPngOrJpeg(png, 7), "7 bytes are not a PNG signature");
        assertTrue(ImageDecoder.isPngOrJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, 3));
    }
}
