package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import org.vae4j.io.Json;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.family.Families;

/**
 * The conditional VAE: the label reaches encoder and decoder, a trained model draws the class it
 * is asked for, and it saves, loads and evaluates like a plain one.
 */
class ConditionalVaeTest {

    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;

    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    /**
     * Three classes of 8×8 images: a bright left half, top half or diagonal band, each with
     * random brightness and speckle, so the class fixes the shape and the latent can only carry
     * the rest.
     */
    static ImageSet shapes(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * D];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            double level = 0.6 + 0.4 * r.nextDouble();
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean on = onShape(c, x, y);
                    double v = on ? level : 0.05 * r.nextDouble();
                    px[i * D + y * SIDE + x] = (byte) Math.round(255 * v);
                }
            }
        }
        return new ImageSet(px, n, 1, SIDE, SIDE, labels, "three shapes");
    }

    private static boolean onShape(int c, int x, int y) {
        return c == 0 ? x < SIDE / 2 : c == 1 ? y < SIDE / 2 : Math.abs(x - y) <= 1;
    }

    private static float[] template(int c) {
        float[] t = new float[D];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                t[y * SIDE + x] = onShape(c, x, y) ? 1f : 0f;
            }
        }
        return t;
    }

    private static VaeConfig mlp(int classes) {
        return new VaeConfig(Architecture.MLP, 1, SIDE, SIDE, List.of(32), 2,
                Likelihood.BERNOULLI, 0.1, org.vae4j.data.Binarization.NONE, classes);
    }

    /** Mean squared distance of each image to a template. */
    private static double distance(float[][] images, float[] template) {
        double s = 0;
        for (float[] img : images) {
            for (int j = 0; j < D; j++) {
                double e = img[j] - template[j];
                s += e * e;
            }
        }
        return s / (images.length * (double) D);
    }

    @Test
    void aTrainedCvaeDrawsTheRequestedClass() {
        ImageSet data = shapes(600, 1);
        try (VaeModel m = VaeModel.create(mlp(3), 7)) {
            Families.trainer(m, new TrainOptions(15, 32, 5e-3, OptimizerKind.ADAM, 0, 1, 3, 0),
                    null, null, null).fit(data, null);
            for (int c = 0; c < 3; c++) {
                float[][] samples = m.sample(40, 11, c);
                double own = distance(samples, template(c));
                for (int other = 0; other < 3; other++) {
                    if (other != c) {
                        double wrong = distance(samples, template(other));
                        // Shapes overlap in a quarter of the pixels at most: the own template
                        // must be far closer than any other.
                        assertTrue(own < 0.5 * wrong, "class " + c + ": distance to own "
                                + own + ", to class " + other + " " + wrong);
                    }
                }
            }
            // The same latent codes decode to different images under different labels: the
            // decoder reads the label, and the latent alone does not fix the shape.
            float[][] z = {{0f, 0f}, {1f, -1f}};
            float[][] as0 = m.decode(z, 0);
            float[][] as1 = m.decode(z, 1);
            assertTrue(distance(as0, template(0)) < distance(as1, template(0)));
            // Unlabelled sampling cycles through the classes.
            float[][] mixed = m.sample(3, 11);
            for (int c = 0; c < 3; c++) {
                assertTrue(distance(new float[][] {mixed[c]}, template(c))
                        < distance(new float[][] {mixed[c]}, template((c + 1) % 3)),
                        "sample " + c);
            }
        }
    }

    @Test
    void theEncoderReadsTheLabelToo() {
        ImageSet data = shapes(6, 2);
        try (VaeModel m = VaeModel.create(mlp(3), 3)) {
            float[][] x = data.toRows(1);
            Encoding a = m.encode(x, new int[] {0});
            Encoding b = m.encode(x, new int[] {2});
            assertFalse(java.util.Arrays.equals(a.mu()[0], b.mu()[0]));
        }
    }

    @Test
    void convCvaeTrainsAndSamplesEveryClass() {
        VaeConfig conv = new VaeConfig(Architecture.CONV, 1, SIDE, SIDE, List.of(8, 16), 2,
                Likelihood.BERNOULLI, 0.1, org.vae4j.data.Binarization.NONE, 3);
        ImageSet data = shapes(300, 3);
        try (VaeModel m = VaeModel.create(conv, 5)) {
            ElboMetrics before = m.evaluate(data, 100, 1);
            Families.trainer(m, new TrainOptions(8, 32, 5e-3, OptimizerKind.ADAM, 0, 1, 3, 0),
                    null, null, null).fit(data, null);
            ElboMetrics after = m.evaluate(data, 100, 1);
            assertTrue(after.negElbo() < before.negElbo() - 5, before + " -> " + after);
            for (int c = 0; c < 3; c++) {
                float[][] s = m.sample(20, 4, c);
                assertTrue(distance(s, template(c)) < distance(s, template((c + 1) % 3)),
                        "class " + c);
            }
        }
    }

    @Test
    void theIwaeObjectiveTrainsACvae() {
        ImageSet data = shapes(300, 6);
        try (VaeModel m = VaeModel.create(mlp(3), 8)) {
            ElboMetrics before = m.evaluate(data, 100, 1);
            Families.trainer(m, new TrainOptions(6, 30, 5e-3, OptimizerKind.ADAM, 0, 1, 3, 0)
                    .withObjective(org.vae4j.train.Objective.IWAE, 3), null, null, null)
                    .fit(data, null);
            ElboMetrics after = m.evaluate(data, 100, 1);
            assertTrue(after.negElbo() < before.negElbo() - 5, before + " -> " + after);
            float[][] s = m.sample(20, 4, 2);
            assertTrue(distance(s, template(2)) < distance(s, template(0)));
        }
    }

    @Test
    void savesLoadsAndEvaluatesLikeAPlainModel() throws Exception {
        ImageSet data = shapes(90, 4);
        Path dir = tmp.resolve("model");
        float[][] z = {{0.5f, -0.25f}};
        float[][] before;
        ElboMetrics evalBefore;
        try (VaeModel m = VaeModel.create(mlp(3), 9)) {
            Families.trainer(m, new TrainOptions(2, 30, 1e-3, OptimizerKind.ADAM, 0, 1, 3, 0),
                    null, null, null).fit(data, null);
            before = m.decode(z, 2);
            evalBefore = m.evaluate(data, 50, 3);
            TrainOptions o = new TrainOptions(2, 30, 1e-3, OptimizerKind.ADAM, 0, 1, 3, 0);
            ModelStore.save(m, Provenance.now(o, data.source(), data.fingerprint(), 90, 0, 2,
                    1.0, null), dir);
        }
        try (SavedModel loaded = ModelStore.load(dir)) {
            VaeModel m = ((VaeModel) loaded.model());
            assertEquals(3, m.config().classes());
            assertArrayEquals(before[0], m.decode(z, 2)[0], 0f);
            assertEquals(evalBefore, m.evaluate(data, 50, 3));
            // The importance-sampled estimate uses the labels as well: k = 1 is the ELBO's
            // estimate, more samples can only raise the bound on average.
            AnomalyScores s = AnomalyScorer.score(m, data, new AnomalyScorer.Options(1, 200, 45,
                    1L));
            double elbo = 0;
            double logLik = 0;
            for (int i = 0; i < data.size(); i++) {
                elbo += -s.negElbo()[i];
                logLik += s.logLikelihood()[i];
            }
            assertTrue(logLik > elbo, "log p " + logLik + " vs ELBO " + elbo);
        }
    }

    @Test
    void labelsAreRequiredAndChecked() {
        ImageSet unlabelled = new ImageSet(new byte[4 * D], 4, 1, SIDE, SIDE, null, "no-labels");
        try (VaeModel m = VaeModel.create(mlp(3), 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.evaluate(unlabelled, 2, 1));
            assertTrue(e.getMessage().startsWith("no-labels: has no labels"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> Families.trainer(m, new TrainOptions(), null, null, null)
                            .fit(unlabelled, null));
            e = assertThrows(IllegalArgumentException.class, () -> m.sample(2, 1, 3));
            assertEquals("label must be in [0, 2], got 3", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.decode(new float[][] {{0, 0}}));
            ImageSet wrongLabel = new ImageSet(new byte[2 * D], 2, 1, SIDE, SIDE,
                    new int[] {0, 5}, "five");
            e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(wrongLabel, 2, 1));
            assertTrue(e.getMessage().contains("image 1 has label 5"), e.getMessage());
        }
        try (VaeModel plain = VaeModel.create(mlp(0), 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> plain.sample(2, 1, 0));
            assertTrue(e.getMessage().contains("not conditional"), e.getMessage());
            assertEquals(null, plain.labelsFor(shapes(3, 1), null));
        }
        assertThrows(IllegalArgumentException.class, () -> mlp(-1));
    }

    @Test
    void configsSavedBeforeConditioningReadAsPlain() {
        JsonObject json = JsonParser.parseString(Json.toJson(mlp(0))).getAsJsonObject();
        assertTrue(json.has("classes"), json::toString);
        json.remove("classes");
        VaeConfig read = Json.GSON.fromJson(json, VaeConfig.class);
        assertEquals(mlp(0), read);
        assertFalse(read.conditional());
        // Conditioning adds inputs only: a plain model's parameter count is unchanged.
        try (VaeModel plain = VaeModel.create(mlp(0), 1);
                VaeModel cond = VaeModel.create(mlp(3), 1)) {
            // Encoder: 3 more inputs to 32 units; decoder: 3 more inputs to 32 units.
            assertEquals(plain.parameterCount() + 3 * 32 + 3 * 32, cond.parameterCount());
        }
    }
}
