package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.vae4j.data.ImageDecoder;
import org.vae4j.data.ImageSize;
import org.vae4j.data.ImageTooLargeException;

/**
 * Reads single image files (PNG, JPEG, GIF, BMP: whatever ImageIO reads) into the model's pixel
 * rows: {@code C·H·W} floats in [0, 1], channels first, converted by {@link
 * ImageDecoder#pixels} like the explorer's uploads.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Reads one image that must have exactly the model's size. Colour becomes gray (ITU-R BT.601
     * luma) for C = 1 and gray becomes three equal channels for C = 3; transparent pixels are
     * composited over black, the background of MNIST-style images. The size is checked from the
     * header before any pixel is decoded, against {@link ImageDecoder#MAX_PIXELS} as well as the
     * model's.
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
                ImageSize size = ImageDecoder.headerSize(reader);
                int w = size.width();
                int h = size.height();
                if (w != width || h != height) {
                    throw new IOException(file + ": image is " + w + "x" + h
                            + " pixels, the model expects " + width + "x" + height);
                }
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageTooLargeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (IIOException | RuntimeException e) {
            // Truncated or corrupt files make ImageIO's readers throw all kinds of exceptions,
            // none of which names the file.
            String why = e.getMessage() == null ? "" : " (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")";
            throw new IOException(file + ": not a readable image" + why, e);
        }
        return ImageDecoder.pixels(img, channels);
    }
}
