package org.vae4j.cli;

import java.util.List;
import org.vae4j.data.SparseRows;
import org.vae4j.family.multvae.MultVaeConfig;
import org.vae4j.family.multvae.MultVaeTraining;
import org.vae4j.recommend.HeldOutUsers;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The training options of Mult-VAE and Mult-DAE in the recommend commands. */
final class RecommendTraining {

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
            description = "Passes over the training users (default: 50).")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "500",
            description = "Users per step (default: 500, as the paper).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Adam's learning rate (default: 1e-3).")
    double lr;

    @Option(names = "--hidden", paramLabel = "W", split = ",", defaultValue = "600",
            description = "Hidden widths of the encoder, mirrored by the decoder (default: 600).")
    List<Integer> hidden;

    @Option(names = "--latent", paramLabel = "L", defaultValue = "200",
            description = "Code size (default: 200).")
    int latent;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0.5",
            description = "Dropout on the normalised input (default: 0.5).")
    double dropout;

    @Option(names = "--anneal-cap", paramLabel = "BETA", defaultValue = "0.2",
            description = "Largest KL weight of Mult-VAE (default: 0.2, as the paper).")
    double annealCap;

    @Option(names = "--anneal-steps", paramLabel = "N", defaultValue = "0",
            description = "beta = min(cap, step / N) (default: beta reaches its cap at 80%% of"
                    + " the run, as the paper's ML-20M schedule).")
    long annealSteps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seeds initialisation, order, dropout and noise (default: 1).")
    long seed;

    /** Checks the flags. */
    void check(CommandLine cl) {
        Bounds.check(cl, "--epochs", epochs, 1, 100_000);
        Bounds.check(cl, "--batch", batch, 1, 100_000);
        Bounds.check(cl, "--latent", latent, 1, MultVaeConfig.MAX_WIDTH);
        if (!(lr > 0 && lr <= 10)) {
            throw new CommandLine.ParameterException(cl, "--lr must be in (0, 10], got " + lr);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new CommandLine.ParameterException(cl, "--dropout must be in [0, 1), got "
                    + dropout);
        }
        if (!(annealCap >= 0 && annealCap <= 1)) {
            throw new CommandLine.ParameterException(cl, "--anneal-cap must be in [0, 1], got "
                    + annealCap);
        }
        if (annealSteps < 0) {
            throw new CommandLine.ParameterException(cl, "--anneal-steps must be >= 0, got "
                    + annealSteps);
        }
        for (int h : hidden) {
            Bounds.check(cl, "--hidden", h, 1, MultVaeConfig.MAX_WIDTH);
        }
        Bounds.check(cl, "--hidden (layers)", hidden.size(), 0, 8);
    }

    MultVaeConfig config(int items, int trainUsers, boolean variational) {
        long steps = (long) epochs * ((trainUsers + batch - 1) / batch);
        long anneal = annealSteps > 0 ? annealSteps
                : annealCap == 0 ? 0 : Math.max(1, Math.round(0.8 * steps / annealCap));
        return new MultVaeConfig(items, hidden, latent, variational, dropout, annealCap, anneal);
    }

    TrainOptions options() {
        return new TrainOptions(epochs, batch, lr, OptimizerKind.ADAM, 0, 1.0, seed, 0);
    }

    MultVaeTraining.Fitted fit(SparseRows train, HeldOutUsers validation, boolean variational,
            TrainingListener listener) {
        return MultVaeTraining.fit(config(train.cols(), train.size(), variational), train,
                validation, options(), listener);
    }
}
