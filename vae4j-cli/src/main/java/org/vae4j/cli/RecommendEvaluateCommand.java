package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.data.Interactions;
import org.vae4j.family.multvae.MultVaeModel;
import org.vae4j.recommend.HeldOutUsers;
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
 * {@code vae4j recommend evaluate}: rebuilds a run's split from its data (checked by
 * fingerprint) and reports Recall@20, Recall@50 and NDCG@100 of its held-out users.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure a recommend run on its held-out test (or validation) users.")
public final class RecommendEvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--run", paramLabel = "DIR", required = true,
            description = "Run directory written by recommend train.")
    Path run;

    @Option(names = "--data", paramLabel = "FILE",
            description = "The run's data file, if it has moved (checked by fingerprint).")
    Path data;

    @Option(names = "--validation",
            description = "Measure the validation users instead of the test users.")
    boolean validation;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        common.startEngine(cl);
        RecommendData d = new RecommendData();
        d.data = data;
        Interactions in = RecommendRun.data(cl, run, d, data != null);
        StrongSplit split = d.split(cl, in.matrix());
        HeldOutUsers users = validation ? split.validation() : split.test();
        try (MultVaeModel model = RecommendRun.model(run)) {
            RankingReport r = RankingEvaluation.evaluate(model, users);
            cl.getOut().println(String.format(Locale.ROOT, "%s, %s users %d: Recall@20 %s,"
                    + " Recall@50 %s, NDCG@100 %s", model.name(), validation ? "validation"
                    : "test", r.users(), r.recall20(), r.recall50(), r.ndcg100()));
        }
        return 0;
    }
}
