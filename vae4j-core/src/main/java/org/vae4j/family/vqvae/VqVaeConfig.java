package org.vae4j.family.vqvae;

import java.util.List;
import org.vae4j.data.Binarization;
import org.vae4j.model.Likelihood;
import org.vae4j.model.ModelConfig;

/**
 * A VQ-VAE's configuration (van den Oord et al. 2017), shaped after the recipe users copy
 * (Zalando's pytorch-vq-vae notebook) and scaled to 28×28 images.
 *
 * <p>Encoder {@code [B, C, H, W]}: 4×4 conv stride 2 to {@code h/2} channels, ReLU, 4×4 conv
 * stride 2 to {@code h}, ReLU, 3×3 conv to {@code h}, two residual blocks ({@code x + conv1×1(
 * ReLU(conv3×3_r(ReLU(x))))}, {@code r} hidden channels), ReLU, 1×1 conv to D: {@code z_e [B, D,
 * H/4, W/4]} (a 7×7 grid for 28×28 images). Each of its {@code H/4 · W/4} vectors is replaced by
 * its nearest of K code vectors. The decoder mirrors it: 3×3 conv D to {@code h}, two residual
 * blocks, ReLU, 3×3 transposed conv stride 2 to {@code h/2}, ReLU, 3×3 transposed conv stride 2
 * to C channels of outputs ({@code l}, turned into pixels by the likelihood).
 *
 * <p>Loss per image, with {@code D_x = C·H·W} pixels and {@code D_z = D·H/4·W/4} latent values:
 * {@code -log p(x | z_q) + β (D_x / D_z) ||z_e - sg(e)||²}, the first term {@code ||x -
 * sigmoid(l)||² / (2σ²)} for the Gaussian (its constant left out) or the binary cross-entropy
 * for Bernoulli. With {@code 2σ² = Var(x)} the Gaussian loss is {@code D_x} times the reference's
 * {@code mean((x - x̂)²) / Var(x) + β mean((z_e - sg(e))²)}: the default σ = 0.25 gives 2σ² =
 * 0.125, Fashion-MNIST's pixel variance (0.353²). With {@code emaDecay = 0} the codebook is
 * learned by gradient, adding {@code (D_x / D_z) ||sg(z_e) - e||²}.
 *
 * @param channels image channels C
 * @param height image height H, a multiple of 4
 * @param width image width W, a multiple of 4
 * @param hidden {@code [h, r]}: the encoder's and decoder's channels h (the first layer has h/2)
 *     and the residual blocks' hidden channels r
 * @param codebookSize K
 * @param codeDim D
 * @param commitment β
 * @param emaDecay γ of the codebook's moving averages, in [0, 1); 0 learns it by gradient
 * @param deadCodeSteps a code unused for this many consecutive steps is restarted from an
 *     encoder output of the current batch; 0 never restarts
 * @param likelihood gaussian (MSE, the reference's), gaussian-identity or bernoulli
 * @param sigma σ of the Gaussian likelihoods, &gt; 0
 * @param binarization how pixels become targets
 */
public record VqVaeConfig(
        int channels,
        int height,
        int width,
        List<Integer> hidden,
        int codebookSize,
        int codeDim,
        double commitment,
        double emaDecay,
        int deadCodeSteps,
        Likelihood likelihood,
        double sigma,
        Binarization binarization) implements ModelConfig {

    /** The family id in {@code config.json}. */
    public static final String FAMILY = "vqvae";

    /** Default {@code [h, r]}: the reference's 128 and 32, h halved for 28×28 grey images. */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(64, 32);

    /** The reference's K. */
    public static final int DEFAULT_CODEBOOK_SIZE = 512;

    /** The reference's D. */
    public static final int DEFAULT_CODE_DIM = 64;

    /** The reference's β. */
    public static final double DEFAULT_COMMITMENT = 0.25;

    /** The reference's γ. */
    public static final double DEFAULT_EMA_DECAY = 0.99;

    /** Steps unused before a restart: about a fifth of a Fashion-MNIST epoch at batch 128. */
    public static final int DEFAULT_DEAD_CODE_STEPS = 100;

    /** Default σ: 2σ² = 0.125, Fashion-MNIST's pixel variance, as the reference divides by. */
    public static final double DEFAULT_SIGMA = 0.25;

    /** Largest K, D and channel width. */
    public static final int MAX_WIDTH = 65_536;

    /** Checks every value; messages start with the component's name and give the bad value. */
    public VqVaeConfig {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels
                    + "x" + height + "x" + width);
        }
        if (height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("a vqvae needs image height and width divisible"
                    + " by 4 (two stride-2 layers), got " + height + "x" + width);
        }
        if (hidden == null || hidden.size() != 2) {
            throw new IllegalArgumentException("hidden must be two widths for a vqvae (channels"
                    + " h, residual channels r), got " + hidden);
        }
        hidden = List.copyOf(hidden);
        for (int w : hidden) {
            if (w < 2 || w > MAX_WIDTH) {
                throw new IllegalArgumentException("hidden widths must be in [2, " + MAX_WIDTH
                        + "], got " + hidden);
            }
        }
        check("codebookSize", codebookSize);
        check("codeDim", codeDim);
        if (!(commitment >= 0) || Double.isInfinite(commitment)) {
            throw new IllegalArgumentException("commitment must be >= 0 and finite, got "
                    + commitment);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay must be in [0, 1) (0: codebook learned"
                    + " by gradient), got " + emaDecay);
        }
        if (deadCodeSteps < 0) {
            throw new IllegalArgumentException("deadCodeSteps must be >= 0 (0: never restart),"
                    + " got " + deadCodeSteps);
        }
        if (likelihood == null || likelihood == Likelihood.GAUSSIAN_LEARNED) {
            throw new IllegalArgumentException("likelihood must be gaussian, gaussian-identity"
                    + " or bernoulli for a vqvae, got " + (likelihood == null ? null
                    : likelihood.id()));
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, got " + sigma);
        }
        if (binarization == null) {
            throw new IllegalArgumentException("binarization must be given");
        }
    }

    private static void check(String name, int value) {
        if (value <= 0 || value > MAX_WIDTH) {
            throw new IllegalArgumentException(name + " must be in [1, " + MAX_WIDTH + "], got "
                    + value);
        }
    }

    /**
     * Returns the code grid's height, H/4.
     *
     * @return h
     */
    public int gridHeight() {
        return height / 4;
    }

    /**
     * Returns the code grid's width, W/4.
     *
     * @return w
     */
    public int gridWidth() {
        return width / 4;
    }

    /**
     * Returns the grid's cells, {@code h·w}.
     *
     * @return the positions per image
     */
    public int gridCells() {
        return gridHeight() * gridWidth();
    }

    /**
     * The flattened code map, {@code h·w·D}: what {@code encode} and {@code decode} exchange.
     *
     * @return L
     */
    @Override
    public int latentDim() {
        return gridCells() * codeDim;
    }

    /**
     * Whether the codebook follows moving averages rather than gradients.
     *
     * @return {@code emaDecay > 0}
     */
    public boolean ema() {
        return emaDecay > 0;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String summary() {
        return "vqvae conv " + channels + "x" + height + "x" + width + " -> " + gridHeight() + "x"
                + gridWidth() + " codes, K=" + codebookSize + " D=" + codeDim + " hidden "
                + hidden + ", beta " + commitment + ", "
                + (ema() ? "EMA " + emaDecay : "gradient codebook") + ", " + likelihood.id()
                + (likelihood == Likelihood.BERNOULLI ? "" : " sigma " + sigma);
    }
}
