package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.viz.TinyModel.maxDiff;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.model.Encoding;
import org.vae4j.model.VaeModel;

/** The path between two encodings, its decodes, the strip and the animated GIF. */
class LatentInterpolationTest {

    @TempDir Path tmp;

    private static final float[] A = TinyModel.randomImage(11);
    private static final float[] B = TinyModel.randomImage(12);

    @Test
    void linearEndpointsAreTheEncodingsAndPointsAreDecoded() {
        try (VaeModel vae = TinyModel.create(9)) {
            Encoding e = vae.encode(new float[][] {A, B});
            float[] a = e.mu()[0];
            float[] b = e.mu()[1];
            LatentInterpolation p = LatentInterpolation.between(vae, A, B,
                    InterpolationMode.LINEAR, 5);
            assertEquals(5, p.steps());
            assertArrayEquals(a, p.code(0), 1e-6f);
            assertArrayEquals(b, p.code(4), 1e-6f);
            for (int i = 0; i < 5; i++) {
                float t = i / 4f;
                float[] want = new float[a.length];
                for (int j = 0; j < a.length; j++) {
                    want[j] = (1 - t) * a[j] + t * b[j];
                }
                assertArrayEquals(want, p.code(i), 1e-6f, "point " + i);
                float[] img = vae.decode(new float[][] {want})[0];
                assertTrue(maxDiff(img, p.image(i)) < 1e-5, "decode " + i);
            }
            // Decoding the mean reconstructs: the first decode is A's reconstruction.
            assertTrue(maxDiff(vae.reconstruct(new float[][] {A})[0], p.image(0)) < 1e-5);
        }
    }

    @Test
    void slerpPathFollowsTheArc() {
        try (VaeModel vae = TinyModel.create(9)) {
            Encoding e = vae.encode(new float[][] {A, B});
            LatentInterpolation p = LatentInterpolation.between(vae, A, B,
                    InterpolationMode.SLERP, 3);
            float[] mid = InterpolationMode.SLERP.at(e.mu()[0], e.mu()[1], 0.5);
            assertArrayEquals(mid, p.code(1), 1e-6f);
        }
    }

    @Test
    void gifGoesThereAndBackAndLoops() throws Exception {
        try (VaeModel vae = TinyModel.create(10)) {
            LatentInterpolation p = LatentInterpolation.between(vae, A, B,
                    InterpolationMode.LINEAR, 4);
            assertEquals(6, p.frameCount());
            Path gif = tmp.resolve("walk.gif");
            p.writeGif(gif, 150);
            try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
                ImageReader reader = ImageIO.getImageReaders(in).next();
                reader.setInput(in);
                assertEquals(6, reader.getNumImages(true));
                // Frames show decodes 0, 1, 2, 3, 2, 1 at 4x.
                int[] shown = {0, 1, 2, 3, 2, 1};
                for (int k = 0; k < 6; k++) {
                    BufferedImage f = reader.read(k);
                    assertEquals(32, f.getWidth());
                    assertEquals(32, f.getHeight());
                    float[] img = p.image(shown[k]);
                    for (int pix : new int[] {0, 9, 27, 63}) {
                        int expected = Math.round(img[pix] * 255);
                        int x = (pix % 8) * 4 + 1;
                        int y = (pix / 8) * 4 + 2;
                        assertEquals(expected, f.getRGB(x, y) & 0xFF,
                                "frame " + k + " pixel " + pix);
                    }
                }
                IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = (IIOMetadataNode) first
                        .getElementsByTagName("GraphicControlExtension").item(0);
                assertEquals("15", gce.getAttribute("delayTime"));
                IIOMetadataNode app = (IIOMetadataNode) first
                        .getElementsByTagName("ApplicationExtension").item(0);
                assertNotNull(app, "NETSCAPE2.0 loop extension");
                assertEquals("NETSCAPE", app.getAttribute("applicationID"));
                byte[] loop = (byte[]) app.getUserObject();
                assertArrayEquals(new byte[] {1, 0, 0}, loop, "loop forever");
                reader.dispose();
            }
        }
    }

    @Test
    void stripHoldsOriginalsAndDecodes() throws Exception {
        try (VaeModel vae = TinyModel.create(10)) {
            LatentInterpolation p = LatentInterpolation.between(vae, A, B,
                    InterpolationMode.SLERP, 6);
            Path png = tmp.resolve("strip.png");
            p.writeStripPng(png, null);
            BufferedImage img = ImageIO.read(png.toFile());
            // 8 tiles (A, 6 decodes, B) of 16 pixels with 2-pixel gaps, plus labels and title.
            assertTrue(img.getWidth() >= 8 * 18 + 2, "width " + img.getWidth());
            assertTrue(img.getHeight() > 18 + 2, "height " + img.getHeight());
        }
    }

    @Test
    void rejectsWrongSizes() {
        try (VaeModel vae = TinyModel.create(10)) {
            assertThrows(IllegalArgumentException.class, () -> LatentInterpolation.between(vae,
                    new float[63], B, InterpolationMode.LINEAR, 5));
            assertThrows(IllegalArgumentException.class, () -> LatentInterpolation.between(vae,
                    A, B, InterpolationMode.LINEAR, 1));
        }
    }
}
