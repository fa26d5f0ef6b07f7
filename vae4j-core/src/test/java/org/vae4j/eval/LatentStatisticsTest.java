package org.vae4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.List;
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

/** Active units and per-unit KL against cases computed by hand. */
class LatentStatisticsTest {

    private static final VaeConfig SMALL =
            VaeConfig.mlp(1, 28, 28).withHidden(List.of(32)).withLatentDim(3);

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    @Test
    void constantPosteriorHasNoActiveUnitsAndClosedFormKl() {
        ImageSet data = EmbeddedData.fashionMnistTest().first(200);
        try (VaeModel m = VaeModel.create(SMALL, 1)) {
            List<Pair<String, Parameter>> p = m.block().getParameters().stream().toList();
            NDArray headW = p.get(2).getValue().getArray();
            NDArray headB = p.get(3).getValue().getArray();
            headW.muli(0);
            // mu = (0.5, -1, 0), logvar = (0, ln 2, -1) for every image.
            headB.muli(0).addi(m.manager().create(new float[] {0.5f, -1f, 0f, 0f,
                (float) Math.log(2), -1f}));
            LatentStatistics s = LatentStatistics.of(m, data);
            assertEquals(0, s.activeUnits());
            assertTrue(s.collapsed());
            double[] expected = {
                0.5 * (0.25 + 1 - 1 - 0),
                0.5 * (1 + 2 - 1 - Math.log(2)),
                0.5 * (0 + Math.exp(-1) - 1 + 1)
            };
            for (int j = 0; j < 3; j++) {
                assertEquals(0, s.meanVariance()[j], 1e-9, "variance of a constant mean");
                assertEquals(expected[j], s.klPerUnit()[j], 1e-5, "KL of unit " + j);
            }
        }
    }

    @Test
    void trainedModelUsesItsUnitsAndKlMatchesTheElbo() {
        ImageSet data = EmbeddedData.fashionMnistTest().first(600);
        try (VaeModel m = VaeModel.create(SMALL, 2)) {
            Families.trainer(m, new TrainOptions(2, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 2, 0),
                    null, null, null).fit(data, null);
            LatentStatistics s = LatentStatistics.of(m, data);
            assertTrue(s.activeUnits() > 0, "a trained VAE uses some units");
            assertFalse(s.collapsed());
            // evaluate()'s KL term is the same closed form, averaged over the same images.
            assertEquals(m.evaluate(data, 100, 1).kl(), s.totalKl(), 1e-3);
        }
    }
}
