package org.vae4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.vae4j.util.Messages;

/**
 * Decodes one PNG or JPEG into a model's pixel row: {@code C·H·W} floats in [0, 1], channels
 * first. The one decoder of single images, shared by the explorer's uploads (vae4j-web), the
 * CLI's image files ({@code org.vae4j.viz.ImageFiles}) and {@link ImageFolder}'s signature
 * check. Stateless and thread-safe.
 */
public final class ImageDecoder {

    /**
     * The most pixels (width × height) an image may declare: 64 megapixels (2^26), twice an 8K
     * frame (7680×4320).
     * Decoding allocates the whole raster at once, up to 8 bytes a pixel, so a small file that
     * declares more would exhaust the heap before a single pixel is checked.
     */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private ImageDecoder() {}

    /**
     * The size an image reader's header declares, refused above {@link #MAX_PIXELS}. Only the
     * header is read; every reader of image files in vae4j asks this before decoding pixels.
     *
     * @param reader a reader with its input set
     * @return the declared height and width
     * @throws ImageTooLargeException if the image has more than {@link #MAX_PIXELS} pixels
     * @throws IOException if the header cannot be read
     */
    public static ImageSize headerSize(ImageReader reader) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        checkPixels(w, h);
        return new ImageSize(h, w);
    }

    private static void checkPixels(int width, int height) throws ImageTooLargeException {
        if ((long) width * height > MAX_PIXELS) {
            throw new ImageTooLargeException(width, height);
        }
    }

    /**
     * Decodes PNG or JPEG bytes of exactly the model's size. The size is checked from the header
     * before any pixel is decoded, so a small file declaring a huge image cannot exhaust memory.
     * The stream is memory-cached explicitly so that ImageIO never creates temporary files.
     * Pixels are converted by {@link #pixels}.
     *
     * @param bytes the content, e.g. an upload
     * @param channels C of the model (1 or 3)
     * @param height H of the model
     * @param width W of the model
     * @return {@code C·H·W} values in [0, 1]
     * @throws ImageDecodeException if the bytes are not a PNG/JPEG, cannot be read, or the image
     *     has another size
     * @throws IllegalArgumentException if {@code channels} is not 1 or 3
     */
    public static float[] decode(byte[] bytes, int channels, int height, int width)
            throws ImageDecodeException {
        checkChannels(channels);
        if (!isPngOrJpeg(bytes, bytes.length)) {
            throw ImageDecodeException.notPngOrJpeg();
        }
        BufferedImage img;
        try (ImageInputStream in = new MemoryCacheImageInputStream(
                new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw ImageDecodeException.notPngOrJpeg();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w != width || h != height) {
                    throw ImageDecodeException.wrongSize(w, h, width, height);
                }
                // The model's size is the stricter check; this keeps the shared budget anyway.
                checkPixels(w, h);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (ImageTooLargeException e) {
            // Only a model above MAX_PIXELS gets here; for an upload it is the wrong size.
            throw ImageDecodeException.wrongSize(e.width(), e.height(), width, height);
        } catch (IOException | RuntimeException e) {
            // Truncated or corrupt files make ImageIO throw all kinds of exceptions.
            throw ImageDecodeException.unreadable(Messages.oneLine(e), e);
        }
        return pixels(img, channels);
    }

    /**
     * Whether content starts like a PNG (its 8-byte signature) or a JPEG (SOI marker and the
     * start of the next marker), whatever a file name says.
     *
     * @param head the first bytes of the content
     * @param length how many of {@code head} are valid
     * @return true for PNG or JPEG
     */
    public static boolean isPngOrJpeg(byte[] head, int length) {
        boolean png = length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N'
                && head[3] == 'G' && head[4] == '\r' && head[5] == '\n' && head[6] == 0x1A
                && head[7] == '\n';
        boolean jpeg = length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8
                && (head[2] & 0xFF) == 0xFF;
        return png || jpeg;
    }

    /**
     * Converts a decoded image to model input: channel-first values in [0, 1], {@code [C·H·W]}
     * for C = 1 (luma 0.299 R + 0.587 G + 0.114 B, or the gray value itself) or C = 3 (gray
     * becomes three equal channels); transparent pixels are composited over black, the
     * background of MNIST-style images. Unlike {@link ImageConversion#toRgb} this keeps the full
     * precision of 16-bit gray samples.
     *
     * @param img the image
     * @param channels 1 or 3
     * @return the pixel values
     * @throws IllegalArgumentException if {@code channels} is not 1 or 3
     */
    public static float[] pixels(BufferedImage img, int channels) {
        checkChannels(channels);
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

    private static void checkChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
