package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scores of issue 20 through {@code score}: the likelihood ratio against a background model
 * ({@code train --perturb}), the latent k-NN and Mahalanobis distances, and latent distances
 * alone for a family without a likelihood.
 */
class AnomalyScoresCliTest {

    @TempDir static Path shared;
    @TempDir Path tmp;

    private static Path vae;
    private static Path background;
    private static Path ae;

    @BeforeAll
    static void trainRuns() {
        vae = shared.resolve("vae");
        background = shared.resolve("background");
        ae = shared.resolve("ae");
        assertEquals(0, run(train("--epochs", "1", "--out", vae.toString())).code());
        CliTest.Result bg = run(train("--epochs", "1", "--perturb", "0.2", "--out",
                background.toString()));
        assertEquals(0, bg.code(), bg::toString);
        assertEquals(0, run(train("--family", "ae", "--epochs", "1", "--out", ae.toString()))
                .code());
    }

    private static List<String> column(Path csv, String name) throws Exception {
        List<String> rows = Files.readAllLines(csv);
        int c = Arrays.asList(rows.get(0).split(",")).indexOf(name);
        assertTrue(c >= 0, name + " missing from " + rows.get(0));
        return rows.subList(1, rows.size()).stream().map(r -> r.split(",", -1)[c]).toList();
    }

    @Test
    void aModelAgainstItselfHasALikelihoodRatioOfZero() throws Exception {
        Path csv = tmp.resolve("self.csv");
        CliTest.Result r = run("score", "--run", vae.toString(), "--background", vae.toString(),
                "--limit", "60", "-k", "5", "--json", "--out", csv.toString());
        assertEquals(0, r.code(), r::toString);
        for (String v : column(csv, "likelihood_ratio")) {
            assertEquals(0.0, Double.parseDouble(v), 0.0, "log p(x) - log p(x)");
        }
        assertEquals(column(csv, "log_likelihood"), column(csv, "background_log_likelihood"));
    }

    @Test
    void everyScoreIsReportedAgainstNormalClasses() throws Exception {
        Path csv = tmp.resolve("s.csv");
        CliTest.Result r = run("score", "--run", vae.toString(), "--background",
                background.toString(), "--limit", "200", "-k", "5", "--normal-classes",
                "0,1,2,3,4,5,6,7,8", "--json", "--out", csv.toString());
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        JsonObject auc = o.getAsJsonObject("auc");
        assertEquals(List.of("neg_elbo", "recon_log_prob", "log_likelihood",
                "complexity_corrected", "likelihood_ratio", "latent_knn", "latent_mahalanobis"),
                List.copyOf(auc.keySet()));
        // Ranked by the best score, which the summary names.
        String best = o.get("ranked_by").getAsString();
        for (String s : auc.keySet()) {
            assertTrue(auc.getAsJsonObject(best).get("roc_auc").getAsDouble()
                    >= auc.getAsJsonObject(s).get("roc_auc").getAsDouble(), s);
        }
        List<String> ranked = column(csv, best);
        // The log-probabilities are written as they are: lower = more anomalous.
        double sign = best.equals("recon_log_prob") || best.equals("log_likelihood") ? -1 : 1;
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(sign * Double.parseDouble(ranked.get(i - 1))
                    >= sign * Double.parseDouble(ranked.get(i)), "row " + i + " of " + best);
        }
        assertEquals(5, o.get("knn").getAsInt());
        // The background changes the scores: the ratio is not zero everywhere.
        assertTrue(column(csv, "likelihood_ratio").stream()
                .anyMatch(v -> Double.parseDouble(v) != 0));
    }

    @Test
    void anAutoencoderIsScoredByLatentDistancesAlone() throws Exception {
        Path csv = tmp.resolve("ae.csv");
        CliTest.Result r = run("score", "--run", ae.toString(), "--limit", "50", "--json",
                "--out", csv.toString());
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertFalse(o.has("mean_neg_elbo"), r::out);
        assertEquals("latent_knn", o.get("ranked_by").getAsString());
        // Measured against the run's 540 training images (600 less the validation tenth).
        assertEquals(540, o.get("reference_codes").getAsInt());
        assertEquals("rank,index,label,complexity,latent_knn,latent_mahalanobis",
                Files.readAllLines(csv).get(0));
        CliTest.Result text = run("score", "--run", ae.toString(), "--limit", "50", "--out",
                csv.toString());
        assertTrue(text.out().contains("by latent distances"), text::toString);
        // Without an encoder's distances there is nothing left to score.
        assertUsage(run("score", "--run", ae.toString(), "--knn", "0", "--out",
                csv.toString()), "vae4j score", "ae");
    }

    @Test
    void badFlagsAreUsageErrors() {
        String out = tmp.resolve("x").toString();
        assertUsage(run(train("--perturb", "1", "--out", out)), "vae4j train", "--perturb",
                "[0, 1)");
        assertUsage(run("score", "--run", vae.toString(), "--knn", "-1"), "vae4j score",
                "--knn");
        assertUsage(run("score", "--run", vae.toString(), "--background", ae.toString()),
                "vae4j score", "--background", "one family");
    }

    @Test
    void theBackgroundRunRecordsItsPerturbation() throws Exception {
        String provenance = Files.readString(background.resolve("model/provenance.json"));
        assertTrue(provenance.contains("\"perturb\": 0.2"), provenance);
        // Resuming with another share would train a different background model.
        assertUsage(run("train", "--resume", background.toString(), "--epochs", "2",
                "--perturb", "0.1", "--no-progress"), "vae4j train", "--perturb",
                "cannot change");
    }

    @Test
    void backgroundOfTrainsRunsTwinIntoItsDirectoryAndScoreFindsIt() throws Exception {
        Path fg = tmp.resolve("fg");
        assertEquals(0, run(train("--epochs", "1", "--latent", "3", "--out", fg.toString()))
                .code());
        CliTest.Result r = run("train", "--background-of", fg.toString(), "--perturb", "0.1",
                "--no-progress", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        Path bg = fg.resolve("background");
        // The same family, network, data and seed: only the perturbation differs.
        assertEquals(Files.readString(fg.resolve("model/config.json")),
                Files.readString(bg.resolve("model/config.json")));
        assertEquals(Files.readString(fg.resolve("data.json")),
                Files.readString(bg.resolve("data.json")));
        assertTrue(Files.readString(bg.resolve("model/provenance.json"))
                .contains("\"perturb\": 0.1"));
        Path csv = tmp.resolve("fg.csv");
        CliTest.Result s = run("score", "--run", fg.toString(), "--limit", "40", "-k", "3",
                "--json", "--out", csv.toString());
        assertEquals(0, s.code(), s::toString);
        assertEquals(bg.toString(), parseObject(s.out()).get("background").getAsString());
        assertEquals(40, column(csv, "likelihood_ratio").size());
        // Flags that would make the twin differ, a missing perturbation, a background of a
        // background: refused.
        assertUsage(run("train", "--background-of", fg.toString(), "--perturb", "0.1",
                "--latent", "5", "--out", tmp.resolve("b2").toString()), "vae4j train",
                "--latent", "cannot be given with --background-of");
        assertUsage(run("train", "--background-of", fg.toString(), "--out",
                tmp.resolve("b3").toString()), "vae4j train", "--perturb MU > 0");
        assertUsage(run("train", "--background-of", bg.toString(), "--perturb", "0.1",
                "--out", tmp.resolve("b4").toString()), "vae4j train", "give the foreground");
    }
}
