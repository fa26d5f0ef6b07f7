package org.vae4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.Elbo;

/** KL annealing schedules and free bits against values computed by hand. */
class KlScheduleTest {

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static TrainOptions options(int epochs, double beta, double warmup, int cycles,
            double freeBits) {
        return new TrainOptions(epochs, 8, 1e-3, OptimizerKind.ADAM, 0, beta, 1, 0, warmup,
                cycles, freeBits);
    }

    @Test
    void linearWarmupReachesBetaAfterItsEpochs() {
        TrainOptions o = options(5, 2.0, 2, 0, 0);
        // 10 steps per epoch: weight = beta * (step + 1) / 20 until step 19.
        assertEquals(2.0 * 1 / 20, o.klWeight(0, 10), 1e-12);
        assertEquals(2.0 * 10 / 20, o.klWeight(9, 10), 1e-12);
        assertEquals(2.0, o.klWeight(19, 10), 1e-12);
        assertEquals(2.0, o.klWeight(35, 10), 1e-12);
    }

    @Test
    void cyclicalAnnealingRestartsEveryCycle() {
        TrainOptions o = options(4, 1.0, 0, 2, 0);
        // 40 steps in 2 cycles of 20: rising over steps 0..9, flat at 1 over 10..19, restart.
        assertEquals(0.0, o.klWeight(0, 10), 1e-12);
        assertEquals(0.5, o.klWeight(5, 10), 1e-12);
        assertEquals(1.0, o.klWeight(10, 10), 1e-12);
        assertEquals(1.0, o.klWeight(19, 10), 1e-12);
        assertEquals(0.0, o.klWeight(20, 10), 1e-12);
        assertEquals(0.5, o.klWeight(25, 10), 1e-12);
    }

    @Test
    void noScheduleMeansConstantBeta() {
        TrainOptions o = options(3, 4.0, 0, 0, 0);
        assertEquals(4.0, o.klWeight(0, 10), 0);
        assertEquals(4.0, o.klWeight(29, 10), 0);
    }

    @Test
    void badSchedulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> options(3, 1, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> options(3, 1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> options(3, 1, 0, -2, 0));
        assertThrows(IllegalArgumentException.class, () -> options(3, 1, 0, 0, -0.5));
    }

    @Test
    void freeBitsFloorEachUnitAndStopItsGradient() {
        // Two images, two units. Unit 0: mu = (2, 0), logvar = 0 -> KL (2, 0), batch mean 1.
        // Unit 1: mu = (0.1, 0.1) -> KL 0.005 each, mean 0.005 < lambda = 0.5.
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray mu = m.create(new float[] {2f, 0.1f, 0f, 0.1f}, new Shape(2, 2));
            NDArray logvar = m.zeros(new Shape(2, 2));
            mu.setRequiresGradient(true);
            NDArray value;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                value = Elbo.klWithFreeBits(mu, logvar, 0.5);
                gc.backward(value);
            }
            assertEquals(1.0 + 0.5, value.getFloat(), 1e-6);
            float[] g = mu.getGradient().toFloatArray();
            // d/dmu of mean_b 0.5 mu^2 = mu / 2 for unit 0; unit 1 is floored: no gradient.
            assertEquals(1.0, g[0], 1e-6);
            assertEquals(0.0, g[2], 1e-6);
            assertEquals(0.0, g[1], 0);
            assertEquals(0.0, g[3], 0);
        }
    }
}
