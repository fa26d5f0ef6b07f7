package org.vae4j.cli;

import java.util.List;
import java.util.Map;
import org.vae4j.engine.Precision;
import org.vae4j.train.LearningRateSchedule;
import org.vae4j.train.Objective;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code vae4j train}'s training flags: epochs, optimizer, learning-rate schedule, KL shaping,
 * objective, validation share and seed. They build a {@link TrainOptions}, which checks its
 * values; its complaint becomes the usage error of the flag behind it.
 */
final class TrainingFlags {

    /** K when --objective iwae is given without --k: Burda et al.'s smallest setting. */
    static final int DEFAULT_IWAE_K = 5;
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Epochs (default: ${DEFAULT-VALUE}); with --resume, the new total.")
    int epochs;
    @Option(names = "--batch", paramLabel = "B", defaultValue = "128",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--lr-milestones", paramLabel = "EPOCH", split = ",",
            description = "Multiply the learning rate by --lr-gamma after each of these epochs"
                    + " (PyTorch's MultiStepLR), e.g. 300,330; with --resume they may be added"
                    + " for epochs not trained yet (default: none, a constant rate).")
    List<Integer> lrMilestones;
    @Option(names = "--lr-gamma", paramLabel = "G", defaultValue = "0.1",
            description = "Factor of each --lr-milestones step, in (0, 1] (default:"
                    + " ${DEFAULT-VALUE}).")
    double lrGamma;
    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, rmsprop or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;
    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0",
            description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;
    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "1",
            description = "Weight of the KL term (default: ${DEFAULT-VALUE}; >1 = beta-VAE).")
    double beta;
    @Option(names = "--kl-warmup", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Raise the KL weight linearly from 0 to --beta over this many epochs"
                    + " (default: ${DEFAULT-VALUE}, none).")
    double klWarmup;
    @Option(names = "--kl-cycles", paramLabel = "N", defaultValue = "0",
            description = "Cyclical KL annealing: N cycles, each rising over its first half"
                    + " (default: ${DEFAULT-VALUE}, none).")
    int klCycles;
    @Option(names = "--free-bits", paramLabel = "NATS", defaultValue = "0",
            description = "Free bits per latent unit: no KL pressure below this many nats"
                    + " (default: ${DEFAULT-VALUE}, none).")
    double freeBits;
    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "elbo",
            description = "elbo or iwae (importance-weighted bound with --k samples, Burda et al."
                    + " 2016) (default: ${DEFAULT-VALUE}).")
    String objective;
    @Option(names = {"-k", "--k"}, paramLabel = "K",
            description = "Samples per image of the iwae bound (default: 5 with --objective"
                    + " iwae, 1 with elbo).")
    Integer importanceSamples;
    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of the data held out for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;
    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--early-stop", paramLabel = "N", defaultValue = "0",
            description = "Stop once N epochs in a row bring no new best validation loss"
                    + " (-ELBO for a vae); model/ holds the best epoch either way. May change"
                    + " with --resume (default: ${DEFAULT-VALUE}, off).")
    int earlyStop;
    @Option(names = "--perturb", paramLabel = "MU", defaultValue = "0",
            description = "Replace this share of input values, afresh in every batch, by uniform"
                    + " noise: trains the background model of score --background (the"
                    + " likelihood ratio of Ren et al. 2019; they use 0.1-0.3) (default:"
                    + " ${DEFAULT-VALUE}, off).")
    double perturb;
    @Option(names = "--precision", paramLabel = "P", defaultValue = "fp32",
            converter = PrecisionConverter.class,
            description = PrecisionConverter.HELP + " May change with --resume.")
    Precision precision;

    /** Message starts of {@link TrainOptions}' checks, and the flag each is about. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("epochs", "--epochs"), Map.entry("batch size", "--batch"),
            Map.entry("learning rate", "--lr"), Map.entry("momentum", "--momentum"),
            Map.entry("beta", "--beta"), Map.entry("validation fraction", "--val-fraction"),
            Map.entry("KL warm-up", "--kl-warmup"), Map.entry("KL cycles", "--kl-cycles"),
            Map.entry("choose either a KL warm-up", "--kl-warmup, --kl-cycles"),
            Map.entry("free bits", "--free-bits"), Map.entry("importance samples", "--k"),
            Map.entry("early stop", "--early-stop"), Map.entry("perturb", "--perturb"));

    /**
     * The options of a run of {@code n} epochs.
     *
     * @param cl the command line, for usage errors
     * @param n the epochs
     * @return the options
     * @throws CommandLine.ParameterException for a bad flag value (exit 2)
     */
    TrainOptions options(CommandLine cl, int n) {
        OptimizerKind kind = NetworkFlags.parse(cl, "--optimizer",
                () -> OptimizerKind.parse(optimizer));
        Objective obj = NetworkFlags.parse(cl, "--objective", () -> Objective.parse(objective));
        int k = checkObjective(cl, obj);
        LearningRateSchedule schedule = lrSchedule(cl, lrMilestones);
        try {
            return new TrainOptions(n, batch, lr, kind, momentum, beta, seed, valFraction,
                    klWarmup, klCycles, freeBits, obj, k, schedule, earlyStop, perturb, precision);
        } catch (IllegalArgumentException e) {
            String flag = FlagErrors.flagOf(e.getMessage(), FLAGS);
            throw FlagErrors.usage(cl, flag == null ? "train" : flag, e);
        }
    }

    /**
     * The schedule of these milestones and --lr-gamma; flag errors are usage errors.
     *
     * @param cl the command line
     * @param milestones epochs after which the rate drops, or null
     * @return the schedule
     */
    LearningRateSchedule lrSchedule(CommandLine cl, List<Integer> milestones) {
        if (!(lrGamma > 0 && lrGamma <= 1)) {
            throw new CommandLine.ParameterException(cl,
                    "--lr-gamma must be in (0, 1], got " + lrGamma);
        }
        if (milestones == null || milestones.isEmpty()) {
            return LearningRateSchedule.CONSTANT;
        }
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
                throw new CommandLine.ParameterException(cl,
                        "--lr-milestones must be increasing epochs >= 1, got " + milestones);
            }
        }
        return new LearningRateSchedule(milestones, lrGamma);
    }

    /**
     * K for the objective. These combinations are checked here rather than in the record, for
     * advice in terms of flags: the ELBO's KL shaping flags do not apply to the IWAE bound.
     */
    private int checkObjective(CommandLine cl, Objective obj) {
        if (obj == Objective.ELBO) {
            if (importanceSamples != null && importanceSamples != 1) {
                throw new CommandLine.ParameterException(cl, "--k " + importanceSamples
                        + " needs --objective iwae (the elbo uses one sample)");
            }
            return 1;
        }
        int k = importanceSamples == null ? DEFAULT_IWAE_K : importanceSamples;
        String[] flags = {"--beta", "--kl-warmup", "--kl-cycles", "--free-bits"};
        boolean[] used = {beta != 1, klWarmup != 0, klCycles != 0, freeBits != 0};
        for (int i = 0; i < flags.length; i++) {
            if (used[i]) {
                throw new CommandLine.ParameterException(cl, flags[i] + " applies to"
                        + " --objective elbo only: the iwae bound has no separate KL term to"
                        + " weight");
            }
        }
        return k;
    }
}
