package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vae4j.data.InteractionReader;
import org.vae4j.data.Interactions;
import org.vae4j.data.SparseRows;
import org.vae4j.data.SyntheticFeedback;
import org.vae4j.recommend.StrongSplit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The data options of the recommend commands: which file, how it is filtered and how users are
 * held out. Without {@code --data}, a synthetic set with known latent structure is used.
 */
final class RecommendData {

    /** The largest held-out group a flag may ask for. */
    static final int MAX_HELD_OUT = 1_000_000;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Interactions: MovieLens ratings.csv or user,item[,value] CSV/TSV"
                    + " (default: synthetic, 2,000 users x 300 items with latent structure).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto (ratings.csv is movielens), movielens or csv (default: auto).")
    String format;

    @Option(names = "--min-value", paramLabel = "V", defaultValue = "-1",
            description = "Keep entries with value > V (default: 3.5 for movielens, 0 for csv).")
    double minValue;

    @Option(names = "--min-item-users", paramLabel = "N", defaultValue = "1",
            description = "Keep items held by at least N users (default: 1).")
    int minItemUsers;

    @Option(names = "--min-user-items", paramLabel = "N", defaultValue = "5",
            description = "Keep users with at least N items (default: 5, as the paper).")
    int minUserItems;

    @Option(names = "--validation-users", paramLabel = "N", defaultValue = "0",
            description = "Held-out users for model selection (default: a tenth, at most"
                    + " 10,000).")
    int validationUsers;

    @Option(names = "--test-users", paramLabel = "N", defaultValue = "0",
            description = "Held-out users for the reported numbers (default as validation).")
    int testUsers;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "98765",
            description = "Seeds the choice of held-out users and their targets (default:"
                    + " 98765).")
    long splitSeed;

    /** What a run directory records to rebuild the same split. */
    record Settings(String data, String format, double minValue, int minItemUsers,
            int minUserItems, int validationUsers, int testUsers, long splitSeed,
            String fingerprint) {}

    Settings settings(String fingerprint) {
        return new Settings(data == null ? null : data.toString(), format, minValue,
                minItemUsers, minUserItems, validationUsers, testUsers, splitSeed, fingerprint);
    }

    void apply(Settings s) {
        data = s.data() == null ? null : Path.of(s.data());
        format = s.format();
        minValue = s.minValue();
        minItemUsers = s.minItemUsers();
        minUserItems = s.minUserItems();
        validationUsers = s.validationUsers();
        testUsers = s.testUsers();
        splitSeed = s.splitSeed();
    }

    /** Reads (or generates) the interactions. */
    Interactions read(CommandLine cl) throws IOException {
        Bounds.check(cl, "--min-item-users", minItemUsers, 1, SparseRows.MAX_ROWS);
        Bounds.check(cl, "--min-user-items", minUserItems, 1, SparseRows.MAX_COLS);
        if (data == null) {
            SparseRows m = new SyntheticFeedback(2000, 300, 8, 10, 40, 0.8, 4.0).generate(1);
            return new Interactions(m, ids("user", m.size()), ids("item", m.cols()));
        }
        String f = format.toLowerCase(java.util.Locale.ROOT);
        boolean movieLens = f.equals("movielens")
                || (f.equals("auto") && data.getFileName().toString().equals("ratings.csv"));
        if (!f.equals("auto") && !f.equals("movielens") && !f.equals("csv")) {
            throw new CommandLine.ParameterException(cl,
                    "--format must be auto, movielens or csv, got '" + format + "'");
        }
        double v = minValue >= 0 ? minValue : movieLens ? 3.5 : 0;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new CommandLine.ParameterException(cl, "--min-value must be finite, got "
                    + minValue);
        }
        InteractionReader reader = new InteractionReader(v, minItemUsers, minUserItems);
        return movieLens ? reader.readMovieLens(data) : reader.generic(data);
    }

    private static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    /** The strong-generalization split of the data, sizes checked against the flags' bounds. */
    StrongSplit split(CommandLine cl, SparseRows m) {
        Bounds.check(cl, "--validation-users", validationUsers, 0, MAX_HELD_OUT);
        Bounds.check(cl, "--test-users", testUsers, 0, MAX_HELD_OUT);
        int def = StrongSplit.defaultHeldOut(m.size());
        int v = validationUsers > 0 ? validationUsers : def;
        int t = testUsers > 0 ? testUsers : def;
        if ((long) v + t >= m.size()) {
            throw new CommandLine.ParameterException(cl, "--validation-users " + v
                    + " and --test-users " + t + " leave no training user of " + m.size());
        }
        return StrongSplit.of(m, v, t, 0.2, splitSeed);
    }
}
