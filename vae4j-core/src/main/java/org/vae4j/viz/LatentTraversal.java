package org.vae4j.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Decoder;

/**
 * Latent traversals: what one latent dimension does on its own. Row {@code i} sweeps dimension
 * {@code d_i} over {@code [-R, R]} in {@code steps} values {@code v_c = -R + 2R·c/(steps - 1)}
 * while every other dimension keeps the base code's value: cell {@code (i, c)} decodes
 * {@code base} with {@code z_{d_i} = v_c}.
 */
public final class LatentTraversal {

    private static final int SCALE = 2;

    private final int channels;
    private final int height;
    private final int width;
    private final float[] base;
    private final int[] dims;
    private final double range;
    private final int steps;
    private final float[][] images;

    private LatentTraversal(ModelConfig c, float[] base, int[] dims, double range, int steps,
            float[][] images) {
        this.channels = c.channels();
        this.height = c.height();
        this.width = c.width();
        this.base = base;
        this.dims = dims;
        this.range = range;
        this.steps = steps;
        this.images = images;
    }

    /**
     * Decodes the traversal.
     *
     * @param vae any trained model
     * @param base the code the sweeps start from, length L (zeros: the prior's mean; or an
     *     image's posterior mean)
     * @param dims the dimensions to sweep, one row each, each in {@code [0, L)}, no repeats
     * @param range R &gt; 0
     * @param steps values per row, &gt;= 2
     * @return the decoded traversal
     */
    public static LatentTraversal around(Decoder vae, float[] base, int[] dims, double range,
            int steps) {
        return around(vae, base, dims, range, steps, null);
    }

    /**
     * Decodes the traversal of a conditional model, every image as class {@code label}.
     *
     * @param vae a conditional model
     * @param base the code the sweeps start from, length L
     * @param dims the dimensions to sweep, one row each
     * @param range R &gt; 0
     * @param steps values per row, &gt;= 2
     * @param label the class every image is decoded as, or null for a plain VAE
     * @return the decoded traversal
     */
    public static LatentTraversal around(Decoder vae, float[] base, int[] dims, double range,
            int steps, Integer label) {
        ModelConfig c = vae.config();
        int l = c.latentDim();
        if (base.length != l) {
            throw new IllegalArgumentException(
                    "base code has " + base.length + " values, the model's latent has " + l);
        }
        if (dims.length == 0) {
            throw new IllegalArgumentException("dims must list at least one dimension");
        }
        boolean[] seen = new boolean[l];
        for (int d : dims) {
            if (d < 0 || d >= l) {
                throw new IllegalArgumentException("dimension " + d + " is not in [0, " + l
                        + ")");
            }
            if (seen[d]) {
                throw new IllegalArgumentException("dimension " + d + " is listed twice");
            }
            seen[d] = true;
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("range must be > 0 and finite, got " + range);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("steps must be >= 2, got " + steps);
        }
        LatentTraversal shape = new LatentTraversal(c, base.clone(), dims.clone(), range, steps,
                null);
        float[][] codes = new float[dims.length * steps][];
        for (int r = 0; r < dims.length; r++) {
            for (int col = 0; col < steps; col++) {
                codes[r * steps + col] = shape.code(r, col);
            }
        }
        return new LatentTraversal(c, shape.base, shape.dims, range, steps,
                label == null ? vae.decode(codes) : vae.decode(codes, label));
    }

    /**
     * The swept value of a column.
     *
     * @param col column in {@code [0, steps)}
     * @return {@code v_col = -R + 2R·col/(steps - 1)}
     */
    public double value(int col) {
        return -range + 2 * range * col / (steps - 1);
    }

    /**
     * The code decoded at a cell.
     *
     * @param row row {@code i}, sweeping dimension {@code dims[i]}
     * @param col column
     * @return the base code with {@code z_{dims[row]} = v_col}
     */
    public float[] code(int row, int col) {
        float[] z = base.clone();
        z[dims[row]] = (float) value(col);
        return z;
    }

    /**
     * The decoded image at a cell.
     *
     * @param row row
     * @param col column
     * @return a copy of its {@code C·H·W} pixels in [0, 1]
     */
    public float[] image(int row, int col) {
        return images[row * steps + col].clone();
    }

    /**
     * Returns the swept dimensions, one per row.
     *
     * @return a copy of the dimensions
     */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * Returns the base code.
     *
     * @return a copy of the base code
     */
    public float[] base() {
        return base.clone();
    }

    /**
     * The traversal with a title, row labels {@code z<d>} and the swept values below the
     * columns.
     *
     * @param scale upscaling factor of the tiles, &gt; 0
     * @param title the title, or null for a default
     * @return the picture
     */
    public BufferedImage render(int scale, String title) {
        BufferedImage grid = ImageGrid.render(images, channels, height, width, steps, scale);
        int gap = ImageGrid.GAP;
        List<String> rowNames = new ArrayList<>();
        for (int d : dims) {
            rowNames.add("z" + d);
        }
        List<String> values = new ArrayList<>();
        for (int col = 0; col < steps; col++) {
            values.add(Figures.number(value(col)));
        }
        String t = title != null ? title
                : "Latent traversal over [" + Figures.number(-range) + ", "
                        + Figures.number(range) + "] around "
                        + (isZero(base) ? "z = 0" : "the base code");
        return Figures.frame(grid, t,
                Figures.cellTicks(values, gap, width * scale + gap, width * scale),
                "swept value",
                Figures.cellTicks(rowNames, gap, height * scale + gap, height * scale), null,
                false);
    }

    /**
     * Writes {@link #render(int, String)} at 2× as PNG.
     *
     * @param file the PNG file
     * @param title the title, or null for a default
     * @throws IOException if writing fails
     */
    public void writePng(Path file, String title) throws IOException {
        ImageGrid.writePng(render(SCALE, title), file);
    }

    private static boolean isZero(float[] z) {
        return Arrays.equals(z, new float[z.length]);
    }
}
