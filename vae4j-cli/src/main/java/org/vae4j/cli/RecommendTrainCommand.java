package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.data.Interactions;
import org.vae4j.family.multvae.MultVaeConfig;
import org.vae4j.family.multvae.MultVaeTraining;
import org.vae4j.recommend.RankingEvaluation;
import org.vae4j.recommend.RankingReport;
import org.vae4j.recommend.StrongSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j recommend train}: trains a Mult-VAE (or Mult-DAE) on the training users of a
 * strong-generalization split, keeps the epoch with the best validation NDCG@100, reports the
 * test users' metrics and saves the run.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train Mult-VAE or Mult-DAE on implicit feedback and save the run.")
public final class RecommendTrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin RecommendData data;
    @Mixin RecommendTraining training;

    @Option(names = "--out", paramLabel = "RUN_DIR", required = true,
            description = "Run directory to write (as train --out).")
    Path run;

    @Option(names = "--family", paramLabel = "F", defaultValue = MultVaeConfig.VAE,
            description = "multvae or multdae (default: multvae).")
    String family;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (!family.equals(MultVaeConfig.VAE) && !family.equals(MultVaeConfig.DAE)) {
            throw new CommandLine.ParameterException(cl, "--family must be multvae or multdae,"
                    + " got '" + family + "'");
        }
        common.startEngine(cl);
        training.check(cl);
        PrintWriter out = cl.getOut();
        Interactions in = data.read(cl);
        StrongSplit split = data.split(cl, in.matrix());
        out.println(String.format(Locale.ROOT, "data: %s; train %d users, validation %d, test"
                + " %d", in.matrix(), split.train().size(), split.validation().size(),
                split.test().size()));
        MultVaeTraining.Fitted f = training.fit(split.train(), split.validation(),
                family.equals(MultVaeConfig.VAE), new RecommendProgress(out, family));
        try (var model = f.model()) {
            RankingReport r = RankingEvaluation.evaluate(model, split.test());
            RecommendRun.save(run, f, data.settings(in.matrix().fingerprint()), in, split,
                    training.options());
            out.println(String.format(Locale.ROOT, "best epoch %d (validation NDCG@100 %.4f);"
                    + " test users %d: Recall@20 %s, Recall@50 %s, NDCG@100 %s", f.bestEpoch(),
                    f.bestNdcg(), r.users(), r.recall20(), r.recall50(), r.ndcg100()));
            out.println("saved to " + run);
        }
        return 0;
    }
}
