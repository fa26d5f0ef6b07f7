package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.family.Families;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.io.Json;
import org.vae4j.data.BatchBuffer;
import org.vae4j.model.Iwae;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;

/** Training with the IWAE objective: the options that define it, and that it learns. */
class IwaeTrainingTest {

    private static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 28, 28).withHidden(List.of(32)).withLatentDim(4);

    private static ImageSet data;

    @BeforeAll
    static void setUp() {
        EngineSetup.configure(2);
        data = EmbeddedData.fashionMnistTest().first(320);
    }

    private static TrainOptions iwae(int epochs, int k) {
        return new TrainOptions(epochs, 32, 2e-3, OptimizerKind.ADAM, 0, 1, 5, 0)
                .withObjective(Objective.IWAE, k);
    }

    /** Mean L_K over the data with fixed noise, in nats per image. */
    private static double meanBound(VaeModel m, int k) {
        EngineSetup.engine().setRandomSeed(99);
        try (NDManager nm = m.manager().newSubManager()) {
            NDArray x = new BatchBuffer(data.size(), CONFIG.inputSize())
                    .rows(nm, data, null, 0, data.size());
            float[] b = Iwae.terms(m.block(), m.parameterStore(), x, k, false).get(0)
                    .toFloatArray();
            double s = 0;
            for (float v : b) {
                s += v;
            }
            return s / b.length;
        }
    }

    private static float[] firstWeight(VaeModel m) {
        return m.block().getParameters().get(0).getValue().getArray().toFloatArray();
    }

    @Test
    void defaultsAreTheElboWithOneSample() {
        TrainOptions o = new TrainOptions();
        assertEquals(Objective.ELBO, o.objective());
        assertEquals(1, o.importanceSamples());
        TrainOptions i = o.withObjective(Objective.IWAE, 5).withEpochs(3);
        assertEquals(Objective.IWAE, i.objective());
        assertEquals(5, i.importanceSamples());
        assertEquals(3, i.epochs());
    }

    @Test
    void optionsWrittenBeforeObjectivesExistedReadAsTheElbo() {
        JsonObject json = JsonParser.parseString(Json.toJson(new TrainOptions(4, 16, 1e-3,
                OptimizerKind.SGD, 0.5, 2, 9, 0.2))).getAsJsonObject();
        assertTrue(json.has("objective") && json.has("importance_samples"), json::toString);
        json.remove("objective");
        json.remove("importance_samples");
        TrainOptions old = Json.GSON.fromJson(json, TrainOptions.class);
        assertEquals(Objective.ELBO, old.objective());
        assertEquals(1, old.importanceSamples());
        assertEquals(2.0, old.beta());
    }

    @Test
    void klShapingAndBadSampleCountsAreRejected() {
        TrainOptions base = new TrainOptions();
        String[][] cases = {
            {"beta 2.0", "2"},
            {"a KL warm-up", "warmup"},
            {"KL cycles", "cycles"},
            {"free bits", "freebits"}
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    new TrainOptions(3, 8, 1e-3, OptimizerKind.ADAM, 0,
                            c[1].equals("2") ? 2 : 1, 1, 0,
                            c[1].equals("warmup") ? 1 : 0, c[1].equals("cycles") ? 2 : 0,
                            c[1].equals("freebits") ? 0.5 : 0, Objective.IWAE, 5));
            assertTrue(e.getMessage().contains(c[0]) && e.getMessage().contains("elbo"),
                    e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base.withObjective(Objective.IWAE, 0)).getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> base.withObjective(Objective.ELBO, 5)).getMessage().contains("got 5"));
        assertEquals(Objective.IWAE, Objective.parse("IWAE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Objective.parse("vae"))
                .getMessage().contains("'vae'"));
    }

    @Test
    void aFewIwaeStepsRaiseTheBoundAndDifferFromElboTraining() {
        double before;
        double after;
        float[] iwaeWeight;
        TrainingResult result;
        try (VaeModel m = VaeModel.create(CONFIG, 5)) {
            before = meanBound(m, 5);
            result = Families.trainer(m, iwae(2, 5), null, null, null).fit(data, null);
            after = meanBound(m, 5);
            iwaeWeight = firstWeight(m);
        }
        assertTrue(after > before + 50, "L_5 before " + before + ", after " + after);
        // The reported metrics stay the ELBO's terms.
        EpochMetrics last = result.last();
        assertEquals(last.train("reconstruction") + last.train("kl"), last.train("neg_elbo"), 1e-6);
        assertTrue(last.train("neg_elbo") > -after - 5, "-ELBO " + last.train("neg_elbo")
                + " cannot be far below -L_5 " + -after);
        try (VaeModel m = VaeModel.create(CONFIG, 5)) {
            Families.trainer(m, new TrainOptions(2, 32, 2e-3, OptimizerKind.ADAM, 0, 1, 5, 0),
                    null, null, null).fit(data, null);
            assertFalse(Arrays.equals(iwaeWeight, firstWeight(m)),
                    "the iwae objective must change the updates");
        }
    }
}
