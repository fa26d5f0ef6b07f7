package org.vae4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A variational autoencoder as one DJL block (Kingma &amp; Welling 2014,
 * https://arxiv.org/abs/1312.6114).
 *
 * <p>The networks come from {@link Networks} (MLP or convolutional, per {@link
 * VaeConfig#architecture()}). Encoder: {@code x [B, D] -> h -> [mu, logvar] [B, 2L]} (one linear head for both, split in
 * two, which saves a matrix product over separate heads). Reparameterization: {@code z = mu +
 * eps * exp(logvar / 2)}, {@code eps ~ N(0, I)}. Decoder: {@code z [B, L] -> logits [B, D]}; the
 * {@link Likelihood} turns logits into pixel distributions, so no sigmoid runs during training.
 *
 * <p>{@link #forward} takes {@code x} of shape {@code [B, D]} (or {@code [B, C, H, W]}, flattened)
 * and returns {@code (mu [B, L], logvar [B, L], logits [B, D])} with one posterior sample per
 * image drawn from the engine's random generator.
 *
 * <p>With {@link Likelihood#GAUSSIAN_LEARNED} the block also owns {@code logSigma [D]}, the
 * decoder's log standard deviation per pixel, initialised to {@code log(config.sigma())}; it is
 * saved and loaded with the other parameters (first, before the encoder's). Other likelihoods
 * have no such parameter, so their parameter files are unchanged.
 */
public final class VaeBlock extends AbstractBlock {

    /** Parameter format version; DJL's loadMetadata refuses files of another version. */
    private static final byte VERSION = 1;

    private final VaeConfig config;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;
    private final Parameter logSigma;

    /**
     * Builds the (uninitialized) networks described by the configuration.
     *
     * @param config the architecture
     */
    public VaeBlock(VaeConfig config) {
        super(VERSION);
        this.config = config;
        this.logSigma =
                config.likelihood().learnsSigma()
                        ? addParameter(
                                Parameter.builder()
                                        .setName("logSigma")
                                        .setType(Parameter.Type.OTHER)
                                        .optShape(new Shape(config.inputSize()))
                                        .optInitializer(
                                                new ConstantInitializer(
                                                        (float) Math.log(config.sigma())))
                                        .build())
                        : null;
        SequentialBlock enc = Networks.encoder(config);
        SequentialBlock dec = Networks.decoder(config);
        this.encoder = addChildBlock("encoder", enc);
        this.decoder = addChildBlock("decoder", dec);
    }

    /**
     * Returns the configuration this block was built from.
     *
     * @return the configuration
     */
    public VaeConfig config() {
        return config;
    }

    /**
     * Encodes images to the posterior's parameters.
     *
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param training whether gradients are being recorded
     * @return {@code (mu [B, L], logvar [B, L])}
     */
    public NDList encode(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = encoder.forward(ps, new NDList(x), training).singletonOrThrow();
        return h.split(2, 1);
    }

    /**
     * Decodes latent codes to per-pixel logits.
     *
     * @param ps the parameter store
     * @param z latent codes {@code [B, L]}
     * @param training whether gradients are being recorded
     * @return logits {@code [B, D]}
     */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        return decoder.forward(ps, new NDList(z), training).singletonOrThrow();
    }

    /**
     * The learned log standard deviations of the {@link Likelihood#GAUSSIAN_LEARNED} decoder.
     *
     * @param ps the parameter store
     * @param device where the computation runs
     * @param training whether gradients are being recorded
     * @return {@code [D]}, or null when the likelihood has a fixed sigma
     */
    public NDArray logSigma(ParameterStore ps, Device device, boolean training) {
        return logSigma == null ? null : ps.getValue(logSigma, device, training);
    }

    /**
     * The reconstruction term {@code -log p(x|z)} under this block's likelihood (and its learned
     * sigma, if any): {@link Elbo#reconstructionNll(VaeConfig, NDArray, NDArray, NDArray)}.
     *
     * @param ps the parameter store
     * @param logits decoder outputs {@code [B, D]}
     * @param x targets {@code [B, D]}
     * @param training whether gradients are being recorded
     * @return {@code [B]}
     */
    public NDArray reconstructionNll(
            ParameterStore ps, NDArray logits, NDArray x, boolean training) {
        return Elbo.reconstructionNll(
                config, logSigma(ps, x.getDevice(), training), logits, x);
    }

    /**
     * Draws {@code z = mu + eps * exp(logvar / 2)}: the reparameterization trick, which keeps
     * the sample differentiable in mu and logvar.
     *
     * @param mu posterior means {@code [B, L]}
     * @param logvar posterior log-variances {@code [B, L]}
     * @return one sample per row {@code [B, L]}
     */
    public static NDArray reparameterize(NDArray mu, NDArray logvar) {
        NDArray eps = mu.getManager().randomNormal(mu.getShape());
        // Not in place: autograd needs eps itself for the gradient of the standard deviation.
        return eps.mul(logvar.mul(Scalars.of(logvar, 0.5)).exp()).addi(mu);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = flatten(inputs.singletonOrThrow());
        NDList posterior = encode(ps, x, training);
        NDArray mu = posterior.get(0);
        NDArray logvar = posterior.get(1);
        NDArray logits = decode(ps, reparameterize(mu, logvar), training);
        return new NDList(mu, logvar, logits);
    }

    private NDArray flatten(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() == 2 && s.get(1) == config.inputSize()) {
            return x;
        }
        if (s.dimension() < 2 || s.size() / s.get(0) != config.inputSize()) {
            throw new IllegalArgumentException(
                    "expected images of " + config.inputSize() + " values, got shape " + s);
        }
        return x.reshape(s.get(0), config.inputSize());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {
            new Shape(b, config.latentDim()),
            new Shape(b, config.latentDim()),
            new Shape(b, config.inputSize())
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(b, config.inputSize()));
        decoder.initialize(manager, dataType, new Shape(b, config.latentDim()));
    }
}
