package org.vae4j.cli;

import java.util.List;
import java.util.Map;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.family.CodebookSpec;
import org.vae4j.family.Families;
import org.vae4j.family.InvalidSpecException;
import org.vae4j.family.ModelFamily;
import org.vae4j.family.NetworkSpec;
import org.vae4j.model.Architecture;
import org.vae4j.model.Likelihood;
import org.vae4j.model.LogVarBounds;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.PriorConfig;
import org.vae4j.model.PriorKind;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code vae4j train}'s model flags: the family, the network and the likelihood. They build a
 * {@link NetworkSpec}, and the family's configuration record checks the values; its complaint
 * becomes the usage error of the flag behind it.
 */
final class NetworkFlags {
    @Option(names = "--model", paramLabel = "KIND", defaultValue = "mlp",
            description = "Network: mlp (PyTorch's example VAE), conv (Keras' "
                    + "convolutional VAE) or gated (mlp with gated linear units, VampPrior's"
                    + " GatedDense) (default: ${DEFAULT-VALUE}). A family id (e.g. ae) stands"
                    + " for --family ID with the mlp network.")
    String model;
    @Option(names = "--family", paramLabel = "ID",
            description = "Model family: vae (default), ae (plain autoencoder: deterministic"
                    + " code, reconstruction loss only), vqvae (VQ-VAE: a grid of codebook"
                    + " entries; its own conv network, --model does not apply), or any family"
                    + " registered on the class path.")
    String family;
    @Option(names = "--latent", paramLabel = "L",
            description = "Latent dimensions (default: 20 for mlp, 2 for conv).")
    Integer latent;
    @Option(names = "--hidden", paramLabel = "W", split = ",",
            description = "mlp: hidden layer widths (default: 400); conv: channel widths of the "
                    + "stride-2 conv layers, then the dense width (default: 32,64,16). "
                    + "Comma separated.")
    List<Integer> hidden;
    @Option(names = "--logvar-bounds", paramLabel = "MIN,MAX", split = ",",
            description = "Clamp the encoder's log-variances to [MIN, MAX], e.g. -6,2 as in"
                    + " VampPrior: guards long runs against a KL blow-up (default: unbounded).")
    List<Double> logvarBounds;
    @Option(names = "--likelihood", paramLabel = "NAME",
            description = "bernoulli (BCE), gaussian (MSE, fixed --sigma), gaussian-learned"
                    + " (a learned sigma per pixel, starting at --sigma) or gaussian-identity"
                    + " (mean = decoder output, for real-valued data) (default: bernoulli;"
                    + " gaussian for vqvae).")
    String likelihood;
    @Option(names = "--sigma", paramLabel = "S",
            description = "Standard deviation of the gaussian likelihoods (default: 0.1; 0.25"
                    + " for vqvae, whose loss then weighs squared error as the reference's"
                    + " MSE / Var(x) does on Fashion-MNIST).")
    Double sigma;
    @Option(names = "--binarize", paramLabel = "MODE", defaultValue = "none",
            description = "Pixel binarization: none, static or dynamic (default: ${DEFAULT-VALUE}).")
    String binarize;
    @Option(names = "--conditional",
            description = "Train a conditional VAE (CVAE): encoder and decoder also read the"
                    + " image's label, and `sample --label` draws a chosen class. Needs labelled"
                    + " data.")
    boolean conditional;
    @Option(names = "--prior", paramLabel = "NAME", defaultValue = "gaussian",
            description = "The latent prior of a vae: gaussian (N(0, I)) or vamp (VampPrior,"
                    + " Tomczak & Welling 2018: a mixture of the encoder's posteriors at"
                    + " --pseudo-inputs learned inputs; its KL term is estimated from the"
                    + " sample) (default: ${DEFAULT-VALUE}).")
    String prior;
    @Option(names = "--pseudo-inputs", paramLabel = "K",
            description = "Pseudo-inputs of --prior vamp (default: 500, the paper's).")
    Integer pseudoInputs;
    @Option(names = "--clamp-pseudo-inputs", negatable = true, defaultValue = "true",
            fallbackValue = "true",
            description = "Clamp the pseudo-inputs to [0, 1], the pixel range, as the authors'"
                    + " hardtanh does (default: on; --no-clamp-pseudo-inputs for real-valued"
                    + " data).")
    boolean clampPseudoInputs;
    @Option(names = "--codebook-size", paramLabel = "K",
            description = "vqvae: number of code vectors (default: 512).")
    Integer codebookSize;
    @Option(names = "--code-dim", paramLabel = "D",
            description = "vqvae: size of each code vector; the code is a grid of H/4 x W/4 of"
                    + " them (default: 64).")
    Integer codeDim;
    @Option(names = "--commitment", paramLabel = "BETA",
            description = "vqvae: weight of the commitment loss (default: 0.25).")
    Double commitment;
    @Option(names = "--ema-decay", paramLabel = "G",
            description = "vqvae: decay of the codebook's moving averages; 0 learns the"
                    + " codebook by gradient instead (default: 0.99).")
    Double emaDecay;
    @Option(names = "--dead-code-steps", paramLabel = "N",
            description = "vqvae: restart a code unused for N steps from a current encoder"
                    + " output; 0 never does (default: 100).")
    Integer deadCodeSteps;


    /** The most classes a conditional model takes (label bytes go to 255: a corrupt file). */
    static final int MAX_CLASSES = 1000;

    /** Message starts of the configuration records' checks, and the flag each is about. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("latentDim", "--latent"), Map.entry("hidden", "--hidden"),
            Map.entry("a conv model needs", "--hidden"), Map.entry("sigma", "--sigma"),
            Map.entry("likelihood", "--likelihood"), Map.entry("prior", "--prior"),
            Map.entry("pseudo-inputs", "--pseudo-inputs"),
            Map.entry("codebookSize", "--codebook-size"), Map.entry("codeDim", "--code-dim"),
            Map.entry("commitment", "--commitment"), Map.entry("emaDecay", "--ema-decay"),
            Map.entry("deadCodeSteps", "--dead-code-steps"));

    /**
     * The flag behind each component of {@link NetworkSpec} and of the configurations built from
     * it (their components share the names): for a family's refusal, and for resume's
     * field-by-field comparison.
     */
    static final Map<String, String> COMPONENT_FLAGS = Map.ofEntries(
            Map.entry("architecture", "--model"), Map.entry("hidden", "--hidden"),
            Map.entry("latentDim", "--latent"), Map.entry("likelihood", "--likelihood"),
            Map.entry("sigma", "--sigma"), Map.entry("binarization", "--binarize"),
            Map.entry("classes", "--conditional"), Map.entry("logvarBounds", "--logvar-bounds"),
            Map.entry("prior", "--prior"),
            Map.entry("codebookSize", "--codebook-size"), Map.entry("codeDim", "--code-dim"),
            Map.entry("commitment", "--commitment"), Map.entry("emaDecay", "--ema-decay"),
            Map.entry("deadCodeSteps", "--dead-code-steps"));

    /**
     * The model's configuration, for images shaped like {@code all}.
     *
     * @param cl the command line, for usage errors
     * @param all the training images (shape, labels)
     * @param excludeClasses labels left out of training, which a conditional model still knows
     * @return the configuration
     * @throws CommandLine.ParameterException for a bad flag value (exit 2)
     * @throws CliException when the data cannot have this network (exit 1)
     */
    ModelConfig config(CommandLine cl, ImageSet all, List<Integer> excludeClasses) {
        // `--model ae` is `--family ae` with the default network.
        boolean modelIsFamily = family == null && !"mlp".equals(model) && Families.exists(model);
        String familyId = modelIsFamily ? model : family;
        String network = modelIsFamily ? "mlp" : model;
        ModelFamily<?> fam = parse(cl, "--family", () -> Families.get(familyId));
        Architecture arch = parse(cl, "--model", () -> Architecture.parse(network));
        // Unset likelihood and sigma take the family's defaults (a vqvae's MSE, say).
        Likelihood lik = likelihood == null ? fam.defaultLikelihood()
                : parse(cl, "--likelihood", () -> Likelihood.parse(likelihood));
        Binarization bin = parse(cl, "--binarize", () -> Binarization.parse(binarize));
        LogVarBounds bounds = logvarBounds == null ? null
                : parse(cl, "--logvar-bounds", () -> LogVarBounds.of(logvarBounds));
        NetworkSpec spec = new NetworkSpec(arch, all.channels(), all.height(), all.width(),
                hidden, latent, lik, sigma == null ? fam.defaultSigma() : sigma, bin,
                conditional ? classCount(cl, all, excludeClasses) : 0, bounds, prior(cl),
                new CodebookSpec(codebookSize, codeDim, commitment, emaDecay, deadCodeSteps));
        try {
            return fam.configure(spec);
        } catch (InvalidSpecException e) {
            throw FlagErrors.usage(cl, COMPONENT_FLAGS.getOrDefault(e.component(), "--family"), e);
        } catch (IllegalArgumentException e) {
            String flag = FlagErrors.flagOf(e.getMessage(), FLAGS);
            if (flag != null) {
                throw FlagErrors.usage(cl, flag, e);
            }
            // Not a flag's fault: the images do not fit the network (e.g. conv strides).
            throw new CliException(all.source() + ": " + e.getMessage());
        }
    }

    /** The prior of --prior, --pseudo-inputs and --clamp-pseudo-inputs; null for gaussian. */
    private PriorConfig prior(CommandLine cl) {
        PriorKind kind = parse(cl, "--prior", () -> PriorKind.parse(prior));
        if (kind == PriorKind.GAUSSIAN) {
            if (pseudoInputs != null) {
                throw new CommandLine.ParameterException(cl,
                        "--pseudo-inputs needs --prior vamp (the gaussian prior has none)");
            }
            return null;
        }
        int k = Bounds.check(cl, "--pseudo-inputs", pseudoInputs == null
                ? PriorConfig.DEFAULT_PSEUDO_INPUTS : pseudoInputs, 1,
                PriorConfig.MAX_PSEUDO_INPUTS);
        return new PriorConfig(kind, k, clampPseudoInputs);
    }

    /**
     * K of a conditional model: the data's class names, else its largest label + 1, and at least
     * every --exclude-classes label + 1, so that the held-out class stays a valid label.
     */
    private static int classCount(CommandLine cl, ImageSet all, List<Integer> excludeClasses) {
        if (!all.hasLabels()) {
            throw new CliException(all.source() + ": --conditional needs labelled images (IDX"
                    + " labels file, class sub-folders or CIFAR-10), but these have no labels");
        }
        int max = 0;
        for (int label : all.labels()) {
            max = Math.max(max, label);
        }
        if (excludeClasses != null) {
            for (int c : excludeClasses) {
                max = Math.max(max, c);
            }
        }
        int k = Math.max(all.classNames().size(), max + 1);
        if (k > MAX_CLASSES) {
            throw new CliException(all.source() + ": --conditional would need " + k
                    + " classes (largest label " + max + "); labels must be in [0, "
                    + (MAX_CLASSES - 1) + "]");
        }
        long used = java.util.Arrays.stream(all.labels()).distinct().count();
        if (all.classNames().isEmpty() && used * 2 < k) {
            // Sparse labels (a stray byte of 200 among 0..9) would widen every input silently.
            cl.getErr().println("warning: --conditional: the labels use " + used + " of the "
                    + k + " classes 0.." + (k - 1) + " (largest label " + max + "); the model"
                    + " takes " + k + " one-hot inputs");
            cl.getErr().flush();
        }
        return k;
    }

    /** Runs a parser of a flag's value, turning its complaint into a usage error naming the flag. */
    static <T> T parse(CommandLine cl, String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, flag + ": " + e.getMessage());
        }
    }
}
