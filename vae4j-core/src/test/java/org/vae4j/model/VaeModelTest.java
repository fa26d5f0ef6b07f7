package org.vae4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.ElboMetrics;

/** The public array API of {@link VaeModel} on a tiny 8x8, latent-3 network. */
class VaeModelTest {

    private static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 8, 8).withLatentDim(3).withHidden(List.of(16));

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    static float[][] randomImages(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextInt(256) / 255f;
            }
        }
        return x;
    }

    static ImageSet randomSet(int n, int c, int h, int w, long seed) {
        byte[] p = new byte[n * c * h * w];
        new SplittableRandom(seed).nextBytes(p);
        return new ImageSet(p, n, c, h, w, null, "random " + c + "x" + h + "x" + w);
    }

    @Test
    void outputShapes() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            float[][] x = randomImages(5, 64, 1);
            Encoding e = model.encode(x);
            assertEquals(5, e.size());
            assertEquals(5, e.logvar().length);
            for (int i = 0; i < 5; i++) {
                assertEquals(3, e.mu()[i].length);
                assertEquals(3, e.logvar()[i].length);
            }
            float[][] decoded = model.decode(new float[4][3]);
            assertEquals(4, decoded.length);
            for (float[] row : decoded) {
                assertEquals(64, row.length);
            }
            float[][] samples = model.sample(6, 1);
            assertEquals(6, samples.length);
            assertEquals(64, samples[5].length);
            float[][] rec = model.reconstruct(x);
            assertEquals(5, rec.length);
            assertEquals(64, rec[0].length);
            // reconstruct is decode of the posterior mean: no noise involved.
            float[][] viaMu = model.decode(e.mu());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(viaMu[i], rec[i], 0f);
            }
        }
    }

    @Test
    void encodeAcrossTheInternalBatchBoundaryMatchesSingleImages() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            float[][] x = randomImages(1003, 64, 2);
            Encoding all = model.encode(x);
            assertEquals(1003, all.size());
            for (int i : new int[] {0, 999, 1000, 1002}) {
                Encoding one = model.encode(new float[][] {x[i]});
                assertArrayEquals(one.mu()[0], all.mu()[i], 1e-5f, "mu of image " + i);
                assertArrayEquals(one.logvar()[0], all.logvar()[i], 1e-5f, "logvar " + i);
            }
            assertEquals(1003, model.decode(all.mu()).length);
        }
    }

    @Test
    void sameSeedSameWeights() {
        float[][] x = randomImages(3, 64, 3);
        try (VaeModel a = VaeModel.create(CONFIG, 11);
                VaeModel b = VaeModel.create(CONFIG, 11);
                VaeModel c = VaeModel.create(CONFIG, 12)) {
            float[][] muA = a.encode(x).mu();
            float[][] muB = b.encode(x).mu();
            float[][] muC = c.encode(x).mu();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(muA[i], muB[i], 0f);
            }
            assertFalse(Arrays.equals(muA[0], muC[0]), "another seed gave the same weights");
        }
    }

    @Test
    void sampleIsDeterministicPerSeed() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            float[][] a = model.sample(4, 42);
            float[][] b = model.sample(4, 42);
            float[][] c = model.sample(4, 43);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(a[i], b[i], 0f, "same seed, sample " + i);
            }
            assertFalse(Arrays.equals(a[0], c[0]), "another seed gave the same sample");
            assertThrows(IllegalArgumentException.class, () -> model.sample(0, 1));
        }
    }

    @Test
    void decodeRejectsWrongLatentLength() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> model.decode(new float[][] {{0.1f, 0.2f, 0.3f}, {0.1f, 0.2f}}));
            String msg = e.getMessage();
            assertTrue(msg.matches(".*\\b1\\b.*\\b2 values\\b.*\\b3\\b.*"), msg);
            assertThrows(IllegalArgumentException.class,
                    () -> model.encode(new float[][] {new float[63]}));
        }
    }

    @Test
    void evaluateRejectsWrongShapeNamingBothShapes() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            ImageSet wrong = randomSet(4, 1, 4, 4, 1);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class,
                            () -> model.evaluate(wrong, 10, 1));
            assertTrue(e.getMessage().contains("1x4x4"), e.getMessage());
            assertTrue(e.getMessage().contains("1x8x8"), e.getMessage());
            ImageSet rgb = randomSet(4, 3, 8, 8, 1);
            IllegalArgumentException e2 =
                    assertThrows(IllegalArgumentException.class, () -> model.evaluate(rgb, 10, 1));
            assertTrue(e2.getMessage().contains("3x8x8"), e2.getMessage());
        }
    }

    @Test
    void evaluateIsReproducibleAndConsistent() {
        ImageSet data = randomSet(25, 1, 8, 8, 5);
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            ElboMetrics a = model.evaluate(data, 10, 3);
            ElboMetrics b = model.evaluate(data, 10, 3);
            assertEquals(a, b);
            assertEquals(25, a.images());
            assertEquals(a.reconstruction() + a.kl(), a.negElbo(), 1e-9);
            assertTrue(a.kl() > 0, "KL of an untrained encoder is positive: " + a.kl());
            // An untrained decoder has logits near 0: about ln 2 nats per pixel.
            assertEquals(64 * Math.log(2), a.reconstruction(), 64 * 0.5);
            assertThrows(IllegalArgumentException.class, () -> model.evaluate(data, 0, 3));
        }
    }

    @Test
    void parameterCountMatchesHandCount() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            long byHand = 64 * 16 + 16 + 16 * 6 + 6 + 3 * 16 + 16 + 16 * 64 + 64;
            assertEquals(2294, byHand);
            assertEquals(byHand, model.parameterCount());
        }
    }

    @Test
    void decodedValuesAreProbabilities() {
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            float[][] z = {{0, 0, 0}, {100, -100, 50}, {-1e4f, 1e4f, 3}};
            List<float[][]> outputs =
                    List.of(model.decode(z), model.sample(20, 9),
                            model.reconstruct(randomImages(5, 64, 4)));
            for (float[][] out : outputs) {
                for (float[] row : out) {
                    for (float v : row) {
                        assertTrue(v >= 0f && v <= 1f, "value outside [0, 1]: " + v);
                    }
                }
            }
        }
    }
}
