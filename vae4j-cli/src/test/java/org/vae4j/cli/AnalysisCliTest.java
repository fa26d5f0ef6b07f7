package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertPng;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.IdxFormat;
import org.vae4j.data.ImageSet;

/** score, classify, reconstruct --corrupt and train --exclude-classes through the CLI. */
class AnalysisCliTest {

    @TempDir static Path shared;

    /** Trained on 600 embedded images without class 1 (Trouser). */
    private static Path run;

    @BeforeAll
    static void trainWithoutTrousers() {
        run = shared.resolve("no-trousers");
        CliTest.Result r = run("train", "--limit", "600", "--batch", "64", "--epochs", "2",
                "--no-progress", "--threads", "2", "--exclude-classes", "1", "--out",
                run.toString());
        assertEquals(0, r.code(), r::toString);
    }

    @Test
    void excludedClassIsRecordedInProvenance() throws IOException {
        String prov = Files.readString(run.resolve("model/provenance.json"));
        assertTrue(prov.contains("without classes [1]"), prov);
    }

    @Test
    void scoreRanksAndReportsAucs() throws IOException {
        Path csv = shared.resolve("scores.csv");
        Path png = shared.resolve("anomalies.png");
        CliTest.Result r = run("score", "--run", run.toString(), "--limit", "300", "-L", "3",
                "-k", "20", "--normal-classes", "0,2,3,4,5,6,7,8,9", "--out", csv.toString(),
                "--png", png.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(300, o.get("images").getAsInt());
        for (String kind : List.of("neg_elbo", "recon_log_prob", "log_likelihood")) {
            JsonObject auc = o.getAsJsonObject("auc").getAsJsonObject(kind);
            double roc = auc.get("roc_auc").getAsDouble();
            assertTrue(roc >= 0 && roc <= 1, kind + " " + roc);
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(301, lines.size());
        assertEquals("rank,index,label,neg_elbo,recon_log_prob,log_likelihood,complexity,"
                + "complexity_corrected,latent_knn,latent_mahalanobis", lines.get(0));
        // Sorted most anomalous first by the score of highest ROC-AUC, which the JSON names.
        String by = o.get("ranked_by").getAsString();
        int column = List.of(lines.get(0).split(",")).indexOf(by);
        // The log-probabilities are written as they are: lower = more anomalous.
        double sign = by.equals("recon_log_prob") || by.equals("log_likelihood") ? -1 : 1;
        double previous = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            double s = sign * Double.parseDouble(line.split(",")[column]);
            assertTrue(s <= previous, "sorted most anomalous first by " + by + ": " + line);
            previous = s;
        }
        assertPng(png);
    }

    @Test
    void scoreRejectsBadClassesAndMissingLabels(@TempDir Path tmp) throws IOException {
        assertUsage(run("score", "--run", run.toString(), "--limit", "50", "--normal-classes",
                "42"), "vae4j score", "--normal-classes", "42");
        assertUsage(run("score", "--run", run.toString(), "-k", "0"), "vae4j score",
                "--importance-samples", "0");
        // A test set without label files.
        ImageSet some = EmbeddedData.fashionMnistTest().first(20);
        IdxFormat.writeImages(tmp.resolve("t10k-images-idx3-ubyte"), some.pixelBytes(), 20, 28, 28);
        assertUsage(run("score", "--run", run.toString(), "--data", tmp.toString(),
                "--normal-classes", "0"), "vae4j score", "needs labels");
    }

    @Test
    void classifyComparesLatentsAndPixels() {
        CliTest.Result r = run("classify", "--run", run.toString(), "--labels-per-class", "5", "--draws", "2",
                "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject result = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray rows = result.getAsJsonArray("results");
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (var row : rows) {
            JsonObject o = row.getAsJsonObject();
            seen.add(o.get("features").getAsString() + "/" + o.get("method").getAsString());
            double acc = o.get("accuracy").getAsDouble();
            // Ten classes: anything useful is far above the 0.1 of guessing.
            assertTrue(acc > 0.3 && acc <= 1, row.toString());
        }
        assertEquals(java.util.Set.of("latent/logistic", "latent/knn", "latent/spread", "pixels/logistic",
                "pixels/knn", "pixels/spread"), seen);
        // The default pool of 20,000 is capped at the images there are (the embedded set's train half).
        int pool = result.get("unlabelled").getAsInt();
        assertTrue(pool > 0 && pool < 20000, "unlabelled " + pool);

        CliTest.Result without = run("classify", "--run", run.toString(), "--labels-per-class", "5",
                "--draws", "1", "--unlabelled", "0");
        assertEquals(0, without.code(), without::toString);
        assertFalse(without.out().contains("spread"), without.out());
        assertUsage(run("classify", "--run", run.toString(), "--labels-per-class", "0"),
                "vae4j classify", "--labels-per-class");
        assertUsage(run("classify", "--run", run.toString(), "--unlabelled", "-1"),
                "vae4j classify", "--unlabelled must be >= 0, got -1");
    }

    @Test
    void reconstructCorruptedImages() throws IOException {
        Path png = shared.resolve("inpaint.png");
        CliTest.Result r = run("reconstruct", "--run", run.toString(), "--corrupt",
                "mask:center", "-n", "10", "--out", png.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("unknown pixels only"), r::toString);
        assertPng(png);
        assertUsage(run("reconstruct", "--run", run.toString(), "--corrupt", "blur:3"),
                "vae4j reconstruct", "--corrupt", "blur:3", "mask:center");
        CliTest.Result noise = run("reconstruct", "--run", run.toString(), "--corrupt",
                "noise:0.3", "-n", "10", "--out", shared.resolve("noise.png").toString());
        assertEquals(0, noise.code(), noise::toString);
    }

    @Test
    void evaluateReportsImportanceSampledNllAndActiveUnits() {
        CliTest.Result r = run("evaluate", "--run", run.toString(), "--limit", "50", "-k", "20",
                "--json");
        assertEquals(0, r.code(), r::toString);
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        double negElbo = o.get("neg_elbo").getAsDouble();
        double isNll = o.get("is_nll").getAsDouble();
        // The k-sample bound is tighter than the ELBO (Burda et al.).
        assertTrue(isNll < negElbo, "IS NLL " + isNll + " vs -ELBO " + negElbo);
        int latent = o.get("latent_dim").getAsInt();
        assertEquals(latent, o.getAsJsonArray("kl_per_unit").size());
        int active = o.get("active_units").getAsInt();
        assertTrue(active >= 0 && active <= latent, r.out());
        double sum = 0;
        for (var k : o.getAsJsonArray("kl_per_unit")) {
            sum += k.getAsDouble();
        }
        assertEquals(o.get("kl").getAsDouble(), sum, 1e-3, "per-unit KLs add up to the KL term");
        assertUsage(run("evaluate", "--run", run.toString(), "-k", "-1"), "vae4j evaluate",
                "--importance-samples");
    }

    @Test
    void resumeRemembersTheDataFlags(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("copy");
        try (var files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, copy.resolve(run.relativize(p).toString()));
            }
        }
        // No --limit and no --exclude-classes: they come from the run's data.json.
        CliTest.Result r = run("train", "--resume", copy.toString(), "--epochs", "3",
                "--no-progress", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("epoch 3/3"), r::toString);
        assertEquals(4, Files.readAllLines(copy.resolve("metrics.csv")).size());
    }
}
