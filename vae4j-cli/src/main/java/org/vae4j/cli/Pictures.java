package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vae4j.data.Split;
import org.vae4j.io.RunDirectory;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Reconstructor;
import org.vae4j.model.Sampler;
import org.vae4j.data.ImageSet;
import org.vae4j.data.SpreadSample;
import org.vae4j.viz.ImageGrid;

/** The image grids the CLI writes. */
final class Pictures {

    private static final int SCALE = 2;
    private static final int COLUMNS = 8;

    private Pictures() {}

    /**
     * Writes {@code n} samples from the prior as a grid. A conditional model draws class {@code
     * label}, or without one every class in turn, one column per class.
     */
    static void samples(Sampler vae, int n, long seed, Integer label, Path file)
            throws IOException {
        ModelConfig c = vae.config();
        float[][] images = label != null ? vae.sample(n, seed, label) : vae.sample(n, seed);
        int columns = c.conditional() && label == null ? Math.min(n, c.classes()) : COLUMNS;
        ImageGrid.writePng(images, c.channels(), c.height(), c.width(), columns, SCALE, file);
    }

    /**
     * The pictures {@code vae4j train} leaves in a run directory: 64 samples drawn with the
     * run's seed ({@code samples.png}, if the model samples) and 32 validation images (training
     * images without a validation set) with their reconstructions ({@code reconstructions.png},
     * with the report's seed, the epoch count, so its reconstructions are among these).
     *
     * @param model the model {@code model/} holds
     * @param run the run directory
     * @param split the run's images
     * @param epochs epochs trained
     * @param seed the run's seed
     * @throws IOException if a file cannot be written
     */
    static void ofRun(GenerativeModel model, RunDirectory run, Split split, int epochs, long seed)
            throws IOException {
        ImageSet shown = split.validation() != null ? split.validation() : split.train();
        if (model.can(Sampler.class)) {
            samples(model.as(Sampler.class), 64, seed, null, run.file("samples.png"));
        }
        if (model.can(Reconstructor.class)) {
            reconstructions(model.as(Reconstructor.class), shown, 32, epochs,
                    run.file("reconstructions.png"));
        }
    }

    /**
     * {@code n} images of {@code data} to show: spread over its classes, or sampled, with {@code
     * seed} ({@link SpreadSample}). Not the first n: a class folder's images come sorted by
     * class, so those would nearly all be class 0.
     */
    static ImageSet shown(ImageSet data, int n, long seed) {
        return SpreadSample.of(data, n, seed);
    }

    /**
     * Writes {@code n} images of {@code data} (see {@link #shown}) and their reconstructions:
     * rows of originals alternate with rows of reconstructions.
     *
     * @return the mean squared error per pixel between originals and reconstructions
     */
    static double reconstructions(Reconstructor vae, ImageSet data, int n, long seed, Path file)
            throws IOException {
        vae.checkShape(data);
        ImageSet shown = shown(data, n, seed);
        float[][] originals = shown.toRows(null);
        int count = originals.length;
        int d = data.pixelsPerImage();
        float[][] recon = vae.reconstruct(originals, vae.labelsFor(shown, count));
        int cols = Math.min(COLUMNS, count);
        int rows = (count + cols - 1) / cols;
        float[] blank = new float[d];
        float[][] tiles = new float[2 * rows * cols][];
        int k = 0;
        double se = 0;
        for (int r = 0; r < rows; r++) {
            int from = r * cols;
            for (int c = 0; c < cols; c++) {
                // A short last row is padded with blanks so originals and reconstructions stay
                // in their own rows.
                tiles[k++] = from + c < count ? originals[from + c] : blank;
            }
            for (int c = 0; c < cols; c++) {
                int i = from + c;
                tiles[k++] = i < count ? recon[i] : blank;
                if (i < count) {
                    for (int j = 0; j < d; j++) {
                        double e = originals[i][j] - recon[i][j];
                        se += e * e;
                    }
                }
            }
        }
        ModelConfig c = vae.config();
        ImageGrid.writePng(tiles, c.channels(), c.height(), c.width(), cols, SCALE, file);
        return se / ((double) count * d);
    }

    /** Rows of corrupted, restored and original images, {@value #COLUMNS} per row. */
    static void triples(float[][] corrupted, float[][] restored, float[][] originals,
            int channels, int height, int width, Path file) throws IOException {
        int count = originals.length;
        int cols = Math.min(COLUMNS, count);
        int rows = (count + cols - 1) / cols;
        float[] blank = new float[originals[0].length];
        float[][] tiles = new float[3 * rows * cols][];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (float[][] set : new float[][][] {corrupted, restored, originals}) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    // A short last row is padded with blanks so the three rows stay aligned.
                    tiles[k++] = i < count ? set[i] : blank;
                }
            }
        }
        ImageGrid.writePng(tiles, channels, height, width, cols, SCALE, file);
    }
}
