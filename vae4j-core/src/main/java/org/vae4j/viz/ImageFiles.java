package org.vae4j.viz;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads single image files (PNG, JPEG, GIF, BMP: whatever ImageIO reads) into the model's pixel
 * rows: {@code C·H·W} floats in [0, 1], channels first.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Reads one image that must have exactly the model's size. Colour becomes gray (ITU-R BT.601
     * luma) for C = 1 and gray becomes three equal channels for C = 3; transparent pixels are
     * composited over black, the background of MNIST-style images. The size is checked from the
     * header before any pixel is decoded.
     *
     * @param file the image file
     * @param channels C of the model (1 or 3)
     * @param height H of the model
     * @param width W of the model
     * @return {@code C·H·W} values in [0, 1]
     * @throws IOException naming the file: missing, not an image, or of another size
     */
    public static float[] read(Path file, int channels, int height, int width)
            throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    "image files need a model with 1 or 3 channels, got " + channels);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        BufferedImage img;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not a readable image (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w != width || h != height) {
                    throw new IOException(file + ": image is " + w + "x" + h
                            + " pixels, the model expects " + width + "x" + height);
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException | RuntimeException e) {
            // Truncated or corrupt files make ImageIO's readers throw all kinds of exceptions,
            // none of which names the file.
            String why = e.getMessage() == null ? "" : " (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")";
            throw new IOException(file + ": not a readable image" + why, e);
        }
        return pixels(img, channels);
    }

    /**
     * Converts a decoded image to model input: channel-first values in [0, 1], {@code [C·H·W]}
     * for C = 1 (luma 0.299 R + 0.587 G + 0.114 B, or the gray value itself) or C = 3;
     * transparent pixels are composited over black.
     *
     * @param img the image
     * @param channels 1 or 3
     * @return the pixel values
     */
    public static float[] pixels(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        float[] out = new float[channels * plane];
        ColorModel cm = img.getColorModel();
        // Gray images go through the raster: Java's gray colour space is linear, so getRGB
        // would brighten every mid-gray pixel.
        boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(cm instanceof IndexColorModel);
        Raster r = img.getRaster();
        float grayMax = (1 << r.getSampleModel().getSampleSize(0)) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float red;
                float green;
                float blue;
                float alpha;
                if (gray) {
                    red = r.getSampleFloat(x, y, 0) / grayMax;
                    green = red;
                    blue = red;
                    alpha = cm.hasAlpha() ? r.getSampleFloat(x, y, 1)
                            / ((1 << r.getSampleModel().getSampleSize(1)) - 1) : 1f;
                } else {
                    int argb = img.getRGB(x, y);
                    red = ((argb >> 16) & 0xFF) / 255f;
                    green = ((argb >> 8) & 0xFF) / 255f;
                    blue = (argb & 0xFF) / 255f;
                    alpha = ((argb >>> 24) & 0xFF) / 255f;
                }
                int p = y * w + x;
                if (channels == 1) {
                    float luma = gray ? red : 0.299f * red + 0.587f * green + 0.114f * blue;
                    out[p] = clamp(luma * alpha);
                } else {
                    out[p] = clamp(red * alpha);
                    out[plane + p] = clamp(green * alpha);
                    out[2 * plane + p] = clamp(blue * alpha);
                }
            }
        }
        return out;
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
