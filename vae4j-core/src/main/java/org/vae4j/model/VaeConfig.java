package org.vae4j.model;

import java.util.List;
import org.vae4j.data.Binarization;

/**
 * Everything needed to rebuild a VAE's network and interpret its inputs: saved as {@code
 * config.json} beside the parameters.
 *
 * @param architecture the encoder/decoder family
 * @param channels image channels C
 * @param height image height H
 * @param width image width W
 * @param hidden the network's widths as {@code config.json} stores them, one flat list for every
 *     architecture: for the MLPs the encoder's hidden widths, for conv the channel widths of the
 *     stride-2 conv layers followed by the dense width (e.g. {@code [32, 64, 16]}); read it
 *     through {@link #network()}, which types it per architecture
 * @param latentDim size of the latent code z
 * @param likelihood the decoder's observation model
 * @param sigma standard deviation of the {@link Likelihood#GAUSSIAN} likelihood (ignored for
 *     Bernoulli)
 * @param binarization how pixels are turned into training targets
 * @param classes 0 for a plain VAE; K &gt; 0 for a conditional VAE (Sohn et al. 2015) whose
 *     encoder and decoder both take the one-hot label {@code y [B, K]}: the MLP encoder reads
 *     {@code [x, y]}, the conv encoder reads y as K constant extra input channels, and both
 *     decoders read {@code [z, y]}
 * @param logvarBounds clamps the encoder's log-variances (see {@link LogVarBounds}); null (the
 *     default, and what a file written before bounds existed reads as) leaves them unbounded
 * @param prior the prior p(z); null (the default, what a file written before priors existed
 *     reads as, and what {@link PriorConfig#GAUSSIAN} is stored as) is the standard normal; read
 *     it through {@link #priorConfig()}. A conditional model takes the standard normal only
 */
public record VaeConfig(
        Architecture architecture,
        int channels,
        int height,
        int width,
        List<Integer> hidden,
        int latentDim,
        Likelihood likelihood,
        double sigma,
        Binarization binarization,
        int classes,
        LogVarBounds logvarBounds,
        PriorConfig prior) implements ModelConfig {

    /** The family id in {@code config.json}. */
    public static final String FAMILY = "vae";

    /**
     * The widest layer or code: a 65,536-unit layer on 784 inputs already holds 51 M weights;
     * wider ones are typos that would end in a native allocation failure.
     */
    public static final int MAX_WIDTH = 65_536;

    /** Default hidden widths: PyTorch's example VAE (784-400-20). */
    public static final List<Integer> DEFAULT_HIDDEN = List.of(400);

    /** Default conv layout: Keras' VAE example (Conv 32 and 64 with stride 2, Dense 16). */
    public static final List<Integer> DEFAULT_CONV_HIDDEN = List.of(32, 64, 16);

    /** Default latent size of Keras' convolutional VAE example. */
    public static final int DEFAULT_CONV_LATENT = 2;

    /** Default latent size of PyTorch's example VAE. */
    public static final int DEFAULT_LATENT = 20;

    /** Default Gaussian standard deviation, in pixel units of [0, 1]. */
    public static final double DEFAULT_SIGMA = 0.1;

    /** Checks every value; messages name the field and the bad value. */
    public VaeConfig {
        if (architecture == null) {
            throw new IllegalArgumentException("architecture must be set");
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got "
                            + channels
                            + "x"
                            + height
                            + "x"
                            + width);
        }
        if (hidden == null || hidden.isEmpty()) {
            throw new IllegalArgumentException("hidden must list at least one layer width");
        }
        for (Integer h : hidden) {
            if (h == null || h <= 0) {
                throw new IllegalArgumentException("hidden widths must be > 0, got " + hidden);
            }
            if (h > MAX_WIDTH) {
                throw new IllegalArgumentException(
                        "hidden widths must be <= " + MAX_WIDTH + ", got " + hidden);
            }
        }
        hidden = List.copyOf(hidden);
        if (architecture == Architecture.CONV) {
            checkConv(hidden, height, width);
        }
        if (latentDim <= 0) {
            throw new IllegalArgumentException("latentDim must be > 0, got " + latentDim);
        }
        if (latentDim > MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "latentDim must be <= " + MAX_WIDTH + ", got " + latentDim);
        }
        if (likelihood == null) {
            throw new IllegalArgumentException("likelihood must be set");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, got " + sigma);
        }
        if (binarization == null) {
            throw new IllegalArgumentException("binarization must be set");
        }
        if (classes < 0) {
            throw new IllegalArgumentException(
                    "classes must be >= 0 (0 = not conditional), got " + classes);
        }
        if (prior != null && prior.standardNormal()) {
            prior = null; // stored as absent: config.json of a Gaussian model stays as it was
        }
        if (prior != null && classes > 0) {
            throw new IllegalArgumentException("prior " + prior.kind().id() + " is for"
                    + " unconditional models: a conditional VAE's pseudo-inputs would need labels"
                    + " too; use the gaussian prior with --conditional");
        }
    }

    /**
     * A configuration with the standard normal prior.
     *
     * @param architecture the encoder/decoder family
     * @param channels C
     * @param height H
     * @param width W
     * @param hidden hidden widths (see the record's description)
     * @param latentDim L
     * @param likelihood the observation model
     * @param sigma the Gaussian standard deviation
     * @param binarization how pixels become targets
     * @param classes K, 0 for a plain VAE
     * @param logvarBounds the log-variance clamp, or null
     */
    public VaeConfig(
            Architecture architecture,
            int channels,
            int height,
            int width,
            List<Integer> hidden,
            int latentDim,
            Likelihood likelihood,
            double sigma,
            Binarization binarization,
            int classes,
            LogVarBounds logvarBounds) {
        this(architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, classes, logvarBounds, null);
    }

    /**
     * The prior, never null.
     *
     * @return {@link PriorConfig#GAUSSIAN} or the VampPrior's settings
     */
    public PriorConfig priorConfig() {
        return prior == null ? PriorConfig.GAUSSIAN : prior;
    }

    /**
     * A configuration with unbounded log-variances.
     *
     * @param architecture the encoder/decoder family
     * @param channels C
     * @param height H
     * @param width W
     * @param hidden hidden widths (see the record's description)
     * @param latentDim L
     * @param likelihood the observation model
     * @param sigma the Gaussian standard deviation
     * @param binarization how pixels become targets
     * @param classes K, 0 for a plain VAE
     */
    public VaeConfig(
            Architecture architecture,
            int channels,
            int height,
            int width,
            List<Integer> hidden,
            int latentDim,
            Likelihood likelihood,
            double sigma,
            Binarization binarization,
            int classes) {
        this(architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, classes, null);
    }

    /**
     * The configuration of a plain (unconditional) VAE.
     *
     * @param architecture the encoder/decoder family
     * @param channels C
     * @param height H
     * @param width W
     * @param hidden hidden widths (see the record's description)
     * @param latentDim L
     * @param likelihood the observation model
     * @param sigma the Gaussian standard deviation
     * @param binarization how pixels become targets
     */
    public VaeConfig(
            Architecture architecture,
            int channels,
            int height,
            int width,
            List<Integer> hidden,
            int latentDim,
            Likelihood likelihood,
            double sigma,
            Binarization binarization) {
        this(architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, 0);
    }

    /**
     * The default MLP VAE (784-400-20, Bernoulli, no binarization) for images of the given shape.
     *
     * @param channels C
     * @param height H
     * @param width W
     * @return the configuration
     */
    public static VaeConfig mlp(int channels, int height, int width) {
        return new VaeConfig(
                Architecture.MLP,
                channels,
                height,
                width,
                DEFAULT_HIDDEN,
                DEFAULT_LATENT,
                Likelihood.BERNOULLI,
                DEFAULT_SIGMA,
                Binarization.NONE);
    }

    /**
     * The default convolutional VAE (Keras' example: conv 32, 64, dense 16, latent 2, Bernoulli)
     * for images of the given shape; H and W must be divisible by 4.
     *
     * @param channels C
     * @param height H
     * @param width W
     * @return the configuration
     */
    public static VaeConfig conv(int channels, int height, int width) {
        return new VaeConfig(
                Architecture.CONV,
                channels,
                height,
                width,
                DEFAULT_CONV_HIDDEN,
                DEFAULT_CONV_LATENT,
                Likelihood.BERNOULLI,
                DEFAULT_SIGMA,
                Binarization.NONE);
    }

    private static void checkConv(List<Integer> hidden, int height, int width) {
        if (hidden.size() < 2) {
            throw new IllegalArgumentException(
                    "a conv model needs at least one conv width and the dense width, got "
                            + hidden);
        }
        int factor = 1 << (hidden.size() - 1);
        if (height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException(
                    "a conv model with "
                            + (hidden.size() - 1)
                            + " stride-2 layers needs height and width divisible by "
                            + factor
                            + ", got "
                            + height
                            + "x"
                            + width);
        }
    }

    /**
     * The network, typed per architecture: the flat {@link #hidden} list read as MLP widths or as
     * conv channels followed by the dense width.
     *
     * @return an {@link MlpNetwork} or a {@link ConvNetwork}
     */
    public Network network() {
        if (architecture != Architecture.CONV) {
            return new MlpNetwork(hidden, architecture == Architecture.GATED);
        }
        int layers = hidden.size() - 1;
        return new ConvNetwork(hidden.subList(0, layers), hidden.get(layers), height >> layers,
                width >> layers);
    }

    /**
     * Returns a copy with another latent size.
     *
     * @param latent the new latent size
     * @return the copy
     */
    public VaeConfig withLatentDim(int latent) {
        return new VaeConfig(
                architecture, channels, height, width, hidden, latent, likelihood, sigma,
                binarization, classes, logvarBounds, prior);
    }

    /**
     * Returns a copy with other hidden widths.
     *
     * @param widths the encoder's hidden widths
     * @return the copy
     */
    public VaeConfig withHidden(List<Integer> widths) {
        return new VaeConfig(
                architecture, channels, height, width, widths, latentDim, likelihood, sigma,
                binarization, classes, logvarBounds, prior);
    }

    /**
     * Returns a copy with another likelihood and sigma.
     *
     * @param l the likelihood
     * @param s the Gaussian standard deviation
     * @return the copy
     */
    public VaeConfig withLikelihood(Likelihood l, double s) {
        return new VaeConfig(
                architecture, channels, height, width, hidden, latentDim, l, s, binarization,
                classes, logvarBounds, prior);
    }

    /**
     * Returns a copy with another binarization.
     *
     * @param b the binarization
     * @return the copy
     */
    public VaeConfig withBinarization(Binarization b) {
        return new VaeConfig(
                architecture, channels, height, width, hidden, latentDim, likelihood, sigma, b,
                classes, logvarBounds, prior);
    }

    /**
     * Returns a copy conditioned on {@code k} classes (0: unconditional).
     *
     * @param k the number of classes K
     * @return the copy
     */
    public VaeConfig withClasses(int k) {
        return new VaeConfig(
                architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, k, logvarBounds, prior);
    }

    /**
     * Returns a copy with other log-variance bounds.
     *
     * @param bounds the bounds, null for none
     * @return the copy
     */
    public VaeConfig withLogvarBounds(LogVarBounds bounds) {
        return new VaeConfig(
                architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, classes, bounds, prior);
    }

    /**
     * Returns a copy with another prior.
     *
     * @param p the prior, null or {@link PriorConfig#GAUSSIAN} for the standard normal
     * @return the copy
     */
    public VaeConfig withPrior(PriorConfig p) {
        return new VaeConfig(
                architecture, channels, height, width, hidden, latentDim, likelihood, sigma,
                binarization, classes, logvarBounds, p);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    /**
     * The network in one line, e.g. {@code mlp 784-[400]-20, bernoulli} or {@code conv
     * conditional on 10 classes 784-[32, 64, 16]-2 (logvar in [-6.0, 2.0]), bernoulli}.
     *
     * @return the summary
     */
    @Override
    public String summary() {
        return architecture.id() + (conditional() ? " conditional on " + classes + " classes" : "")
                + " " + inputSize() + "-" + hidden + "-" + latentDim
                + (logvarBounds == null ? "" : " (logvar in " + logvarBounds + ")")
                + ", " + likelihood.id() + (prior == null ? "" : ", " + prior + " prior");
    }
}
