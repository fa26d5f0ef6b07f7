package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;

/**
 * The optimizers against updates computed by hand in doubles, on a tiny VAE whose gradients come
 * from a real backward pass. Adam runs the fused TorchScript kernel by default and DJL's kernel
 * when {@code vae4j.fusedAdam=false}; both must follow torch.optim.Adam.
 */
class ParameterOptimizerTest {

    private static final VaeConfig TINY =
            VaeConfig.mlp(1, 2, 2).withHidden(List.of(3)).withLatentDim(2);

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty("vae4j.fusedAdam");
    }

    /** Runs forward and backward on a fixed batch, leaving gradients on the parameters. */
    private static void backward(VaeModel model, float scale) {
        try (NDManager bm = model.manager().newSubManager();
                GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
            NDArray x = bm.create(new float[] {0.1f, 0.9f, 0.5f, 0.3f, 0.7f, 0.2f, 0.0f, 1.0f},
                    new Shape(2, 4));
            NDList out = model.block().forward(model.parameterStore(), new NDList(x), true);
            // A deterministic loss of every output (no sampling noise matters: eps is fixed per
            // seed, but the sum of mu, logvar and logits covers every parameter).
            NDArray loss = out.get(0).sum().add(out.get(1).sum()).add(out.get(2).square().sum())
                    .mul(scale);
            gc.backward(loss);
        }
    }

    private static List<float[]> values(VaeModel model, boolean gradients) {
        List<float[]> list = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            NDArray w = p.getValue().getArray();
            if (gradients) {
                try (NDArray g = w.getGradient()) {
                    list.add(g.toFloatArray());
                }
            } else {
                list.add(w.toFloatArray());
            }
        }
        return list;
    }

    private static void assertAdam(boolean fused) {
        System.setProperty("vae4j.fusedAdam", Boolean.toString(fused));
        double lr = 0.01;
        TrainOptions options = new TrainOptions(1, 2, lr, OptimizerKind.ADAM, 0, 1, 3, 0);
        try (VaeModel model = VaeModel.create(TINY, 3);
                ParameterOptimizer opt = new ParameterOptimizer(model, options)) {
            List<double[]> m = new ArrayList<>();
            List<double[]> v = new ArrayList<>();
            float[] scales = {1f, -3f, 0.5f};
            for (int t = 1; t <= scales.length; t++) {
                // Seed before each backward so both runs see the same reparameterization noise.
                EngineSetup.engine().setRandomSeed(42 + t);
                backward(model, scales[t - 1]);
                List<float[]> w0 = values(model, false);
                List<float[]> g = values(model, true);
                opt.step();
                List<float[]> w1 = values(model, false);
                List<float[]> gAfter = values(model, true);
                for (int i = 0; i < w0.size(); i++) {
                    if (t == 1) {
                        m.add(new double[g.get(i).length]);
                        v.add(new double[g.get(i).length]);
                    }
                    for (int j = 0; j < g.get(i).length; j++) {
                        double gj = g.get(i)[j];
                        m.get(i)[j] = 0.9 * m.get(i)[j] + 0.1 * gj;
                        v.get(i)[j] = 0.999 * v.get(i)[j] + 0.001 * gj * gj;
                        double mHat = m.get(i)[j] / (1 - Math.pow(0.9, t));
                        double vHat = v.get(i)[j] / (1 - Math.pow(0.999, t));
                        double expected = w0.get(i)[j] - lr * mHat / (Math.sqrt(vHat) + 1e-8 / 2);
                        assertEquals(expected, w1.get(i)[j], 2e-6,
                                "fused=" + fused + " step " + t + " param " + i + "[" + j + "]");
                        assertEquals(0f, gAfter.get(i)[j], "gradient zeroed after the step");
                    }
                }
            }
            assertEquals(3, opt.steps());
        }
    }

    @Test
    void fusedAdamFollowsTorchAdam() {
        assertAdam(true);
    }

    @Test
    void djlAdamFallbackFollowsTorchAdam() {
        assertAdam(false);
    }

    @Test
    void sgdWithMomentumFollowsHeavyBall() {
        double lr = 0.05;
        double mu = 0.9;
        TrainOptions options = new TrainOptions(1, 2, lr, OptimizerKind.SGD, mu, 1, 3, 0);
        try (VaeModel model = VaeModel.create(TINY, 3);
                ParameterOptimizer opt = new ParameterOptimizer(model, options)) {
            List<double[]> buf = new ArrayList<>();
            for (int t = 1; t <= 2; t++) {
                EngineSetup.engine().setRandomSeed(7 + t);
                backward(model, t);
                List<float[]> w0 = values(model, false);
                List<float[]> g = values(model, true);
                opt.step();
                List<float[]> w1 = values(model, false);
                for (int i = 0; i < w0.size(); i++) {
                    if (t == 1) {
                        buf.add(new double[g.get(i).length]);
                    }
                    for (int j = 0; j < g.get(i).length; j++) {
                        // DJL's convention: buf = mu buf + lr g; w -= buf.
                        buf.get(i)[j] = mu * buf.get(i)[j] + lr * g.get(i)[j];
                        assertEquals(w0.get(i)[j] - buf.get(i)[j], w1.get(i)[j], 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void rmspropFollowsTorchRmsprop() {
        double lr = 0.01;
        TrainOptions options = new TrainOptions(1, 2, lr, OptimizerKind.RMSPROP, 0, 1, 3, 0);
        try (VaeModel model = VaeModel.create(TINY, 3);
                ParameterOptimizer opt = new ParameterOptimizer(model, options)) {
            List<double[]> sq = new ArrayList<>();
            for (int t = 1; t <= 2; t++) {
                EngineSetup.engine().setRandomSeed(11 + t);
                backward(model, 2 * t - 3);
                List<float[]> w0 = values(model, false);
                List<float[]> g = values(model, true);
                opt.step();
                List<float[]> w1 = values(model, false);
                for (int i = 0; i < w0.size(); i++) {
                    if (t == 1) {
                        sq.add(new double[g.get(i).length]);
                    }
                    for (int j = 0; j < g.get(i).length; j++) {
                        double gj = g.get(i)[j];
                        sq.get(i)[j] = 0.99 * sq.get(i)[j] + 0.01 * gj * gj;
                        double expected = w0.get(i)[j] - lr * gj / (Math.sqrt(sq.get(i)[j]) + 1e-8 / 2);
                        assertEquals(expected, w1.get(i)[j], 2e-5);
                    }
                }
            }
        }
    }
}
