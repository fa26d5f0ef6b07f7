package org.vae4j.family.multvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.data.SparseRows;
import org.vae4j.data.SyntheticFeedback;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.Families;
import org.vae4j.model.GenerativeModel;
import org.vae4j.recommend.Ease;
import org.vae4j.recommend.Popularity;
import org.vae4j.recommend.RankingEvaluation;
import org.vae4j.recommend.RankingReport;
import org.vae4j.recommend.StrongSplit;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;

class MultVaeTest {

    @Test
    void multinomialNllAndKlByHand() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            // logits (0, 0, ln 2): softmax (1/4, 1/4, 1/2); items {0, 2}: -(ln 1/4 + ln 1/2)
            NDArray logits = m.create(new float[] {0, 0, (float) Math.log(2)}, new Shape(1, 3));
            NDArray x = m.create(new float[] {1, 0, 1}, new Shape(1, 3));
            assertEquals(Math.log(8), MultVaeModel.nll(x, logits).getFloat(0), 1e-5);
            // KL(N(1, e^0) || N(0, 1)) = 0.5 (1 + 1 - 0 - 1) = 0.5; KL(N(0, e^1)) = 0.5 (e - 2)
            NDArray mu = m.create(new float[] {1, 0}, new Shape(1, 2));
            NDArray logvar = m.create(new float[] {0, 1}, new Shape(1, 2));
            assertEquals(0.5 + 0.5 * (Math.E - 2), MultVaeModel.kl(mu, logvar).getFloat(0),
                    1e-5);
        }
    }

    @Test
    void betaAnnealsLinearlyToItsCap() {
        MultVaeConfig c = new MultVaeConfig(10, List.of(4), 2, true, 0.5, 0.2, 1000);
        assertEquals(0.0, c.beta(0));
        // min(cap, step / annealSteps): 50 / 1000 = 0.05; the cap from step 200 on
        assertEquals(0.05, c.beta(50), 1e-12);
        assertEquals(0.2, c.beta(200), 1e-12);
        assertEquals(0.2, c.beta(5000), 1e-12);
        assertEquals(0.2, new MultVaeConfig(10, null, 2, true, 0.5, 0.2, 0).beta(0));
        assertEquals(List.of(600), new MultVaeConfig(10, null, 2, true, 0, 0.2, 0).hidden());
        assertThrows(IllegalArgumentException.class,
                () -> new MultVaeConfig(10, null, 2, true, 1.0, 0.2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new MultVaeConfig(0, null, 2, true, 0.5, 0.2, 0));
        assertEquals("multdae", new MultVaeConfig(10, null, 2, false, 0.5, 0.2, 0).family());
    }

    @Test
    void savedParametersScoreTheSame() throws Exception {
        MultVaeConfig c = new MultVaeConfig(12, List.of(8), 3, true, 0.5, 0.2, 10);
        SparseRows users = SparseRows.ofItems(12, new int[][] {{1, 5}, {0, 7, 11}}, "u");
        try (GenerativeModel a = Families.create(c, 3)) {
            assertTrue(Families.of(c) instanceof MultVaeFamily);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.writeParameters(new DataOutputStream(bytes));
            try (GenerativeModel b = Families.read(c, new DataInputStream(
                    new ByteArrayInputStream(bytes.toByteArray())), ai.djl.Device.cpu())) {
                float[][] sa = ((MultVaeModel) a).scores(users, 0, 2);
                float[][] sb = ((MultVaeModel) b).scores(users, 0, 2);
                assertArrayEquals(sa[1], sb[1], 0f);
                assertEquals(12, sa[0].length);
            }
        }
    }

    @Test
    void refusesImageSpecsAndForeignKlOptions() {
        MultVaeConfig c = new MultVaeConfig(6, List.of(4), 2, true, 0.5, 0.2, 10);
        try (GenerativeModel m = Families.create(c, 1)) {
            TrainOptions beta = new TrainOptions(1, 4, 1e-3, OptimizerKind.ADAM, 0, 2.0, 1, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Families.step(m, beta));
            assertTrue(e.getMessage().contains("anneals its KL weight"), e.getMessage());
        }
    }

    /**
     * Known structure: users' items follow latent factors (plus a power-law popularity). A
     * Mult-VAE trained on the training users must rank the test users' held-out items far better
     * than popularity does.
     */
    @Test
    void multVaeRecoversLatentStructureFarAbovePopularity() {
        SparseRows data = new SyntheticFeedback(1000, 200, 4, 10, 30, 0.8, 4.0).generate(11);
        StrongSplit split = StrongSplit.of(data, 100, 150, 0.2, 5);
        MultVaeConfig c = new MultVaeConfig(200, List.of(100), 20, true, 0.5, 0.2, 200);
        TrainOptions o = new TrainOptions(12, 100, 1e-3, OptimizerKind.ADAM, 0, 1.0, 7, 0);
        MultVaeTraining.Fitted f = MultVaeTraining.fit(c, split.train(), split.validation(), o,
                null);
        try (MultVaeModel vae = f.model()) {
            RankingReport v = RankingEvaluation.evaluate(vae, split.test());
            RankingReport p = RankingEvaluation.evaluate(new Popularity(split.train()),
                    split.test());
            RankingReport e = RankingEvaluation.evaluate(new Ease(split.train(), 100),
                    split.test());
            String msg = "Mult-VAE " + v.ndcg100() + " popularity " + p.ndcg100() + " EASE "
                    + e.ndcg100() + " best epoch " + f.bestEpoch();
            System.out.println(msg);
            assertTrue(v.ndcg100().mean() > p.ndcg100().mean() + 0.1, msg);
            assertTrue(v.ndcg100().mean() > 1.3 * p.ndcg100().mean(), msg);
            assertTrue(f.bestEpoch() >= 1, msg);
        }
    }
}
