package org.vae4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.data.Interactions;
import org.vae4j.data.SparseRows;
import org.vae4j.family.multvae.MultVaeModel;
import org.vae4j.recommend.RankingMetrics;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j recommend for}: the top-N items a user does not have yet, with their scores (the
 * multinomial's logits), for a user of the run's data or for a list of items.
 */
@Command(name = "for", mixinStandardHelpOptions = true,
        description = "Top-N unseen items for a user of the data, or for a list of items.")
public final class RecommendForCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--run", paramLabel = "DIR", required = true,
            description = "Run directory written by recommend train.")
    Path run;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", paramLabel = "ID", description = "A user id of the data.")
        String user;

        @Option(names = "--items", paramLabel = "ID", split = ",",
                description = "Item ids a (new) user has, comma-separated.")
        List<String> items;
    }

    @Option(names = "--data", paramLabel = "FILE",
            description = "The run's data file, if it has moved (checked by fingerprint).")
    Path data;

    @Option(names = {"-n"}, paramLabel = "N", defaultValue = "10",
            description = "How many items (default: 10).")
    int n;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        Bounds.check(cl, "-n", n, 1, 10_000);
        common.startEngine(cl);
        List<String> ids;
        int[] have;
        if (who.user != null) {
            RecommendData d = new RecommendData();
            d.data = data;
            Interactions in = RecommendRun.data(cl, run, d, data != null);
            ids = in.items();
            have = in.matrix().items(in.userIndex(who.user));
        } else {
            ids = RecommendRun.items(run);
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                index.put(ids.get(i), i);
            }
            List<Integer> cols = new ArrayList<>();
            for (String id : who.items) {
                Integer c = index.get(id.strip());
                if (c == null) {
                    throw new CliException("--items: item '" + id + "' is not in the run's"
                            + " catalogue (" + RecommendRun.ITEMS + ")");
                }
                cols.add(c);
            }
            have = cols.stream().mapToInt(Integer::intValue).toArray();
        }
        try (MultVaeModel model = RecommendRun.model(run)) {
            SparseRows one = SparseRows.ofItems(model.items(), new int[][] {have}, "user");
            float[] s = model.scores(one, 0, 1)[0];
            int[] top = RankingMetrics.topK(s, one.items(0), n);
            PrintWriter out = cl.getOut();
            out.println("rank,item,score");
            for (int r = 0; r < top.length; r++) {
                out.println(String.format(Locale.ROOT, "%d,%s,%.4f", r + 1, ids.get(top[r]),
                        s[top[r]]));
            }
        }
        return 0;
    }
}
