package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.engine.EngineSetup;

/**
 * The transposed convolution against hand-computed outputs, against the adjoint of DJL's own
 * (forward) convolution, and through autograd.
 */
class TransposedConv2dTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static TransposedConv2d layer(NDManager m, int cin, int cout, int h, int w) {
        return layer(m, cin, cout, h, w, 2);
    }

    private static TransposedConv2d layer(NDManager m, int cin, int cout, int h, int w,
            int stride) {
        TransposedConv2d t = new TransposedConv2d(cout, stride);
        t.initialize(m, DataType.FLOAT32, new Shape(1, cin, h, w));
        return t;
    }

    private static void set(TransposedConv2d t, String name, NDArray value) {
        Parameter p = t.getParameters().get(name);
        p.getArray().subi(p.getArray()).addi(value);
    }

    @Test
    void oneInputPixelSpreadsTheKernelAsPyTorchDoes() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransposedConv2d t = layer(m, 1, 1, 1, 1);
            float[] k = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            set(t, "weight", m.create(k, new Shape(1, 1, 3, 3)));
            set(t, "bias", m.create(new float[] {0.5f}));
            NDArray x = m.create(new float[] {2f}, new Shape(1, 1, 1, 1));
            NDArray y = t.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            assertEquals(new Shape(1, 1, 2, 2), y.getShape());
            // Output (oy, ox) = x * k[oy + 1][ox + 1] + bias (padding 1 crops the kernel's first
            // row and column; output padding 1 keeps the 2x2 result).
            assertArrayEquals(new float[] {2 * 5 + 0.5f, 2 * 6 + 0.5f, 2 * 8 + 0.5f, 2 * 9 + 0.5f},
                    y.toFloatArray(), 1e-6f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void isTheAdjointOfTheConvolutionWithTheSameStride(int stride) {
        // <convT(x, W), y> = <x, conv(y, W)> for conv with the same stride, padding 1 and W.
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            int cin = 3;
            int cout = 4;
            TransposedConv2d t = layer(m, cin, cout, 5, 6, stride);
            set(t, "bias", m.zeros(new Shape(cout)));
            NDArray w = t.getParameters().get("weight").getArray();
            NDArray x = m.randomNormal(new Shape(2, cin, 5, 6));
            NDArray y = m.randomNormal(new Shape(2, cout, 5 * stride, 6 * stride));
            NDArray tx = t.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow();
            assertEquals(y.getShape(), tx.getShape());
            NDArray cy = Conv2d.conv2d(y, w, m.zeros(new Shape(cin)), new Shape(stride, stride),
                    new Shape(1, 1)).singletonOrThrow();
            assertEquals(x.getShape(), cy.getShape());
            double lhs = tx.mul(y).sum().getFloat();
            double rhs = x.mul(cy).sum().getFloat();
            assertEquals(lhs, rhs, 1e-4 * Math.abs(lhs) + 1e-4);
        }
    }

    @Test
    void gradientsReachInputWeightAndBias() {
        // L = <convT(x, W) + b, y>: dL/dx = conv(y, W), dL/db[o] = sum of y over channel o.
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            TransposedConv2d t = layer(m, 2, 3, 4, 4);
            NDArray w = t.getParameters().get("weight").getArray();
            NDArray x = m.randomNormal(new Shape(1, 2, 4, 4));
            x.setRequiresGradient(true);
            NDArray y = m.randomNormal(new Shape(1, 3, 8, 8));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = t.forward(new ParameterStore(m, false), new NDList(x), true)
                        .singletonOrThrow();
                gc.backward(out.mul(y).sum());
            }
            NDArray expectedDx = Conv2d.conv2d(y, w, m.zeros(new Shape(2)),
                    new Shape(2, 2), new Shape(1, 1)).singletonOrThrow();
            assertArrayEquals(expectedDx.toFloatArray(), x.getGradient().toFloatArray(), 1e-4f);
            NDArray db = t.getParameters().get("bias").getArray().getGradient();
            assertArrayEquals(y.sum(new int[] {0, 2, 3}).toFloatArray(), db.toFloatArray(), 1e-4f);
            float wGradNorm = t.getParameters().get("weight").getArray().getGradient()
                    .abs().sum().getFloat();
            assertEquals(true, wGradNorm > 0, "weight gradient is zero");
        }
    }
}
