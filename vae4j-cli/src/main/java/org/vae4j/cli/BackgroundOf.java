package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.vae4j.io.RunModels;
import org.vae4j.io.SavedModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.train.TrainOptions;
import picocli.CommandLine;

/**
 * {@code train --background-of RUN --perturb MU}: the background model of the likelihood ratio
 * (Ren et al. 2019), trained like RUN in every respect (data flags, family, network, options and
 * seed) but on perturbed inputs, into {@code RUN/background} unless {@code --out} says otherwise,
 * where {@code score --run RUN} finds it. Flags that would make it differ from RUN are refused:
 * the ratio is only meaningful between two models that differ in the perturbation alone.
 *
 * @param config RUN's model configuration
 * @param options RUN's training options with the perturbation (and --epochs if given)
 * @param dataArgs RUN's data flags
 * @param dataFingerprint the fingerprint of RUN's training data, to check it is unchanged
 * @param out where the background run goes
 */
record BackgroundOf(ModelConfig config, TrainOptions options, DataArgs dataArgs,
        String dataFingerprint, Path out) {

    /** The directory inside a run where its background run goes by default. */
    static final String DIR = RunModels.BACKGROUND;

    /** The only flags that may come with --background-of. */
    private static final Set<String> ALLOWED = Set.of("--background-of", "--perturb",
            "--epochs", "--out", "--no-progress", "--json", "--threads", "--verbose");

    /**
     * Reads RUN and checks the flags given with it.
     *
     * @param cl the command line
     * @param run the foreground run
     * @param perturb the --perturb value
     * @param epochs the --epochs value if given, else null (RUN's)
     * @param out the --out value, or null
     * @return what to train
     * @throws IOException with a one-line message if RUN has no model
     */
    static BackgroundOf read(CommandLine cl, Path run, double perturb, Integer epochs, Path out)
            throws IOException {
        for (CommandLine.Model.OptionSpec o : cl.getParseResult().matchedOptions()) {
            if (!ALLOWED.contains(o.longestName())) {
                throw new CommandLine.ParameterException(cl, o.longestName() + " cannot be"
                        + " given with --background-of: the background model takes every flag"
                        + " from " + run + " (only --perturb, --epochs, --out may be given)");
            }
        }
        if (!(perturb > 0)) {
            throw new CommandLine.ParameterException(cl, "--background-of needs --perturb MU"
                    + " > 0 (Ren et al. use 0.1-0.3), got " + perturb);
        }
        try (SavedModel saved = RunModels.load(run)) {
            TrainOptions o = saved.provenance().options();
            if (o.perturb() > 0) {
                throw new CommandLine.ParameterException(cl, "--background-of " + run + " was"
                        + " itself trained with --perturb " + o.perturb() + ": give the"
                        + " foreground run");
            }
            o = o.withPerturb(perturb);
            if (epochs != null) {
                try {
                    o = o.withEpochs(epochs);
                } catch (IllegalArgumentException e) {
                    throw FlagErrors.usage(cl, "--epochs", e);
                }
            }
            RunOption r = new RunOption();
            r.run = run;
            Path root = r.root();
            DataArgs args = DataArgs.load(root);
            return new BackgroundOf(saved.model().config(), o,
                    args != null ? args : new DataArgs(null, 0, null, null, null, null),
                    saved.provenance().dataFingerprint(),
                    out != null ? out : root.resolve(DIR));
        }
    }
}
