package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.engine.Precision;
import org.vae4j.family.Families;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;

/**
 * bf16 mixed precision: each layer against its fp32 self (outputs and gradients), a training
 * step's loss against the fp32 step's, fp32 master weights, and a bf16-trained model that saves
 * and loads as an ordinary fp32 one. bf16 keeps 8 significant bits, so a product of length K has
 * a relative error of about {@code 2^-8}: the tolerances are a few times that, and every test also
 * checks that bf16 changed something, so a switch that did nothing would fail.
 */
class MixedPrecisionTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    /** ‖a − b‖ / ‖b‖. */
    private static double relativeError(float[] a, float[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (double) (a[i] - b[i]);
            den += b[i] * (double) b[i];
        }
        return Math.sqrt(num / den);
    }

    /** Output and gradients of {@code sum(r ⊙ layer(x))} for x and every parameter. */
    private static List<float[]> forwardBackward(AbstractBlock layer, NDManager m, NDArray x,
            NDArray r) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : layer.getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            g.subi(g);
        }
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = layer.forward(new ParameterStore(m, false), new NDList(input), true)
                    .singletonOrThrow();
            assertEquals(DataType.FLOAT32, y.getDataType());
            out.add(y.toFloatArray());
            gc.backward(y.mul(r).sum());
        }
        out.add(input.getGradient().toFloatArray());
        for (Pair<String, Parameter> p : layer.getParameters()) {
            NDArray w = p.getValue().getArray();
            assertEquals(DataType.FLOAT32, w.getDataType(), p.getKey());
            assertEquals(DataType.FLOAT32, w.getGradient().getDataType(), p.getKey());
            out.add(w.getGradient().toFloatArray());
        }
        return out;
    }

    private static void assertBf16CloseToFp32(AbstractBlock layer, Shape inputShape) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            layer.initialize(m, DataType.FLOAT32, inputShape);
            NDArray x = m.randomNormal(inputShape);
            Shape outShape = layer.getOutputShapes(new Shape[] {inputShape})[0];
            NDArray r = m.randomNormal(outShape);
            assertEquals(1, Precisions.apply(layer, Precision.FP32));
            List<float[]> fp32 = forwardBackward(layer, m, x, r);
            Precisions.apply(layer, Precision.BF16);
            List<float[]> bf16 = forwardBackward(layer, m, x, r);
            String[] what = {"output", "input gradient", "weight gradient", "bias gradient"};
            for (int i = 0; i < fp32.size(); i++) {
                double err = relativeError(bf16.get(i), fp32.get(i));
                assertTrue(err < 2e-2, what[i] + ": relative error " + err);
                if (i < 3) {
                    // The bias gradient is a sum of fp32 values either way; the others are not.
                    assertFalse(Arrays.equals(bf16.get(i), fp32.get(i)), what[i] + " unchanged");
                }
            }
            Precisions.apply(layer, Precision.FP32);
            assertArrayEquals(fp32.get(0), forwardBackward(layer, m, x, r).get(0), 0f,
                    "back in fp32, the layer computes exactly as before");
        }
    }

    @Test
    void linearInBf16MatchesFp32AndItsGradients() {
        assertBf16CloseToFp32(new MixedLinear(24), new Shape(16, 40));
    }

    @Test
    void convolutionInBf16MatchesFp32AndItsGradients() {
        assertBf16CloseToFp32(new MixedConv2d(6), new Shape(4, 3, 8, 8));
    }

    @Test
    void transposedConvolutionsInBf16MatchFp32AndTheirGradients() {
        assertBf16CloseToFp32(new TransposedConv2d(5, 2), new Shape(4, 6, 4, 4));
        assertBf16CloseToFp32(new TransposedConv2d(2, 1), new Shape(4, 6, 8, 8));
    }

    private static final VaeConfig CONV =
            VaeConfig.conv(1, 28, 28).withLatentDim(2);

    private static TrainOptions options(int epochs, int batch, Precision p) {
        return new TrainOptions(epochs, batch, 1e-3, OptimizerKind.ADAM, 0, 1, 3, 0)
                .withPrecision(p);
    }

    private static double firstStepLoss(VaeConfig config, ImageSet data, Precision p) {
        try (VaeModel m = VaeModel.create(config, 4)) {
            // One epoch of one batch: the reported loss is the step's, before its update.
            TrainingResult r = Families.trainer(m, options(1, data.size(), p), null, null, null)
                    .fit(data, null);
            return r.history().get(0).train().first();
        }
    }

    @Test
    void aBf16StepsLossIsWithinATenthOfAPercentOfFp32s() {
        ImageSet data = EmbeddedData.fashionMnistTest().first(64);
        for (VaeConfig c : List.of(VaeConfig.mlp(1, 28, 28), CONV)) {
            double fp32 = firstStepLoss(c, data, Precision.FP32);
            double bf16 = firstStepLoss(c, data, Precision.BF16);
            assertTrue(Math.abs(bf16 - fp32) < 1e-3 * fp32, c.architecture() + ": " + bf16
                    + " vs " + fp32);
            assertTrue(bf16 != fp32, c.architecture() + ": bf16 changed nothing");
        }
    }

    @Test
    void aBf16TrainedModelKeepsFp32WeightsAndLoadsAsAnFp32Model(@TempDir Path dir)
            throws Exception {
        ImageSet data = EmbeddedData.fashionMnistTest().first(300);
        VaeConfig config = VaeConfig.mlp(1, 28, 28).withHidden(List.of(64)).withLatentDim(4);
        TrainOptions o = options(2, 50, Precision.BF16);
        float[][] z = {{0.5f, -1f, 2f, 0f}, {0f, 0.25f, -0.5f, 1f}};
        float[][] inProcess;
        try (VaeModel m = VaeModel.create(config, 1)) {
            Families.trainer(m, o, null, null, null).fit(data, null);
            for (Pair<String, Parameter> p : m.block().getParameters()) {
                assertEquals(DataType.FLOAT32, p.getValue().getArray().getDataType(), p.getKey());
            }
            float[][] bf16 = m.decode(z);
            Precisions.apply(m.block(), Precision.FP32);
            inProcess = m.decode(z);
            assertFalse(Arrays.equals(bf16[0], inProcess[0]), "the decoder still ran in bf16");
            ModelStore.save(m, Provenance.now(o, data.source(), data.fingerprint(), 300, 0, 2,
                    1.0, null), dir);
        }
        try (SavedModel loaded = ModelStore.load(dir)) {
            float[][] decoded = ((VaeModel) loaded.model()).decode(z);
            for (int i = 0; i < z.length; i++) {
                assertArrayEquals(inProcess[i], decoded[i], 0f);
            }
        }
    }
}
