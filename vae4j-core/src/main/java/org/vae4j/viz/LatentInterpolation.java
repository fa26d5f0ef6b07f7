package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.Encoding;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Reconstructor;
import org.vae4j.model.LatentCode;

/**
 * A walk through latent space between two images: both are encoded to their posterior means
 * {@code a = μ(x_A)}, {@code b = μ(x_B)}, the path {@code z_i = mode.at(a, b, i/(steps - 1))}
 * is decoded, and the result is shown as a strip (A, the decodes, B) or an animated GIF.
 */
public final class LatentInterpolation {

    private static final int STRIP_SCALE = 2;
    private static final int GIF_SCALE = 4;

    private final ModelConfig config;
    private final InterpolationMode mode;
    private final float[] imageA;
    private final float[] imageB;
    private final float[][] codes;
    private final float[][] images;

    private LatentInterpolation(ModelConfig config, InterpolationMode mode, float[] imageA,
            float[] imageB, float[][] codes, float[][] images) {
        this.config = config;
        this.mode = mode;
        this.imageA = imageA;
        this.imageB = imageB;
        this.codes = codes;
        this.images = images;
    }

    /**
     * Encodes both images and decodes the path between their latent means.
     *
     * @param vae any trained model
     * @param imageA start image, {@code C·H·W} values in [0, 1]
     * @param imageB end image, same shape
     * @param mode linear or slerp
     * @param steps decoded points including both ends, &gt;= 2
     * @return the interpolation
     */
    public static LatentInterpolation between(Reconstructor vae, float[] imageA, float[] imageB,
            InterpolationMode mode, int steps) {
        return between(vae, imageA, imageB, mode, steps, null);
    }

    /**
     * Encodes both images and decodes the path between their latent means; a conditional model
     * encodes and decodes everything as class {@code label}.
     *
     * @param vae any trained model
     * @param imageA start image, {@code C·H·W} values in [0, 1]
     * @param imageB end image, same shape
     * @param mode linear or slerp
     * @param steps decoded points including both ends, &gt;= 2
     * @param label the class of a conditional model, or null for a plain VAE
     * @return the interpolation
     */
    public static LatentInterpolation between(Reconstructor vae, float[] imageA, float[] imageB,
            InterpolationMode mode, int steps, Integer label) {
        ModelConfig c = vae.config();
        int d = c.inputSize();
        if (imageA.length != d || imageB.length != d) {
            throw new IllegalArgumentException("images have " + imageA.length + " and "
                    + imageB.length + " values, the model needs " + d);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2, got " + steps);
        }
        if (label != null) {
            c.checkLabel(label);
        }
        LatentCode e = vae.encode(new float[][] {imageA, imageB},
                label == null ? null : new int[] {label, label});
        // continuous(): a quantised code is interpolated before its quantisation.
        float[][] path = mode.path(e.continuous()[0], e.continuous()[1], steps);
        return new LatentInterpolation(c, mode, imageA.clone(), imageB.clone(), path,
                label == null ? vae.decode(path) : vae.decode(path, label));
    }

    /**
     * Returns the number of decoded points.
     *
     * @return steps
     */
    public int steps() {
        return codes.length;
    }

    /**
     * A point of the path.
     *
     * @param i index in {@code [0, steps)}: 0 is {@code μ(x_A)}, {@code steps - 1} is
     *     {@code μ(x_B)}
     * @return a copy of the code, length L
     */
    public float[] code(int i) {
        return codes[i].clone();
    }

    /**
     * A decoded point of the path.
     *
     * @param i index in {@code [0, steps)}
     * @return a copy of its {@code C·H·W} pixels in [0, 1]
     */
    public float[] image(int i) {
        return images[i].clone();
    }

    /**
     * Returns the number of GIF frames: there and back without repeating the ends.
     *
     * @return {@code 2·steps - 2}
     */
    public int frameCount() {
        return 2 * steps() - 2;
    }

    /**
     * One row: original A, the decodes labelled with their {@code t}, original B.
     *
     * @param scale upscaling factor, &gt; 0
     * @param title the title, or null for a default naming the mode
     * @return the picture
     */
    public BufferedImage strip(int scale, String title) {
        int n = steps();
        float[][] tiles = new float[n + 2][];
        List<String> labels = new ArrayList<>();
        tiles[0] = imageA;
        labels.add("A");
        for (int i = 0; i < n; i++) {
            tiles[i + 1] = images[i];
            labels.add((i == 0 ? "t=" : "") + Figures.number(i / (double) (n - 1), 2));
        }
        tiles[n + 1] = imageB;
        labels.add("B");
        BufferedImage grid = ImageGrid.render(tiles, config.channels(), config.height(),
                config.width(), n + 2, scale);
        int cell = config.width() * scale;
        String t = title != null ? title
                : "Interpolation (" + mode.name().toLowerCase(java.util.Locale.ROOT)
                        + ") between the latent means of A and B";
        return Figures.frame(grid, t,
                Figures.cellTicks(labels, ImageGrid.GAP, cell + ImageGrid.GAP, cell), null,
                List.of(), null, false);
    }

    /**
     * Writes {@link #strip(int, String)} at 2× as PNG.
     *
     * @param file the PNG file
     * @param title the title, or null for a default
     * @throws IOException if writing fails
     */
    public void writeStripPng(Path file, String title) throws IOException {
        ImageGrid.writePng(strip(STRIP_SCALE, title), file);
    }

    /**
     * The animation's frames: decodes {@code 0, 1, …, steps-1, steps-2, …, 1}, so that looping
     * goes there and back smoothly.
     *
     * @param scale upscaling factor, &gt; 0
     * @return {@link #frameCount()} pictures of {@code W·scale × H·scale} pixels
     */
    public List<BufferedImage> frames(int scale) {
        List<BufferedImage> frames = new ArrayList<>();
        int n = steps();
        for (int k = 0; k < frameCount(); k++) {
            int i = k < n ? k : 2 * n - 2 - k;
            frames.add(frame(images[i], scale));
        }
        return frames;
    }

    /**
     * Writes the frames at 4× as an endlessly looping animated GIF.
     *
     * @param file the GIF file
     * @param delayMillis display time per frame, &gt;= 10
     * @throws IOException if writing fails
     */
    public void writeGif(Path file, int delayMillis) throws IOException {
        AnimatedGif.write(frames(GIF_SCALE), delayMillis, file);
    }

    /** Gray images become 8-bit gray frames, which GIF stores exactly with a gray palette. */
    private BufferedImage frame(float[] image, int scale) {
        if (config.channels() != 1) {
            return ImageGrid.render(new float[][] {image}, config.channels(), config.height(),
                    config.width(), 1, scale, 0);
        }
        int h = config.height();
        int w = config.width();
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                float v = image[(y / scale) * w + x / scale];
                float c = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
                // Through the raster: Java's gray colour space is linear, setRGB would shift it.
                r.setSample(x, y, 0, Math.round(c * 255f));
            }
        }
        return img;
    }
}
