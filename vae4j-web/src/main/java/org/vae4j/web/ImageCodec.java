package org.vae4j.web;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.vae4j.data.ImageDecodeException;
import org.vae4j.data.ImageDecoder;

/**
 * Converts between the model's pixel rows ({@code C·H·W} floats in [0, 1], channels first) and
 * PNG data URLs or uploaded PNG/JPEG files. Uploads are decoded by core's {@link ImageDecoder};
 * this class words its failures for the API. Streams are memory-cached explicitly so that
 * ImageIO never creates temporary files, and gray images are written through their raster:
 * Java's gray colour space is linear, so {@code setRGB} would shift gray levels.
 */
public final class ImageCodec {

    private static final String NOT_AN_IMAGE = "upload is not a PNG or JPEG image";

    private ImageCodec() {}

    /**
     * Encodes one image as a PNG data URL of exactly W×H pixels (gray for C = 1, RGB for C = 3;
     * other channel counts show channel 0).
     *
     * @param pixels {@code C·H·W} values, clamped to [0, 1] (NaN shows black)
     * @param channels C
     * @param height H
     * @param width W
     * @return {@code data:image/png;base64,...}
     */
    public static String pngDataUrl(float[] pixels, int channels, int height, int width) {
        BufferedImage img;
        if (channels == 3) {
            img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int plane = height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = y * width + x;
                    img.setRGB(x, y, (toByte(pixels[p]) << 16)
                            | (toByte(pixels[plane + p]) << 8) | toByte(pixels[2 * plane + p]));
                }
            }
        } else {
            img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster r = img.getRaster();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    r.setSample(x, y, 0, toByte(pixels[y * width + x]));
                }
            }
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(img));
    }

    private static byte[] png(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(img);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PNG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an uploaded PNG or JPEG into a pixel row of the model's shape. The size is checked
     * from the header before any pixel is decoded, so a small file declaring a huge image cannot
     * exhaust memory. Colour is converted to gray (ITU-R BT.601 luma) for C = 1; transparent
     * pixels are composited over black, the background of MNIST-style images.
     *
     * @param bytes the file's content
     * @param channels C of the model (1 or 3)
     * @param height H of the model
     * @param width W of the model
     * @return {@code C·H·W} values in [0, 1]
     * @throws ApiError 400 if the bytes are not a readable PNG/JPEG or the size is wrong
     */
    public static float[] readImage(byte[] bytes, int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw ApiError.badRequest("image uploads need a model with 1 or 3 channels, this one"
                    + " has " + channels + "; send {\"pixels\": [...]} instead");
        }
        try {
            return ImageDecoder.decode(bytes, channels, height, width);
        } catch (ImageDecodeException e) {
            // The API's wording (pinned by ApiTest) calls the bytes an upload.
            throw switch (e.problem()) {
                case NOT_PNG_OR_JPEG -> ApiError.badRequest(NOT_AN_IMAGE);
                case UNREADABLE -> ApiError.badRequest(NOT_AN_IMAGE + " (" + e.detail() + ")");
                case WRONG_SIZE -> ApiError.badRequest("image is " + e.width() + "x" + e.height()
                        + ", the model expects " + width + "x" + height);
            };
        }
    }

    private static int toByte(float v) {
        return Float.isNaN(v) ? 0 : Math.round(clamp(v) * 255f);
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
