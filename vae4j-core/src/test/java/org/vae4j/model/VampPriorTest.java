package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Binarization;
import org.vae4j.engine.EngineSetup;
import org.vae4j.io.ModelStore;
import org.vae4j.io.SavedModel;

/**
 * The VampPrior against hand-computed densities: a 2-component mixture from a tiny encoder with
 * known weights, a one-component prior at the data (KL estimate 0), the Monte-Carlo KL against
 * the closed form, sampling, and saving.
 */
class VampPriorTest {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    /** 1x1x2 images, one hidden layer of 2, L = 1, a VampPrior with K pseudo-inputs. */
    private static VaeConfig tiny(int k) {
        return new VaeConfig(Architecture.MLP, 1, 1, 2, List.of(2), 1, Likelihood.BERNOULLI, 0.1,
                Binarization.NONE, 0, null, PriorConfig.vamp(k));
    }

    private static List<Parameter> encoderParameters(VaeModel m) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : m.block().getParameters()) {
            if (p.getKey().startsWith("01encoder")) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    private static Parameter parameter(VaeModel m, String name) {
        for (Pair<String, Parameter> p : m.block().getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    /** log N(z; mu, exp(logvar)) in one dimension. */
    private static double logNormal(double z, double mu, double logvar) {
        return -0.5 * ((z - mu) * (z - mu) / Math.exp(logvar) + logvar + LOG_2PI);
    }

    @Test
    void logDensityEqualsAHandComputedTwoComponentMixture() {
        try (VaeModel m = VaeModel.create(tiny(2), 1)) {
            // Encoder: h = relu(I u + 0) = u; mu = 5 h1 - 5 h2; logvar = 5 h1 - 1.
            List<Parameter> enc = encoderParameters(m);
            assertEquals(4, enc.size(), () -> m.block().getParameters().keys().toString());
            enc.get(0).getArray().set(new float[] {1, 0, 0, 1});
            enc.get(1).getArray().set(new float[] {0, 0});
            enc.get(2).getArray().set(new float[] {5, -5, 5, 0});
            enc.get(3).getArray().set(new float[] {0, -1});
            // u1 = (0.2, 0) -> N(1, e^0); u2 = (0, 0.6) -> N(-3, e^-1).
            parameter(m, "pseudoInputs").getArray().set(new float[] {0.2f, 0, 0, 0.6f});
            Encoding c = m.priorComponents();
            assertEquals(1.0, c.mu()[0][0], 1e-6);
            assertEquals(-3.0, c.mu()[1][0], 1e-6);
            assertEquals(0.0, c.logvar()[0][0], 1e-6);
            assertEquals(-1.0, c.logvar()[1][0], 1e-6);
            float[] zs = {0.5f, -3.2f, 2f, 40f};
            try (NDManager nm = m.manager().newSubManager()) {
                float[] got = m.logPriorKernel(nm.create(zs, new Shape(4, 1))).toFloatArray();
                for (int i = 0; i < zs.length; i++) {
                    double a = logNormal(zs[i], 1, 0);
                    double b = logNormal(zs[i], -3, -1);
                    double max = Math.max(a, b);
                    double logP = max + Math.log(0.5 * Math.exp(a - max) + 0.5 * Math.exp(b - max));
                    // The kernel is log p(z) + (L/2) log 2 pi, L = 1.
                    assertEquals(logP + 0.5 * LOG_2PI, got[i], 1e-4 * Math.max(1, -logP),
                            "z = " + zs[i]);
                }
            }
        }
    }

    @Test
    void pseudoInputsAreClampedToThePixelRange() {
        try (VaeModel m = VaeModel.create(tiny(2), 1)) {
            parameter(m, "pseudoInputs").getArray().set(new float[] {-0.5f, 0.3f, 1.5f, 1f});
            float[][] u = m.pseudoInputs();
            assertArrayEquals(new float[] {0, 0.3f}, u[0]);
            assertArrayEquals(new float[] {1, 1}, u[1]);
        }
        VaeConfig unclamped = tiny(2).withPrior(new PriorConfig(PriorKind.VAMP, 2, false));
        try (VaeModel m = VaeModel.create(unclamped, 1)) {
            parameter(m, "pseudoInputs").getArray().set(new float[] {-0.5f, 0.3f, 1.5f, 1f});
            assertArrayEquals(new float[] {1.5f, 1f}, m.pseudoInputs()[1]);
        }
    }

    @Test
    void pseudoInputsStartNearBlackAsTheAuthorsDraw() {
        VaeConfig c = VaeConfig.mlp(1, 28, 28).withHidden(List.of(8)).withLatentDim(2)
                .withPrior(PriorConfig.vamp(50));
        try (VaeModel m = VaeModel.create(c, 3)) {
            float[][] u = m.pseudoInputs();
            assertEquals(50, u.length);
            double sum = 0;
            double sq = 0;
            for (float[] row : u) {
                for (float v : row) {
                    sum += v;
                    sq += v * v;
                }
            }
            int n = 50 * 784;
            double mean = sum / n;
            assertEquals(PriorConfig.INIT_MEAN, mean, 1e-3);
            assertEquals(PriorConfig.INIT_STD, Math.sqrt(sq / n - mean * mean), 1e-3);
        }
    }

    @Test
    void onePseudoInputAtTheDataMakesThePriorThatPosteriorAndTheKlEstimateZero() {
        VaeConfig c = VaeConfig.mlp(1, 28, 28).withHidden(List.of(16)).withLatentDim(3)
                .withPrior(PriorConfig.vamp(1));
        try (VaeModel m = VaeModel.create(c, 5);
                NDManager nm = m.manager().newSubManager()) {
            float[] x = new float[784];
            for (int d = 0; d < x.length; d++) {
                x[d] = (d % 7) / 7f;
            }
            parameter(m, "pseudoInputs").getArray().set(x);
            NDArray xs = nm.create(x, new Shape(1, 784)).repeat(0, 200);
            NDList out = m.block().forward(m.parameterStore(), new NDList(xs), false);
            float[] kl = m.block().elboTerms(m.parameterStore(), out, xs, false).get(1)
                    .toFloatArray();
            // q(z|x) = q(z|u_1) = p(z): log q(z|x) - log p(z) = 0 for every sample, not only
            // in expectation.
            for (int i = 0; i < kl.length; i++) {
                assertEquals(0, kl[i], 1e-4, "sample " + i);
            }
        }
    }

    @Test
    void theMonteCarloKlConvergesToTheClosedFormUnderTheGaussianPrior() {
        VaeConfig c = VaeConfig.mlp(1, 28, 28).withHidden(List.of(8)).withLatentDim(3);
        try (VaeModel m = VaeModel.create(c, 5);
                NDManager nm = m.manager().newSubManager()) {
            assertTrue(m.standardNormalPrior());
            EngineSetup.engine().setRandomSeed(11);
            int n = 200_000;
            NDArray mu = nm.create(new float[] {0.5f, -1f, 0.2f}, new Shape(1, 3));
            NDArray logvar = nm.create(new float[] {-1f, 0.5f, 0f}, new Shape(1, 3));
            NDArray mus = mu.repeat(0, n);
            NDArray lvs = logvar.repeat(0, n);
            NDArray z = VaeBlock.reparameterize(mus, lvs);
            NDArray estimate = VampPrior.logPosteriorKernel(z, mus, lvs)
                    .sub(m.logPriorKernel(z)).mean();
            double closed = Elbo.klStandardNormal(mu, logvar).getFloat(0);
            // By hand: 1/2 sum (mu^2 + e^lv - 1 - lv) = 1/2 (0.6179 + 1.1487 + 0.04) = 0.9033.
            assertEquals(0.9033, closed, 1e-3);
            assertEquals(closed, estimate.getFloat(), 0.01);
        }
    }

    @Test
    void samplesComeFromThePseudoInputsPosteriors() {
        // K = 1 and an encoder whose log-variance head is pinned at -30: every draw is mu_1,
        // so every sample is the same image, decode(mu_1).
        VaeConfig c = new VaeConfig(Architecture.MLP, 1, 1, 2, List.of(2), 1,
                Likelihood.BERNOULLI, 0.1, Binarization.NONE, 0, null, PriorConfig.vamp(1));
        try (VaeModel m = VaeModel.create(c, 2)) {
            List<Parameter> enc = encoderParameters(m);
            enc.get(2).getArray().set(new float[] {1, 1, 0, 0});
            enc.get(3).getArray().set(new float[] {0.5f, -30});
            float[][] s = m.sample(16, 9);
            float[][] mean = m.decode(m.priorComponents().mu());
            for (float[] row : s) {
                assertArrayEquals(mean[0], row, 1e-5f);
            }
            assertArrayEquals(s[0], m.sample(16, 9)[0], "same seed, same draws");
        }
        VaeConfig k2 = VaeConfig.mlp(1, 28, 28).withHidden(List.of(8)).withLatentDim(2)
                .withPrior(PriorConfig.vamp(2));
        try (VaeModel m = VaeModel.create(k2, 2)) {
            assertNotEquals(m.sample(1, 1)[0][300], m.sample(1, 2)[0][300]);
        }
    }

    @Test
    void savedWithTheModelAndGaussianConfigsUnchanged() throws Exception {
        VaeConfig c = VaeConfig.mlp(1, 28, 28).withHidden(List.of(8)).withLatentDim(2)
                .withPrior(PriorConfig.vamp(4));
        assertTrue(c.summary().endsWith("vamp (4 pseudo-inputs) prior"), c.summary());
        Path dir = tmp.resolve("model");
        float[][] z = {{0.1f, -0.4f}, {2f, 1f}};
        float[] before;
        try (VaeModel m = VaeModel.create(c, 4);
                NDManager nm = m.manager().newSubManager()) {
            before = m.logPriorKernel(nm.create(z)).toFloatArray();
            org.vae4j.train.EpochMetrics last = new org.vae4j.train.EpochMetrics(1,
                    Metrics.of(ElboMetrics.NAMES, 3, 2, 1), Metrics.of(ElboMetrics.NAMES, 3, 2, 1),
                    1, 1, 1);
            ModelStore.save(m, org.vae4j.io.Provenance.now(new org.vae4j.train.TrainOptions(),
                    "test", "sha256:0", 1, 1, 1, 1, last), dir);
        }
        String json = Files.readString(dir.resolve(ModelStore.CONFIG));
        assertTrue(json.contains("\"prior\"") && json.contains("\"VAMP\"")
                && json.contains("\"pseudo_inputs\": 4"), json);
        try (SavedModel s = ModelStore.load(dir);
                NDManager nm = s.model().manager().newSubManager()) {
            VaeModel m = (VaeModel) s.model();
            assertEquals(c, m.config());
            assertArrayEquals(before, m.logPriorKernel(nm.create(z)).toFloatArray());
        }
        // The standard normal is stored as no prior: config.json as before priors existed.
        VaeConfig g = VaeConfig.mlp(1, 28, 28).withPrior(PriorConfig.GAUSSIAN);
        assertNull(g.prior());
        assertEquals(VaeConfig.mlp(1, 28, 28), g);
        assertFalse(org.vae4j.io.Json.GSON.toJson(g, ModelConfig.class).contains("prior"));
    }

    @Test
    void aTrainingStepLeavesNothingOnTheModelsManager() {
        VaeConfig c = VaeConfig.mlp(1, 28, 28).withHidden(List.of(8)).withLatentDim(2)
                .withPrior(PriorConfig.vamp(20));
        try (VaeModel m = VaeModel.create(c, 1)) {
            org.vae4j.train.TrainStep step = org.vae4j.family.Families.step(m,
                    new org.vae4j.train.TrainOptions());
            int[] counts = new int[3];
            for (int i = 0; i < counts.length; i++) {
                try (NDManager bm = m.manager().newSubManager()) {
                    NDArray x = bm.randomUniform(0, 1, new Shape(4, 784));
                    step.step(new org.vae4j.data.Batch(x, null, 4),
                            new org.vae4j.train.StepContext(1, i, 3, i));
                }
                counts[i] = ((ai.djl.ndarray.BaseNDManager) m.manager()).getManagedArrays().size();
            }
            // The first step allocates the gradients once; later steps add nothing (the clamped
            // pseudo-inputs and their encodings used to stay on the model's manager).
            assertEquals(counts[1], counts[2]);
            m.sample(3, 1);
            assertEquals(counts[2], ((ai.djl.ndarray.BaseNDManager) m.manager())
                    .getManagedArrays().size());
        }
    }

    @Test
    void aConditionalModelRefusesTheVampPrior() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.mlp(1, 28, 28).withClasses(10).withPrior(PriorConfig.vamp(5)));
        assertTrue(e.getMessage().startsWith("prior vamp is for unconditional models"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriorConfig.vamp(0));
        assertThrows(IllegalArgumentException.class,
                () -> PriorConfig.vamp(PriorConfig.MAX_PSEUDO_INPUTS + 1));
    }
}
