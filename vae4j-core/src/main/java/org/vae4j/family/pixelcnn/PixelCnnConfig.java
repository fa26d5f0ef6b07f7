package org.vae4j.family.pixelcnn;

import org.vae4j.data.Binarization;
import org.vae4j.data.CodeGrids;
import org.vae4j.model.ModelConfig;

/**
 * A gated PixelCNN prior over a {@code height × width} grid of indices into K codes (van den
 * Oord et al. 2016): an embedding of the indices, {@code layers} gated layers of {@code filters}
 * channels with {@code kernel × kernel} vertical and {@code 1 × kernel} horizontal masked
 * convolutions, and a 1×1 head giving logits {@code [B, K, h, w]}. Its rows are code grids
 * ({@link CodeGrids}, {@code h·w} indices), so {@link #channels()} is 1 and {@link
 * #inputSize()} is {@code h·w}.
 *
 * @param codebookSize K, the categories of each cell, in [2, {@value CodeGrids#MAX_CODES}]
 * @param height grid height h, in [1, {@value #MAX_GRID}]
 * @param width grid width w, in [1, {@value #MAX_GRID}]
 * @param filters channels F of every layer, in [1, {@value #MAX_FILTERS}]
 * @param layers gated layers, in [1, {@value #MAX_LAYERS}]; the first has mask A
 * @param kernel odd kernel size, in [3, {@value #MAX_KERNEL}]
 * @param classes K of a class-conditional prior (a learned bias per class and layer), 0 for none
 * @param coder SHA-256 of the parameters of the model whose codes it was trained on (its
 *     provenance's {@code parameters_sha256}), or null; a prior is not used with another one
 */
public record PixelCnnConfig(
        int codebookSize,
        int height,
        int width,
        int filters,
        int layers,
        int kernel,
        int classes,
        String coder) implements ModelConfig {

    /** The family id in {@code config.json}. */
    public static final String FAMILY = "pixelcnn";

    /** Default channels per layer: 64, sized for a 7×7 grid over 512 codes on a small CPU. */
    public static final int DEFAULT_FILTERS = 64;

    /**
     * Default depth: 4 layers of 5×5 see every earlier cell of a 7×7 grid (each reaches two
     * rows up and two columns left further). Against the former 8 layers of 3×3 (which see it
     * too), on the same CPU time (bench/prior-shapes.sh, bench/RESULTS.md): 1.46× the grids per
     * second and a lower validation cross-entropy.
     */
    public static final int DEFAULT_LAYERS = 4;

    /** Default kernel size, see {@link #DEFAULT_LAYERS}. */
    public static final int DEFAULT_KERNEL = 5;

    /** The largest grid side. */
    public static final int MAX_GRID = 256;

    /** The most channels per layer. */
    public static final int MAX_FILTERS = 1024;

    /** The most layers. */
    public static final int MAX_LAYERS = 64;

    /** The largest kernel. */
    public static final int MAX_KERNEL = 15;

    /** The most classes. */
    public static final int MAX_CLASSES = 100_000;

    /** Checks every value; messages name the bad one. */
    public PixelCnnConfig {
        check("codebookSize", codebookSize, 2, CodeGrids.MAX_CODES);
        check("height", height, 1, MAX_GRID);
        check("width", width, 1, MAX_GRID);
        check("filters", filters, 1, MAX_FILTERS);
        check("layers", layers, 1, MAX_LAYERS);
        check("kernel", kernel, 3, MAX_KERNEL);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd, got " + kernel);
        }
        check("classes", classes, 0, MAX_CLASSES);
        if (classes == 1) {
            throw new IllegalArgumentException("classes must be 0 (unconditional) or >= 2, got 1");
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /**
     * Returns the cells of one grid.
     *
     * @return {@code h·w}
     */
    public int cells() {
        return height * width;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /** One "channel": a row is one grid of indices. */
    @Override
    public int channels() {
        return 1;
    }

    /** The prior has no latent code of its own; its rows are the {@code h·w} cells. */
    @Override
    public int latentDim() {
        return cells();
    }

    @Override
    public Binarization binarization() {
        return Binarization.NONE;
    }

    @Override
    public String summary() {
        return "gated PixelCNN prior over " + height + "x" + width + " codes of " + codebookSize
                + ", " + layers + " layers x " + filters + " channels, kernel " + kernel
                + (classes > 0 ? ", conditional on " + classes + " classes" : "");
    }
}
