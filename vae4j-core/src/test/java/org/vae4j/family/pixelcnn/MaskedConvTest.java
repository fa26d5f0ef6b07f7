package org.vae4j.family.pixelcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.pixelcnn.MaskedConv.Mask;

/**
 * The masked convolution computes {@code conv(x, W ⊙ M) + b} by convolving with the kept corner
 * block of W only: its output must equal the full kernel's, masked, for every mask and shape.
 */
class MaskedConvTest {

    @Test
    void theKeptBlockGivesTheMaskedKernelsOutput() {
        check(3, 3, Mask.VERTICAL_A);
        check(3, 3, Mask.VERTICAL_B);
        check(5, 5, Mask.VERTICAL_A);
        check(5, 5, Mask.VERTICAL_B);
        check(1, 3, Mask.HORIZONTAL_A);
        check(1, 3, Mask.HORIZONTAL_B);
        check(1, 5, Mask.HORIZONTAL_B);
        check(3, 3, Mask.HORIZONTAL_B); // no corner block: the fallback masks the full kernel
        check(1, 1, Mask.NONE);
    }

    /**
     * Training steps and sampling leave nothing on the model's manager: the kept block is a
     * slice of the weight, and a slice joins its source's manager unless moved.
     */
    @Test
    void stepsAndSamplesKeepNothingOnTheModelsManager() {
        PixelCnnConfig config = new PixelCnnConfig(6, 3, 3, 4, 2, 5, 0, null);
        try (PixelCnnModel model = PixelCnnModel.create(config, 2)) {
            org.vae4j.train.TrainStep step = new PixelCnnStep(model,
                    new org.vae4j.train.TrainOptions());
            ai.djl.ndarray.BaseNDManager base = (ai.djl.ndarray.BaseNDManager) model.manager();
            int[] counts = new int[3];
            for (int i = 0; i < counts.length; i++) {
                try (NDManager bm = model.manager().newSubManager()) {
                    NDArray x = bm.create(new float[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 5, 4, 3, 2, 1,
                        0, 5, 4, 3}, new Shape(2, 9));
                    step.step(new org.vae4j.data.Batch(x, null, 2),
                            new org.vae4j.train.StepContext(1, i, 3, i));
                }
                counts[i] = base.getManagedArrays().size();
            }
            // The first step allocates the gradients once; later steps add nothing.
            org.junit.jupiter.api.Assertions.assertEquals(counts[1], counts[2]);
            model.sample(3, null, 1.0, 1);
            org.junit.jupiter.api.Assertions.assertEquals(counts[2],
                    base.getManagedArrays().size(), "sampling left arrays on the model");
        }
    }

    private static void check(int kh, int kw, Mask type) {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            MaskedConv conv = new MaskedConv(3, 4, kh, kw, type);
            conv.initialize(m, DataType.FLOAT32, new Shape(2, 3, 5, 6));
            Random r = new Random(kh * 31L + kw * 7L + type.ordinal());
            float[] xs = new float[2 * 3 * 5 * 6];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = (float) r.nextGaussian();
            }
            NDArray x = m.create(xs, new Shape(2, 3, 5, 6));
            NDArray w = conv.getParameters().get("weight").getArray();
            NDArray b = conv.getParameters().get("bias").getArray();
            // A bias that is not zero, so a wrong crop of the padded output shows.
            b.set(m.create(new float[] {0.5f, -1f, 2f, 0.25f}).toFloatArray());
            float[] mask = MaskedConv.mask(kh, kw, type);
            NDArray masked = m.create(mask, new Shape(1, 1, kh, kw)).mul(w);
            float[] expected = Conv2d.conv2d(x, masked, b, new Shape(1, 1),
                    new Shape(kh / 2, kw / 2), new Shape(1, 1), 1).singletonOrThrow()
                    .toFloatArray();
            NDArray y = conv.apply(new ParameterStore(m, false), x, false);
            assertArrayEquals(new long[] {2, 4, 5, 6}, y.getShape().getShape(), type.name());
            float[] got = y.toFloatArray();
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - expected[i]));
            }
            assertTrue(worst < 1e-5, kh + "x" + kw + " " + type + ": off by " + worst);
        }
    }
}
