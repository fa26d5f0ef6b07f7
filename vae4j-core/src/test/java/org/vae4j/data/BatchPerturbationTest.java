package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;

/** {@link BatchSource#perturbing}: the background-model training input of the likelihood ratio. */
class BatchPerturbationTest {

    private static final float GRAY = 128 / 255f;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static ImageSet gray(int n) {
        byte[] px = new byte[n * 784];
        Arrays.fill(px, (byte) 128);
        return new ImageSet(px, n, 1, 28, 28, null, "gray");
    }

    private static float[] batch(double mu, Binarization b, int seed) {
        EngineSetup.engine().setRandomSeed(seed);
        BatchSource s = BatchSource.of(gray(100), 100, b, 0).perturbing(mu);
        try (NDManager m = NDManager.newBaseManager()) {
            return s.batch(m, 0).x().toFloatArray();
        }
    }

    @Test
    void replacesAShareMuOfValuesByUniformNoise() {
        float[] x = batch(0.3, Binarization.NONE, 5);
        int replaced = 0;
        double sum = 0;
        for (float v : x) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
            if (v != GRAY) {
                replaced++;
                sum += v;
            }
        }
        // 78,400 values: the share is 0.3 within 5 standard deviations (0.0016 each).
        assertEquals(0.3, replaced / (double) x.length, 0.01);
        assertEquals(0.5, sum / replaced, 0.01, "uniform noise has mean 1/2");
    }

    @Test
    void seededAndOffByDefault() {
        assertArrayEquals(batch(0.3, Binarization.NONE, 5), batch(0.3, Binarization.NONE, 5));
        float[] clean = batch(0, Binarization.NONE, 5);
        for (float v : clean) {
            assertEquals(GRAY, v);
        }
    }

    @Test
    void perturbsBeforeDynamicBinarization() {
        for (float v : batch(0.5, Binarization.DYNAMIC, 3)) {
            assertTrue(v == 0 || v == 1, "binarized model inputs stay 0/1, got " + v);
        }
    }

    @Test
    void refusesShareOutsideZeroToOne() {
        BatchSource s = BatchSource.of(gray(2), 2, Binarization.NONE, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.perturbing(1.0));
        assertEquals("perturb must be in [0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.perturbing(Double.NaN));
    }
}
