package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vae4j.cli.CliTest.assertUsage;
import static org.vae4j.cli.CliTest.parseObject;
import static org.vae4j.cli.CliTest.run;
import static org.vae4j.cli.CliTest.train;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.IdxFormat;

/**
 * {@code score --ood-data}: the run's test images against another set, every score's ROC-AUC,
 * PR-AUC and FPR at 95 % TPR, the complexity-corrected score among them, and a warning when a
 * score ranks below chance.
 */
class OodCliTest {

    @TempDir static Path shared;
    @TempDir Path tmp;

    private static Path model;
    private static Path blank;

    @BeforeAll
    static void trainAndMakeAnotherSet() throws Exception {
        model = shared.resolve("run");
        CliTest.Result r = run(train("--epochs", "2", "--out", model.toString()));
        assertEquals(0, r.code(), r::toString);
        // 50 blank images: the simplest input there is, which likelihoods tend to prefer.
        blank = shared.resolve("blank");
        Files.createDirectories(blank);
        IdxFormat.writeImages(blank.resolve("t10k-images-idx3-ubyte"), new byte[50 * 784], 50,
                28, 28);
    }

    @Test
    void reportsEveryScoreAgainstTheOtherSet() throws Exception {
        Path csv = tmp.resolve("s.csv");
        CliTest.Result r = run("score", "--run", model.toString(), "--limit", "200", "-k", "5",
                "--ood-data", blank.toString(), "--json", "--out", csv.toString());
        assertEquals(0, r.code(), r::toString);
        JsonObject o = parseObject(r.out());
        assertEquals(blank.toString(), o.get("ood_data").getAsString());
        assertEquals(250, o.get("images").getAsInt());
        JsonObject auc = o.getAsJsonObject("auc");
        for (String s : List.of("neg_elbo", "recon_log_prob", "log_likelihood",
                "complexity_corrected", "latent_knn", "latent_mahalanobis")) {
            JsonObject m = auc.getAsJsonObject(s);
            assertTrue(m.has("roc_auc") && m.has("pr_auc") && m.has("fpr_at_95_tpr"), s);
        }
        List<String> rows = Files.readAllLines(csv);
        assertTrue(rows.get(0).contains(",complexity,complexity_corrected,latent_knn,"),
                rows.get(0));
        assertEquals(251, rows.size());
        // The text output warns exactly when a score is below chance.
        CliTest.Result text = run("score", "--run", model.toString(), "--limit", "200", "-k",
                "5", "--ood-data", blank.toString(), "--out", csv.toString());
        boolean below = false;
        for (String s : auc.keySet()) {
            below |= auc.getAsJsonObject(s).get("roc_auc").getAsDouble() < 0.5;
        }
        assertEquals(below, text.out().contains("below chance"), text::toString);
        assertTrue(text.out().contains("FPR@95TPR"), text::toString);
    }

    @Test
    void oodDataAndNormalClassesAreTwoChecks() {
        assertUsage(run("score", "--run", model.toString(), "--ood-data", blank.toString(),
                "--normal-classes", "0,1"), "vae4j score", "give one");
    }
}
