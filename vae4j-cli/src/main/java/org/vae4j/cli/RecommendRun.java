package org.vae4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.data.Interactions;
import org.vae4j.family.multvae.MultVaeModel;
import org.vae4j.family.multvae.MultVaeTraining;
import org.vae4j.io.AtomicFiles;
import org.vae4j.io.Json;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.recommend.StrongSplit;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;
import picocli.CommandLine;

/**
 * A recommend run directory: {@code model/} (the model as {@link ModelStore} saves any family),
 * {@code recommend.json} (the data settings and fingerprint, so {@code evaluate} rebuilds the
 * same split), {@code items.txt} (item ids, one per line, in column order) and {@code
 * metrics.csv}.
 */
final class RecommendRun {

    static final String MODEL = "model";
    static final String SETTINGS = "recommend.json";
    static final String ITEMS = "items.txt";
    static final String METRICS = "metrics.csv";

    private RecommendRun() {}

    static void save(Path dir, MultVaeTraining.Fitted f, RecommendData.Settings settings,
            Interactions in, StrongSplit split, TrainOptions options) throws IOException {
        Files.createDirectories(dir);
        List<EpochMetrics> h = f.result().history();
        double seconds = h.stream().mapToDouble(EpochMetrics::seconds).sum();
        Provenance p = Provenance.now(options, in.matrix().source(), settings.fingerprint(),
                split.train().size(), split.validation().size(), h.size(), seconds,
                h.isEmpty() ? null : h.get(f.bestEpoch() > 0 ? f.bestEpoch() - 1 : h.size() - 1));
        ModelStore.save(f.model(), p, dir.resolve(MODEL));
        AtomicFiles.writeString(dir.resolve(SETTINGS), Json.GSON.toJson(settings));
        AtomicFiles.writeString(dir.resolve(ITEMS), String.join("\n", in.items()) + "\n");
        StringBuilder csv = new StringBuilder();
        for (EpochMetrics m : h) {
            if (csv.length() == 0) {
                csv.append(m.csvHeader()).append('\n');
            }
            csv.append(m.csvRow()).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(METRICS), csv.toString());
    }

    static RecommendData.Settings settings(Path dir) throws IOException {
        Path f = dir.resolve(SETTINGS);
        if (!Files.isRegularFile(f)) {
            throw new CliException(dir + ": not a recommend run (no " + SETTINGS + "; make one"
                    + " with vae4j recommend train --out " + dir + ")");
        }
        return Json.read(f, RecommendData.Settings.class);
    }

    static List<String> items(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(ITEMS), StandardCharsets.UTF_8);
    }

    static MultVaeModel model(Path dir) throws IOException {
        SavedModel saved = ModelStore.load(dir.resolve(MODEL));
        if (!(saved.model() instanceof MultVaeModel m)) {
            String family = saved.model().config().family();
            saved.close();
            throw new CliException(dir + ": holds a " + family + " model, not a recommender");
        }
        return m;
    }

    /** Reads the run's data again (or {@code data} as given) and checks it is the same. */
    static Interactions data(CommandLine cl, Path dir, RecommendData data, boolean dataGiven)
            throws IOException {
        RecommendData.Settings s = settings(dir);
        java.nio.file.Path given = data.data;
        data.apply(s);
        if (dataGiven) {
            data.data = given;
        }
        Interactions in = data.read(cl);
        if (!in.matrix().fingerprint().equals(s.fingerprint())) {
            throw new CliException((data.data == null ? "the synthetic data" : data.data)
                    + " is not the data " + dir + " was trained on (fingerprint "
                    + in.matrix().fingerprint() + ", the run has " + s.fingerprint() + ")");
        }
        return in;
    }
}
