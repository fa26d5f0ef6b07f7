package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Binarization;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.family.Families;

/** The gated MLP ({@link Architecture#GATED}): the layer's formula, size, training, save/load. */
class GatedVaeTest {

    private static final VaeConfig CONFIG = new VaeConfig(Architecture.GATED, 1, 8, 8, List.of(16),
            3, Likelihood.BERNOULLI, 0.1, Binarization.NONE, 0);

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    @Test
    void aGatedLayerComputesValueTimesSigmoidOfGate() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            Block layer = Networks.gated(2, 3);
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            ParameterList ps = layer.getParameters();
            // Value: W = [[1,0,0],[0,1,0]], b = [0.5, -1]; gate: V = [[0,0,1],[1,1,1]], c = [0, 0].
            float[][] values = {{1, 0, 0, 0, 1, 0}, {0.5f, -1}, {0, 0, 1, 1, 1, 1}, {0, 0}};
            assertEquals(4, ps.size());
            for (int i = 0; i < 4; i++) {
                NDArray a = ps.get(i).getValue().getArray();
                a.muli(0).addi(m.create(values[i], a.getShape()));
            }
            NDArray x = m.create(new float[] {2, -3, 1, 0, 0, -2}, new Shape(2, 3));
            float[] y = layer.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            double s1 = 1 / (1 + Math.exp(-1));
            double s0 = 1 / (1 + Math.exp(-0));
            double s2 = 1 / (1 + Math.exp(2));
            // Row 1: value (2.5, -4), gate (1, 0). Row 2: value (0.5, -1), gate (-2, -2).
            double[] want = {2.5 * s1, -4 * s0, 0.5 * s2, -1 * s2};
            for (int i = 0; i < 4; i++) {
                assertEquals(want[i], y[i], 1e-6, "output " + i);
            }
        }
    }

    @Test
    void parameterCountIsTwoLinearLayersPerHiddenLayer() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            long byHand = 2 * (64 * 16 + 16) + 16 * 6 + 6 + 2 * (3 * 16 + 16) + 16 * 64 + 64;
            assertEquals(byHand, model.parameterCount());
        }
        assertEquals(Architecture.GATED, Architecture.parse("gated"));
    }

    @Test
    void trainsSavesAndLoadsLikeAnMlp(@TempDir Path dir) throws Exception {
        ImageSet data = EmbeddedData.fashionMnistTest().first(500);
        VaeConfig config = new VaeConfig(Architecture.GATED, 1, 28, 28, List.of(32), 3,
                Likelihood.BERNOULLI, 0.1, Binarization.NONE, 0);
        TrainOptions o = new TrainOptions(3, 50, 3e-3, OptimizerKind.ADAM, 0, 1, 1, 0);
        float[][] z = {{0.5f, -1f, 2f}};
        try (VaeModel m = VaeModel.create(config, 1)) {
            double before = m.evaluate(data, 100, 1).negElbo();
            Families.trainer(m, o, null, null, null).fit(data, null);
            double after = m.evaluate(data, 100, 1).negElbo();
            // Untrained: ~784 ln 2 = 543 nats; three short epochs take it well below.
            assertTrue(after < 0.8 * before, "-ELBO " + before + " -> " + after);
            ModelStore.save(m, Provenance.now(o, data.source(), data.fingerprint(), 500, 0, 3,
                    1.0, null), dir);
            float[] decoded = m.decode(z)[0];
            try (SavedModel loaded = ModelStore.load(dir)) {
                assertEquals(Architecture.GATED, ((VaeModel) loaded.model()).config().architecture());
                assertArrayEquals(decoded, ((VaeModel) loaded.model()).decode(z)[0]);
            }
        }
    }
}
