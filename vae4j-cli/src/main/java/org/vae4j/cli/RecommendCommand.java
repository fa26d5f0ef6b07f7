package org.vae4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vae4j recommend}: recommendation from implicit feedback with Mult-VAE and baselines. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Recommendation from implicit feedback (Mult-VAE, Mult-DAE, EASE,"
                + " item-kNN, popularity; Liang et al. 2018's protocol).",
        subcommands = {RecommendTrainCommand.class, RecommendEvaluateCommand.class,
            RecommendForCommand.class, RecommendCompareCommand.class})
public final class RecommendCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
