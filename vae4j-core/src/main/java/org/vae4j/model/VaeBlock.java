package org.vae4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * two, which saves a matrix product over separate heads; with {@link VaeConfig#logvarBounds()}
 * the logvar half is clamped to them). Reparameterization: {@code z = mu +
 * eps * exp(logvar / 2)}, {@code eps ~ N(0, I)}. Decoder: {@code z [B, L] -> logits [B, D]}; the
 * {@link Likelihood} turns logits into pixel distributions, so no sigmoid runs during training.
 *
 * <p>{@link #forward} takes {@code x} of shape {@code [B, D]} (or {@code [B, C, H, W]},
 * flattened), and for a conditional config ({@link VaeConfig#conditional()}) the one-hot labels
 * {@code y [B, K]} as a second input (see {@link OneHot}); it returns {@code (mu [B, L], logvar
 * [B, L], logits [B, D], z [B, L])} with one posterior sample {@code z} per image drawn from the
 * engine's random generator.
 *
 * <p>With {@link Likelihood#GAUSSIAN_LEARNED} the block also owns {@code logSigma [D]}, the
 * decoder's log standard deviation per pixel, initialised to {@code log(config.sigma())}; it is
 * saved and loaded with the other parameters (first, before the encoder's). Other likelihoods
 * have no such parameter, so their parameter files are unchanged.
 *
 * <p>The prior is part of the block ({@link VaeConfig#priorConfig()}): the standard normal, or a
 * {@link VampPrior} whose pseudo-inputs {@code [K, D]} are a parameter of the block, saved after
 * {@code logSigma} and before the encoder's (a Gaussian model's files are unchanged). {@link
 * #forward} also returns the sample {@code z} it decoded, which the VampPrior's Monte-Carlo KL
 * term needs ({@link #kl}).
 */
public final class VaeBlock extends AbstractBlock {

    /** Parameter format version; DJL's loadMetadata refuses files of another version. */
    private static final byte VERSION = 1;

    private final VaeConfig config;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;
    private final Parameter logSigma;
    private final Parameter pseudoInputs;

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
        PriorConfig prior = config.priorConfig();
        this.pseudoInputs =
                prior.standardNormal()
                        ? null
                        : addParameter(
                                Parameter.builder()
                                        .setName("pseudoInputs")
                                        .setType(Parameter.Type.OTHER)
                                        .optShape(new Shape(prior.pseudoInputs(),
                                                config.inputSize()))
                                        .optInitializer(new VampPrior.PseudoInputInitializer(
                                                PriorConfig.INIT_MEAN, PriorConfig.INIT_STD))
                                        .build());
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
     * Encodes images of a plain VAE to the posterior's parameters.
     *
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param training whether gradients are being recorded
     * @return {@code (mu [B, L], logvar [B, L])}
     * @throws IllegalArgumentException if the model is conditional (it needs the labels)
     */
    public NDList encode(ParameterStore ps, NDArray x, boolean training) {
        return encode(ps, x, null, training);
    }

    /**
     * Encodes images to the posterior's parameters, {@code q(z | x, y)} for a conditional model.
     *
     * @param ps the parameter store
     * @param x images {@code [B, D]}
     * @param y one-hot labels {@code [B, K]} for a conditional model, else null
     * @param training whether gradients are being recorded
     * @return {@code (mu [B, L], logvar [B, L])}
     */
    public NDList encode(ParameterStore ps, NDArray x, NDArray y, boolean training) {
        NDArray h = encoder.forward(ps, new NDList(encoderInput(x, y)), training)
                .singletonOrThrow();
        NDList post = h.split(2, 1);
        LogVarBounds bounds = config.logvarBounds();
        if (bounds == null) {
            return post;
        }
        return new NDList(post.get(0), post.get(1).clip(bounds.min(), bounds.max()));
    }

    /**
     * Decodes latent codes of a plain VAE to per-pixel logits.
     *
     * @param ps the parameter store
     * @param z latent codes {@code [B, L]}
     * @param training whether gradients are being recorded
     * @return logits {@code [B, D]}
     * @throws IllegalArgumentException if the model is conditional (it needs the labels)
     */
    public NDArray decode(ParameterStore ps, NDArray z, boolean training) {
        return decode(ps, z, null, training);
    }

    /**
     * Decodes latent codes to per-pixel logits, {@code p(x | z, y)} for a conditional model.
     *
     * @param ps the parameter store
     * @param z latent codes {@code [B, L]}
     * @param y one-hot labels {@code [B, K]} for a conditional model, else null
     * @param training whether gradients are being recorded
     * @return logits {@code [B, D]}
     */
    public NDArray decode(ParameterStore ps, NDArray z, NDArray y, boolean training) {
        checkCondition(y, z.getShape().get(0));
        NDArray in = y == null ? z : NDArrays.concat(new NDList(z, y), 1);
        return decoder.forward(ps, new NDList(in), training).singletonOrThrow();
    }

    /**
     * The encoder's input: x itself, or for a conditional model x with the labels appended,
     * {@code [B, D + K]} (MLP, gated) or {@code [B, C + K, H, W]} with each label a constant plane
     * (conv, so every convolution position sees it).
     */
    private NDArray encoderInput(NDArray x, NDArray y) {
        long b = x.getShape().get(0);
        checkCondition(y, b);
        if (y == null) {
            return x;
        }
        if (config.architecture() != Architecture.CONV) {
            return NDArrays.concat(new NDList(x, y), 1);
        }
        int h = config.height();
        int w = config.width();
        NDArray planes = y.reshape(b, config.classes(), 1, 1)
                .broadcast(new Shape(b, config.classes(), h, w));
        return NDArrays.concat(
                new NDList(x.reshape(b, config.channels(), h, w), planes), 1);
    }

    private void checkCondition(NDArray y, long batch) {
        config.checkLabelsGiven(y != null);
        if (y != null && !y.getShape().equals(new Shape(batch, config.classes()))) {
            throw new IllegalArgumentException(
                    "expected one-hot labels of shape (" + batch + ", " + config.classes()
                            + "), got " + y.getShape());
        }
    }

    /** Width of the flat encoder input: {@code D + K} (MLP) or {@code (C + K)·H·W} (conv). */
    private long encoderInputWidth() {
        return config.architecture() != Architecture.CONV
                ? config.inputSize() + config.classes()
                : (long) (config.channels() + config.classes()) * config.height()
                        * config.width();
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
     * The pseudo-inputs the encoder sees, {@code u = clamp(P, 0, 1)} (the authors' hardtanh; no
     * gradient outside the range) or {@code P} itself when unclamped.
     *
     * <p>On {@code manager}, not the parameter's: DJL puts an op's result on its first operand's
     * manager, so {@code P.clip(...)} and the encoder pass over it would otherwise pile up on the
     * model's manager, one copy per step, until the model closes (measured: 3 GiB resident after
     * one Fashion-MNIST epoch with K = 500).
     *
     * @param ps the parameter store
     * @param manager the step's manager, which owns the result and what is computed from it
     * @param training whether gradients are being recorded
     * @return {@code [K, D]}, or null for the standard normal prior
     */
    public NDArray pseudoInputs(ParameterStore ps, NDManager manager, boolean training) {
        if (pseudoInputs == null) {
            return null;
        }
        NDArray p = ps.getValue(pseudoInputs, manager.getDevice(), training);
        // 1 * P: the same values and gradient, on the step's manager.
        NDArray u = manager.full(new Shape(), 1f, DataType.FLOAT32).mul(p);
        return config.priorConfig().clamp() ? u.clip(0, 1) : u;
    }

    /**
     * The VampPrior's components: the encoder's posteriors at the pseudo-inputs.
     *
     * @param ps the parameter store
     * @param manager the step's manager (see {@link #pseudoInputs})
     * @param training whether gradients are being recorded
     * @return {@code (mu [K, L], logvar [K, L])}, or null for the standard normal prior
     */
    public NDList priorComponents(ParameterStore ps, NDManager manager, boolean training) {
        NDArray u = pseudoInputs(ps, manager, training);
        return u == null ? null : encode(ps, u, null, training);
    }

    /**
     * {@code log p(z) + (L/2) log 2 pi} per row (see {@link VampPrior}): {@code -1/2 sum_j
     * z_j^2} for the standard normal, the mixture's log-sum-exp for the VampPrior.
     *
     * @param ps the parameter store
     * @param z codes {@code [M, L]}
     * @param training whether gradients are being recorded
     * @return {@code [M]}
     */
    public NDArray logPriorKernel(ParameterStore ps, NDArray z, boolean training) {
        NDList c = priorComponents(ps, z.getManager(), training);
        if (c == null) {
            NDArray sq = z.square().sum(new int[] {1});
            return sq.mul(Scalars.of(sq, -0.5));
        }
        return VampPrior.logKernel(z, c.get(0), c.get(1));
    }

    /**
     * The KL term of the ELBO per image: {@code KL(q(z|x) || N(0, I))} in closed form for the
     * standard normal prior ({@link Elbo#klStandardNormal}); for the VampPrior, which has no
     * closed form, the one-sample Monte-Carlo estimate {@code log q(z|x) - log p(z)} at the
     * reparameterised sample {@code z} (unbiased; the Gaussian normalisers cancel).
     *
     * @param ps the parameter store
     * @param mu posterior means {@code [B, L]}
     * @param logvar posterior log-variances {@code [B, L]}
     * @param z the sample drawn from them {@code [B, L]}
     * @param training whether gradients are being recorded
     * @return {@code [B]}
     */
    public NDArray kl(ParameterStore ps, NDArray mu, NDArray logvar, NDArray z,
            boolean training) {
        if (pseudoInputs == null) {
            return Elbo.klStandardNormal(mu, logvar);
        }
        return VampPrior.logPosteriorKernel(z, mu, logvar).sub(logPriorKernel(ps, z, training));
    }

    /**
     * Both ELBO terms of a {@link #forward} pass: {@code (reconstruction [B], kl [B])}, the KL
     * term per {@link #kl}.
     *
     * @param ps the parameter store
     * @param forward the output of {@link #forward}: {@code (mu, logvar, logits, z)}
     * @param x the targets {@code [B, D]}
     * @param training whether gradients are being recorded
     * @return {@code (reconstruction [B], kl [B])}
     */
    public NDList elboTerms(ParameterStore ps, NDList forward, NDArray x, boolean training) {
        NDArray rec = reconstructionNll(ps, forward.get(2), x, training);
        return new NDList(rec,
                kl(ps, forward.get(0), forward.get(1), forward.get(3), training));
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
        NDArray x = flatten(inputs.get(0));
        NDArray y = inputs.size() > 1 ? inputs.get(1) : null;
        NDList posterior = encode(ps, x, y, training);
        NDArray mu = posterior.get(0);
        NDArray logvar = posterior.get(1);
        NDArray z = reparameterize(mu, logvar);
        NDArray logits = decode(ps, z, y, training);
        return new NDList(mu, logvar, logits, z);
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
            new Shape(b, config.inputSize()),
            new Shape(b, config.latentDim())
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(b, encoderInputWidth()));
        decoder.initialize(
                manager, dataType, new Shape(b, config.latentDim() + config.classes()));
    }
}
