package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

/**
 * Gradients must not depend on garbage collection between forward and backward. With DJL's
 * {@code array.mul(0.5f)} the saved scalar lives in a Java buffer that the GC may free and reuse
 * before {@code backward()}; {@link Scalars} tensors are owned by libtorch. This test collects
 * garbage and refills freed small blocks with a large value between the two passes.
 */
class ScalarsTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    /** Frees unreachable direct buffers and refills small native blocks with 1e6. */
    private static List<ByteBuffer> churnNativeMemory() throws InterruptedException {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 4))
                        .order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(1e6f);
                }
                keep.add(b);
            }
        }
        return keep;
    }

    @Test
    void klGradientSurvivesGarbageCollection() throws InterruptedException {
        float[] lv = {-1f, 0f, 0.5f, 2f};
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray logvar = m.create(lv, new Shape(1, 4));
            NDArray mu = m.zeros(new Shape(1, 4));
            logvar.setRequiresGradient(true);
            List<ByteBuffer> keep;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                NDArray kl = Elbo.klStandardNormal(mu, logvar).sum();
                // Make the reparameterization's scalar part of the same graph.
                NDArray z = VaeBlock.reparameterize(mu, logvar);
                NDArray loss = kl.add(z.mul(m.zeros(new Shape(1, 4))).sum());
                keep = churnNativeMemory();
                gc.backward(loss);
            }
            float[] grad = logvar.getGradient().toFloatArray();
            for (int j = 0; j < lv.length; j++) {
                // d/dlogvar 0.5 (mu^2 + e^lv - 1 - lv) = 0.5 (e^lv - 1)
                assertEquals(0.5 * (Math.exp(lv[j]) - 1), grad[j], 1e-5, "dKL/dlogvar[" + j + "]");
            }
            assertEquals(10000, keep.size());
        }
    }
}
