package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.vae4j.io.AtomicFiles;

/** Tiles images into one picture and writes it as PNG. */
public final class ImageGrid {

    /** Default gap between tiles, in pixels. */
    static final int GAP = 2;

    private ImageGrid() {}

    /**
     * Lays images out row by row, {@code columns} per row, with a 2-pixel dark gap, upscaled by
     * an integer factor with nearest-neighbour (so pixels stay crisp).
     *
     * @param images {@code [N][C·H·W]} values in [0, 1], channels first (C = 1 or 3)
     * @param channels C
     * @param height H
     * @param width W
     * @param columns images per row, &gt; 0
     * @param scale upscaling factor, &gt; 0
     * @return the picture
     */
    public static BufferedImage render(
            float[][] images, int channels, int height, int width, int columns, int scale) {
        return render(images, channels, height, width, columns, scale, GAP);
    }

    /**
     * Like {@link #render(float[][], int, int, int, int, int)} with a chosen gap: 0 makes the
     * tiles touch, as in a latent manifold, where the images are meant to read as one surface.
     * Tile {@code k} then starts at {@code (gap + (k % columns)·(W·scale + gap), gap + (k /
     * columns)·(H·scale + gap))}.
     *
     * @param images {@code [N][C·H·W]} values in [0, 1], channels first (C = 1 or 3)
     * @param channels C
     * @param height H
     * @param width W
     * @param columns images per row, &gt; 0
     * @param scale upscaling factor, &gt; 0
     * @param gap dark pixels between and around tiles, &gt;= 0
     * @return the picture
     */
    public static BufferedImage render(float[][] images, int channels, int height, int width,
            int columns, int scale, int gap) {
        if (gap < 0) {
            throw new IllegalArgumentException("gap must be >= 0, got " + gap);
        }
        if (images.length == 0) {
            throw new IllegalArgumentException("no images to draw");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (columns <= 0 || scale <= 0) {
            throw new IllegalArgumentException(
                    "columns and scale must be > 0, got " + columns + " and " + scale);
        }
        int rows = (images.length + columns - 1) / columns;
        int cols = Math.min(columns, images.length);
        int cellW = width * scale + gap;
        int cellH = height * scale + gap;
        BufferedImage img =
                new BufferedImage(
                        cols * cellW + gap, rows * cellH + gap, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int k = 0; k < images.length; k++) {
            int x0 = gap + (k % columns) * cellW;
            int y0 = gap + (k / columns) * cellH;
            float[] im = images[k];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = y * width + x;
                    int r = byteOf(im[p]);
                    int g = channels == 3 ? byteOf(im[plane + p]) : r;
                    int b = channels == 3 ? byteOf(im[2 * plane + p]) : r;
                    int rgb = (r << 16) | (g << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    /**
     * A grid of {@link #render} with a label left of each row, e.g. "most anomalous": a picture
     * of ranked images means nothing unless it says which end is which.
     *
     * @param grid a picture made by {@link #render} (not modified)
     * @param tileHeight height of one upscaled tile, {@code H * scale}
     * @param rowLabels one label per row from the top; "" leaves a row unlabelled
     * @return a new, wider picture on a white background
     */
    public static BufferedImage labelRows(BufferedImage grid, int tileHeight,
            List<String> rowLabels) {
        return Figures.frame(grid, null, List.of(), null,
                Figures.cellTicks(rowLabels, GAP, tileHeight + GAP, tileHeight), null, false);
    }

    /**
     * Renders a grid and writes it atomically as PNG.
     *
     * @param images {@code [N][C·H·W]} values in [0, 1]
     * @param channels C
     * @param height H
     * @param width W
     * @param columns images per row
     * @param scale upscaling factor
     * @param file the PNG file
     * @throws IOException if writing fails
     */
    public static void writePng(
            float[][] images, int channels, int height, int width, int columns, int scale,
            Path file) throws IOException {
        writePng(render(images, channels, height, width, columns, scale), file);
    }

    /**
     * Writes a picture atomically as PNG (a killed process leaves the old file or none).
     *
     * @param img the picture
     * @param file the PNG file
     * @throws IOException if writing fails
     */
    public static void writePng(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(
                file,
                out -> {
                    if (!ImageIO.write(img, "png", out)) {
                        throw new IOException(file + ": no PNG writer available");
                    }
                });
    }

    private static int byteOf(float v) {
        float c = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
        return Math.round(c * 255f);
    }
}
