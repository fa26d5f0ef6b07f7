package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.model.ElboMetrics;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.family.Families;

/**
 * The Gaussian likelihood with a learned per-pixel sigma, and the identity-link Gaussian: their
 * negative log-densities against hand-computed values, the parameter's life cycle (only for this
 * likelihood, initialised to log sigma, saved and loaded, used by every NLL), and that training
 * moves sigma to the noise level of the data.
 */
class LearnedSigmaTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private static final VaeConfig TINY =
            VaeConfig.mlp(1, 1, 3)
                    .withHidden(List.of(2))
                    .withLatentDim(1)
                    .withLikelihood(Likelihood.GAUSSIAN_LEARNED, 0.2);

    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static double sigmoid(double l) {
        return 1 / (1 + Math.exp(-l));
    }

    private static Parameter logSigma(VaeModel m) {
        return m.block().getParameters().get("logSigma");
    }

    @Test
    void learnedNllMatchesTheClosedForm() {
        float[] l = {-2f, 0f, 3f};
        float[] x = {0f, 0.5f, 0.9f};
        float[] logSigma = {(float) Math.log(0.1), 0f, (float) Math.log(0.5)};
        // By hand, pixel by pixel: r^2 / (2 s^2) + log s + 1/2 log 2 pi.
        double expected = 0;
        for (int d = 0; d < 3; d++) {
            double r = x[d] - sigmoid(l[d]);
            double s = Math.exp(logSigma[d]);
            expected += r * r / (2 * s * s) + Math.log(s) + 0.5 * LOG_2PI;
        }
        // Pixel 0: sigmoid(-2) = 0.119203, r^2 / 0.02 = 0.710466, log 0.1 = -2.302585.
        assertEquals(0.710466 - 2.302585 + 0.5 * LOG_2PI,
                Math.pow(sigmoid(-2), 2) / 0.02 + Math.log(0.1) + 0.5 * LOG_2PI, 1e-6);
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray logits = m.create(new float[] {-2f, 0f, 3f, 0f, 0f, 0f}, new Shape(2, 3));
            NDArray target = m.create(new float[] {0f, 0.5f, 0.9f, 0.5f, 0.5f, 0.5f},
                    new Shape(2, 3));
            float[] nll = Elbo.gaussianLearnedNll(logits, target, m.create(logSigma))
                    .toFloatArray();
            assertEquals(expected, nll[0], 1e-5);
            // A perfect reconstruction leaves sum log sigma + 3/2 log 2 pi.
            assertEquals(Math.log(0.1) + Math.log(0.5) + 1.5 * LOG_2PI, nll[1], 1e-5);
        }
    }

    @Test
    void learnedNllGradientsAndFloor() {
        float[] l = {0.5f, -1f};
        float[] x = {0.2f, 0.9f};
        float[] ls = {(float) Math.log(0.3), -20f};
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray logits = m.create(l, new Shape(1, 2));
            NDArray logSigma = m.create(ls);
            logits.setRequiresGradient(true);
            logSigma.setRequiresGradient(true);
            float[] nll;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                NDArray v = Elbo.gaussianLearnedNll(logits, m.create(x, new Shape(1, 2)),
                        logSigma);
                gc.backward(v.sum());
                nll = v.toFloatArray();
            }
            float[] gL = logits.getGradient().toFloatArray();
            float[] gS = logSigma.getGradient().toFloatArray();
            double s0 = sigmoid(l[0]);
            double r0 = s0 - x[0];
            // d/dl = r / s^2 * sigmoid'(l); d/dlog s = 1 - r^2 / s^2.
            assertEquals(r0 / 0.09 * s0 * (1 - s0), gL[0], 1e-4);
            assertEquals(1 - r0 * r0 / 0.09, gS[0], 1e-4);
            // Pixel 1 sits below the floor: sigma = MIN_SIGMA, and log sigma gets no gradient.
            double s1 = sigmoid(l[1]);
            double r1 = s1 - x[1];
            double min = Elbo.MIN_SIGMA;
            assertEquals(0, gS[1], 0);
            double expected = r0 * r0 / 0.18 + Math.log(0.3) + r1 * r1 / (2 * min * min)
                    + Math.log(min) + LOG_2PI;
            assertEquals(expected, nll[0], 1e-3 * Math.abs(expected));
        }
    }

    @Test
    void identityNllMatchesTheClosedForm() {
        double sigma = 0.5;
        float[] mean = {-1.5f, 0.25f, 2f};
        float[] x = {0.5f, 0.25f, 3f};
        // (4 + 0 + 1) / (2 * 0.25) + 3/2 log(2 pi 0.25)
        double expected = 10 + 1.5 * Math.log(2 * Math.PI * 0.25);
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            float[] nll = Elbo.gaussianIdentityNll(m.create(mean, new Shape(1, 3)),
                    m.create(x, new Shape(1, 3)), sigma).toFloatArray();
            assertEquals(expected, nll[0], 1e-5);
            assertArrayEquals(nll, Elbo.reconstructionNll(Likelihood.GAUSSIAN_IDENTITY, sigma,
                    m.create(mean, new Shape(1, 3)), m.create(x, new Shape(1, 3)))
                    .toFloatArray(), 0f);
            assertThrows(IllegalArgumentException.class,
                    () -> Elbo.reconstructionNll(Likelihood.GAUSSIAN_LEARNED, sigma,
                            m.create(mean, new Shape(1, 3)), m.create(x, new Shape(1, 3))));
        }
    }

    @Test
    void namesParseBothWays() {
        for (Likelihood l : Likelihood.values()) {
            assertEquals(l, Likelihood.parse(l.id()));
        }
        assertEquals("gaussian-learned", Likelihood.GAUSSIAN_LEARNED.id());
        assertEquals(Likelihood.GAUSSIAN_IDENTITY, Likelihood.parse("GAUSSIAN_IDENTITY"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Likelihood.parse("laplace"))
                .getMessage().contains("gaussian-learned"));
    }

    @Test
    void onlyTheLearnedLikelihoodHasTheParameterInBothArchitectures() {
        for (VaeConfig base : new VaeConfig[] {VaeConfig.mlp(1, 8, 8), VaeConfig.conv(1, 8, 8)}) {
            try (VaeModel fixed = VaeModel.create(base.withLikelihood(Likelihood.GAUSSIAN, 0.2), 1);
                    VaeModel learned = VaeModel.create(
                            base.withLikelihood(Likelihood.GAUSSIAN_LEARNED, 0.2), 1)) {
                assertEquals(fixed.parameterCount() + 64, learned.parameterCount(),
                        base.architecture().id());
                assertNull(fixed.block().getParameters().get("logSigma"));
                float[] init = logSigma(learned).getArray().toFloatArray();
                assertEquals(64, init.length);
                for (float v : init) {
                    assertEquals(Math.log(0.2), v, 1e-6);
                }
            }
        }
    }

    /** A decoder that ignores z: logits = bias; logSigma set by hand. */
    private static void fixDecoder(VaeModel m, float[] bias, float[] logSig) {
        List<Parameter> p = m.block().getParameters().values();
        // logSigma, encoder (W, b, head W, b), decoder (W, b, out W, out b)
        p.get(7).getArray().muli(0);
        p.get(8).getArray().muli(0).addi(m.manager().create(bias));
        p.get(0).getArray().muli(0).addi(m.manager().create(logSig));
    }

    @Test
    void everyReconstructionNllUsesTheLearnedSigmaAndItIsSavedAndLoaded() throws Exception {
        float[] bias = {-1f, 0.5f, 2f};
        float[] logSig = {(float) Math.log(0.05), (float) Math.log(0.3), 0f};
        byte[] px = {(byte) 10, (byte) 200, (byte) 250, 0, (byte) 128, (byte) 255};
        ImageSet data = new ImageSet(px, 2, 1, 1, 3, null, "two");
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int d = 0; d < 3; d++) {
                double r = (px[i * 3 + d] & 0xff) / 255.0 - sigmoid(bias[d]);
                double s = Math.exp(logSig[d]);
                expected[i] += r * r / (2 * s * s) + Math.log(s) + 0.5 * LOG_2PI;
            }
        }
        Path dir = tmp.resolve("model");
        try (VaeModel m = VaeModel.create(TINY, 3)) {
            fixDecoder(m, bias, logSig);
            check(m, data, expected);
            Provenance prov = Provenance.now(new TrainOptions(), "two", "sha256:00", 2, 0, 1, 1,
                    null);
            ModelStore.save(m, prov, dir);
        }
        try (SavedModel saved = ModelStore.load(dir)) {
            assertArrayEquals(logSig, logSigma(((VaeModel) saved.model())).getArray().toFloatArray(), 0f);
            check(((VaeModel) saved.model()), data, expected);
        }
    }

    private static void check(VaeModel m, ImageSet data, double[] expected) {
        ElboMetrics e = m.evaluate(data, 2, 1);
        assertEquals((expected[0] + expected[1]) / 2, e.reconstruction(), 1e-3);
        AnomalyScores s = AnomalyScorer.score(m, data, new AnomalyScorer.Options(2, 3, 2, 1));
        for (int i = 0; i < 2; i++) {
            assertEquals(-expected[i], s.reconstructionLogProb()[i], 1e-3, "image " + i);
        }
    }

    @Test
    void trainingMovesEachSigmaToItsPixelsNoiseLevel() {
        // 4x4 images of 0.5 plus Gaussian noise, sd 0.03 on the top 8 pixels and 0.08 on the
        // bottom 8 (8-bit rounding adds 0.001). Sigma starts at 0.2 everywhere.
        int n = 2000;
        byte[] px = new byte[n * 16];
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 16; d++) {
                double v = 0.5 + (d < 8 ? 0.03 : 0.08) * r.nextGaussian();
                px[i * 16 + d] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
            }
        }
        ImageSet data = new ImageSet(px, n, 1, 4, 4, null, "noisy constant");
        VaeConfig config = VaeConfig.mlp(1, 4, 4).withHidden(List.of(16)).withLatentDim(1)
                .withLikelihood(Likelihood.GAUSSIAN_LEARNED, 0.2);
        try (VaeModel m = VaeModel.create(config, 7)) {
            Families.trainer(m, new TrainOptions(20, 100, 1e-2, OptimizerKind.ADAM, 0, 1, 7, 0),
                    null, null, null).fit(data, null);
            float[] ls = logSigma(m).getArray().toFloatArray();
            double top = 0;
            double bottom = 0;
            for (int d = 0; d < 16; d++) {
                double s = Math.exp(ls[d]);
                assertTrue(s < 0.12, "pixel " + d + ": sigma " + s + " barely moved from 0.2");
                if (d < 8) {
                    top += s / 8;
                } else {
                    bottom += s / 8;
                }
            }
            assertEquals(0.03, top, 0.005, "top half");
            assertEquals(0.08, bottom, 0.01, "bottom half");
        }
    }
}
