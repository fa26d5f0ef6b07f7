package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.family.Families;

/**
 * Checks the scores against cases with a known answer: a decoder that ignores z makes p(x) =
 * p(x|z) exactly, so the importance-sampled log-likelihood must equal it; when q(z|x) = p(z) the
 * weights are all equal and every estimator is exact for any k.
 */
class AnomalyScorerTest {

    private static final VaeConfig TINY =
            VaeConfig.mlp(1, 2, 2).withHidden(List.of(3)).withLatentDim(2);

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static ImageSet fourImages() {
        byte[] px = {0, (byte) 255, (byte) 128, 64, (byte) 255, (byte) 255, 0, 0, 10, 20, 30, 40,
            (byte) 200, 100, 50, 25};
        return new ImageSet(px, 4, 1, 2, 2, new int[] {0, 1, 0, 1}, "four");
    }

    /**
     * Zeroes the decoder's weights (logits = decoder bias {@code b}) and the encoder's output
     * layer, whose bias becomes {@code [muBias, logvarBias]}.
     */
    private static void makeDecoderIgnoreZ(VaeModel m, float[] decoderBias, float mu, float lv) {
        List<Pair<String, Parameter>> params = m.block().getParameters().stream().toList();
        // Order: encoder (hidden W, b, head W, b), decoder (hidden W, b, output W, b).
        NDArray encHeadW = params.get(2).getValue().getArray();
        NDArray encHeadB = params.get(3).getValue().getArray();
        NDArray decOutW = params.get(6).getValue().getArray();
        NDArray decOutB = params.get(7).getValue().getArray();
        encHeadW.muli(0);
        encHeadB.muli(0).addi(m.manager().create(new float[] {mu, mu, lv, lv}));
        decOutW.muli(0);
        decOutB.muli(0).addi(m.manager().create(decoderBias));
    }

    private static double bernoulliNll(float[] logits, float[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double l = logits[i];
            s += Math.log1p(Math.exp(l)) - x[i] * l;
        }
        return s;
    }

    @Test
    void exactWhenPosteriorEqualsPriorAndDecoderIgnoresZ() {
        float[] bias = {-1f, 0.5f, 2f, -3f};
        ImageSet data = fourImages();
        try (VaeModel m = VaeModel.create(TINY, 1)) {
            makeDecoderIgnoreZ(m, bias, 0f, 0f);
            AnomalyScores s = AnomalyScorer.score(m, data, new AnomalyScorer.Options(3, 7, 3, 5));
            for (int i = 0; i < data.size(); i++) {
                float[] x = new float[4];
                data.copyPixels(i, x, 0);
                double nll = bernoulliNll(bias, x);
                assertEquals(-nll, s.reconstructionLogProb()[i], 1e-4, "recon " + i);
                assertEquals(nll, s.negElbo()[i], 1e-4, "negElbo " + i + " (KL is 0)");
                assertEquals(-nll, s.logLikelihood()[i], 1e-4, "IS log-likelihood " + i);
                // S(x) = -log p(x) - L(x), L(x) the image's PNG length in nats.
                assertEquals(-s.logLikelihood()[i] - s.complexity()[i],
                        s.anomaly(AnomalyScores.Kind.COMPLEXITY_CORRECTED)[i], 1e-9);
            }
        }
    }

    @Test
    void importanceSamplingConvergesToTheTrueLikelihood() {
        // q(z|x) = N(0.5, 1) differs from the prior, but p(x) = p(x|z) still holds exactly.
        float[] bias = {1f, -0.5f, 0f, 2f};
        ImageSet data = fourImages();
        try (VaeModel m = VaeModel.create(TINY, 1)) {
            makeDecoderIgnoreZ(m, bias, 0.5f, 0f);
            AnomalyScores one = AnomalyScorer.score(m, data, new AnomalyScorer.Options(1, 1, 4, 9));
            AnomalyScores many =
                    AnomalyScorer.score(m, data, new AnomalyScorer.Options(1, 20000, 4, 9));
            for (int i = 0; i < data.size(); i++) {
                float[] x = new float[4];
                data.copyPixels(i, x, 0);
                double truth = -bernoulliNll(bias, x);
                assertEquals(truth, many.logLikelihood()[i], 0.02, "k=20000, image " + i);
                // KL(N(0.5,1)^2 || N(0,1)^2) = 2 * 0.125: the ELBO sits exactly that far below.
                assertEquals(-truth + 0.25, many.negElbo()[i], 1e-4, "negElbo " + i);
            }
            double gapOne = 0;
            double gapMany = 0;
            for (int i = 0; i < data.size(); i++) {
                float[] x = new float[4];
                data.copyPixels(i, x, 0);
                double truth = -bernoulliNll(bias, x);
                gapOne += Math.abs(one.logLikelihood()[i] - truth);
                gapMany += Math.abs(many.logLikelihood()[i] - truth);
            }
            assertTrue(gapMany < gapOne, "more samples must tighten the estimate");
        }
    }

    @Test
    void trainedModelScoresAreConsistent() {
        ImageSet data = EmbeddedData.fashionMnistTest().first(600);
        VaeConfig cfg = VaeConfig.mlp(1, 28, 28).withHidden(List.of(64)).withLatentDim(4);
        try (VaeModel m = VaeModel.create(cfg, 2)) {
            Families.trainer(m, new TrainOptions(2, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 2, 0),
                    null, null, null).fit(data, null);
            AnomalyScores s = AnomalyScorer.score(m, data.first(50),
                    new AnomalyScorer.Options(5, 200, 16, 3));
            double meanElbo = 0;
            double meanLl = 0;
            for (int i = 0; i < s.size(); i++) {
                assertTrue(Double.isFinite(s.logLikelihood()[i]));
                assertTrue(s.negElbo()[i] >= -s.reconstructionLogProb()[i] - 1e-6,
                        "negElbo = -recon + KL with KL >= 0");
                meanElbo += s.negElbo()[i];
                meanLl += s.logLikelihood()[i];
            }
            // Burda et al.: the k-sample bound is tighter than the ELBO, so -log p <= -ELBO.
            assertTrue(-meanLl < meanElbo, "IS NLL " + -meanLl / 50 + " vs -ELBO " + meanElbo / 50);
            // Same seed, same scores.
            AnomalyScores again = AnomalyScorer.score(m, data.first(50),
                    new AnomalyScorer.Options(5, 200, 16, 3));
            assertEquals(s.logLikelihood()[7], again.logLikelihood()[7]);
            assertThrows(IllegalArgumentException.class,
                    () -> new AnomalyScorer.Options(0, 1, 1, 1));
        }
    }

    /**
     * Issue 14, item 15: each chunk's temporaries are freed with the chunk. Tiling x put the
     * targets, and every loss term computed from them, on the batch's manager, so a request's
     * memory grew with k (2.5 GB for 40 images at k = 5000 through /api/score).
     */
    @Test
    void chunksLeaveNothingOnTheBatchManager() {
        try (VaeModel m = VaeModel.create(TINY, 1)) {
            int[] left = new int[2];
            int[] totals = {1, 6};
            for (int t = 0; t < 2; t++) {
                try (NDManager bm = m.manager().newSubManager()) {
                    NDArray x = bm.create(new float[] {0, 1, 0.5f, 0.25f, 1, 1, 0, 0},
                            new Shape(2, 4));
                    double[] a = new double[2];
                    double[] b = new double[2];
                    double[] c = new double[2];
                    // A budget of one sample per chunk: six chunks for total 6.
                    AnomalyScorer.scoreBatch(m, x, null, totals[t],
                            new AnomalyScorer.Options(1, totals[t], 2, 1), 0, a, b, c, 2 * 4);
                    left[t] = ((ai.djl.ndarray.BaseNDManager) bm).getManagedArrays().size();
                }
            }
            assertEquals(left[0], left[1], "arrays left on the batch manager after 1 and 6 chunks");
        }
    }
}
