package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Decoder;

/**
 * The decoder's view of a plane of the latent space, as in Keras' VAE example: a
 * {@code size × size} grid of decoded images over {@code [-R, R]²} in two latent dimensions
 * {@code (x, y)}, every other dimension held at 0 (the prior's mean).
 *
 * <p>With {@code v_i = -R + 2R·i/(size - 1)}, the cell at row {@code r}, column {@code c}
 * decodes the code with {@code z_x = v_c} and {@code z_y = v_{size-1-r}}: x grows to the right
 * and y grows upwards, so the top row has the largest {@code z_y}, as on a chart.
 */
public final class LatentManifold {

    /** Aim for a picture about this wide when choosing the upscaling factor. */
    private static final int TARGET_PIXELS = 800;

    private final int channels;
    private final int height;
    private final int width;
    private final int latentDim;
    private final int size;
    private final double range;
    private final int dimX;
    private final int dimY;
    private final float[][] images;
    /** Where the grid is centred and how far one unit reaches per dimension; null: 0 and 1. */
    private final CodeScale codes;

    private LatentManifold(ModelConfig c, int size, double range, int dimX, int dimY,
            float[][] images, CodeScale codes) {
        this.channels = c.channels();
        this.height = c.height();
        this.width = c.width();
        this.latentDim = c.latentDim();
        this.size = size;
        this.range = range;
        this.dimX = dimX;
        this.dimY = dimY;
        this.images = images;
        this.codes = codes;
    }

    /**
     * Decodes the grid.
     *
     * @param vae any trained model with at least 2 latent dimensions
     * @param size cells per side, &gt;= 2
     * @param range R &gt; 0: the grid spans {@code [-R, R]} in both dimensions
     * @param dimX latent dimension along x (columns)
     * @param dimY latent dimension along y (rows), different from {@code dimX}
     * @return the decoded manifold
     */
    public static LatentManifold decode(Decoder vae, int size, double range, int dimX,
            int dimY) {
        return decode(vae, size, range, dimX, dimY, null);
    }

    /**
     * Decodes the grid of a conditional model, every cell as class {@code label}.
     *
     * @param vae a conditional model with at least 2 latent dimensions
     * @param size cells per side, &gt;= 2
     * @param range R &gt; 0
     * @param dimX latent dimension along x (columns)
     * @param dimY latent dimension along y (rows)
     * @param label the class every cell is decoded as, or null for a plain VAE
     * @return the decoded manifold
     */
    public static LatentManifold decode(Decoder vae, int size, double range, int dimX,
            int dimY, Integer label) {
        return decode(vae, size, range, dimX, dimY, label, null);
    }

    /**
     * Decodes the grid in units of the codes' spread: {@code z_d = mean_d + v·sd_d} along the two
     * dimensions and {@code z_d = mean_d} elsewhere. For a model without a prior (an
     * autoencoder) the codes are not near {@code N(0, I)}, so a grid over {@code [-R, R]} around
     * 0 would decode mostly where no image's code lies.
     *
     * @param vae the model
     * @param size cells per side, &gt;= 2
     * @param range R &gt; 0, in standard deviations when {@code codes} is given
     * @param dimX latent dimension along x
     * @param dimY latent dimension along y
     * @param label the class of a conditional model, or null
     * @param codes the codes' mean and spread, or null for the prior's 0 and 1
     * @return the decoded manifold
     */
    public static LatentManifold decode(Decoder vae, int size, double range, int dimX,
            int dimY, Integer label, CodeScale codes) {
        ModelConfig c = vae.config();
        int l = c.latentDim();
        if (size < 2) {
            throw new IllegalArgumentException("size must be >= 2, got " + size);
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("range must be > 0 and finite, got " + range);
        }
        if (dimX < 0 || dimX >= l || dimY < 0 || dimY >= l || dimX == dimY) {
            throw new IllegalArgumentException("dims " + dimX + "," + dimY + ": need two"
                    + " different dimensions in [0, " + l + ")");
        }
        if (codes != null && codes.mean().length != l) {
            throw new IllegalArgumentException("code scale has " + codes.mean().length
                    + " dimensions, the model " + l);
        }
        LatentManifold shape = new LatentManifold(c, size, range, dimX, dimY, null, codes);
        float[][] grid = new float[size * size][];
        for (int r = 0; r < size; r++) {
            for (int col = 0; col < size; col++) {
                grid[r * size + col] = shape.code(r, col);
            }
        }
        return new LatentManifold(c, size, range, dimX, dimY,
                label == null ? vae.decode(grid) : vae.decode(grid, label), codes);
    }

    /**
     * The grid coordinate of index {@code i}.
     *
     * @param i index in {@code [0, size)}
     * @return {@code v_i = -R + 2R·i/(size - 1)}
     */
    public double value(int i) {
        return -range + 2 * range * i / (size - 1);
    }

    /**
     * The code decoded at a cell.
     *
     * @param row row, 0 at the top
     * @param col column, 0 at the left
     * @return {@code [L]}: {@code z_x = v_col}, {@code z_y = v_(size-1-row)}, 0 elsewhere (with
     *     a code scale: {@code mean + v·sd}, the mean elsewhere)
     */
    public float[] code(int row, int col) {
        float[] z = codes == null ? new float[latentDim] : codes.mean().clone();
        z[dimX] = at(dimX, value(col));
        z[dimY] = at(dimY, value(size - 1 - row));
        return z;
    }

    private float at(int dim, double v) {
        return codes == null ? (float) v : (float) (codes.mean()[dim] + v * codes.sd()[dim]);
    }

    /**
     * The decoded image at a cell.
     *
     * @param row row, 0 at the top
     * @param col column, 0 at the left
     * @return a copy of its {@code C·H·W} pixels in [0, 1]
     */
    public float[] image(int row, int col) {
        return images[row * size + col].clone();
    }

    /**
     * Returns the number of cells per side.
     *
     * @return size
     */
    public int size() {
        return size;
    }

    /**
     * The tiles alone, touching (no gaps), each upscaled by {@code scale}.
     *
     * @param scale upscaling factor, &gt; 0
     * @return a picture of {@code size·W·scale × size·H·scale} pixels
     */
    public BufferedImage renderGrid(int scale) {
        return ImageGrid.render(images, channels, height, width, size, scale, 0);
    }

    /**
     * The grid with a title, ticks at round values of {@code z_x} (below) and {@code z_y}
     * (left), and axis titles naming the dimensions.
     *
     * @param scale upscaling factor, &gt; 0
     * @param title the title, or null for a default naming the dimensions
     * @return the picture
     */
    public BufferedImage render(int scale, String title) {
        int cellW = width * scale;
        int cellH = height * scale;
        double step = Figures.niceStep(-range, range, 6);
        List<Figures.Tick> xs = new ArrayList<>();
        List<Figures.Tick> ys = new ArrayList<>();
        for (double v : Figures.multiples(-range, range, step)) {
            String label = Figures.tickLabel(v, step);
            double f = (v + range) / (2 * range) * (size - 1); // fractional index of v
            xs.add(new Figures.Tick((f + 0.5) * cellW, label));
            ys.add(new Figures.Tick((size - 1 - f + 0.5) * cellH, label));
        }
        String t = title != null ? title : defaultTitle();
        return Figures.frame(renderGrid(scale), t, xs, "z" + dimX, ys, "z" + dimY, true);
    }

    /**
     * Writes {@link #render(int, String)} as PNG at {@link #autoScale()}.
     *
     * @param file the PNG file
     * @param title the title, or null for the default
     * @throws IOException if writing fails
     */
    public void writePng(Path file, String title) throws IOException {
        writePng(file, title, autoScale());
    }

    /**
     * Writes {@link #render(int, String)} as PNG.
     *
     * @param file the PNG file
     * @param title the title, or null for the default
     * @param scale upscaling factor of the tiles, &gt; 0
     * @throws IOException if writing fails
     */
    public void writePng(Path file, String title, int scale) throws IOException {
        ImageGrid.writePng(render(scale, title), file);
    }

    /**
     * The scale {@link #writePng(Path, String)} uses: the grid about 800 pixels wide, 1× to 4×.
     *
     * @return the upscaling factor
     */
    public int autoScale() {
        long k = Math.round(TARGET_PIXELS / (double) (size * Math.max(width, height)));
        return (int) Math.max(1, Math.min(4, k));
    }

    private String defaultTitle() {
        if (codes != null) {
            return "Latent manifold: z" + dimX + " × z" + dimY + " at mean ± "
                    + Figures.number(range) + " sd of the codes"
                    + (latentDim > 2 ? ", other dimensions at their mean" : "");
        }
        String others = latentDim > 2 ? ", other dimensions at 0" : "";
        return "Latent manifold: z" + dimX + " × z" + dimY + " over ["
                + Figures.number(-range) + ", " + Figures.number(range) + "]²"
                + others;
    }
}
