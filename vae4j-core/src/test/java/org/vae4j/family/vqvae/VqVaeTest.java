package org.vae4j.family.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.Families;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.model.DiscreteCoder;
import org.vae4j.model.Likelihood;
import org.vae4j.model.Metrics;
import org.vae4j.model.Sampler;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;

/** The VQ-VAE's pieces by hand, and the family's model trained, saved and loaded. */
class VqVaeTest {

    /** 8×8 grey images, a 2×2 grid of 4-vectors, 16 codes. */
    static final VqVaeConfig TINY = new VqVaeConfig(1, 8, 8, List.of(8, 4), 16, 4, 0.25, 0.99,
            3, Likelihood.GAUSSIAN, 0.25, Binarization.NONE);

    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    @Test
    void quantisationPicksTheNearestCode() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray codes = m.create(new float[][] {{0, 0}, {1, 0}, {0, 2}});
            NDArray z = m.create(new float[][] {{0.1f, 0.1f}, {0.9f, -0.2f}, {0.2f, 1.4f},
                {0.6f, 0f}, {-3f, 5f}});
            // Squared distances: (0.6, 0) is 0.36 from code 0 and 0.16 from code 1; (0.2, 1.4)
            // is 2.0, 2.6 and 0.4 from codes 0, 1, 2; (-3, 5) is 34, 41, 18.
            assertArrayEquals(new long[] {0, 1, 2, 1, 2},
                    Codebook.nearest(z, codes).toLongArray());
        }
    }

    @Test
    void straightThroughHasTheCodesValueAndPassesTheGradientUnchanged() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray z = m.create(new float[][] {{0.3f, -1f}, {2f, 0.5f}});
            z.setRequiresGradient(true);
            NDArray q = m.create(new float[][] {{0f, -1f}, {1f, 1f}});
            NDArray w = m.create(new float[][] {{1f, 2f}, {-3f, 0.5f}});
            NDArray st;
            try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
                st = Codebook.straightThrough(z, q);
                gc.backward(st.mul(w).sum());
            }
            assertArrayEquals(q.toFloatArray(), st.toFloatArray(), 1e-7f);
            // d(Σ w·st)/dz = w: the quantisation's step function is skipped.
            assertArrayEquals(w.toFloatArray(), z.getGradient().toFloatArray(), 1e-7f);
        }
    }

    @Test
    void emaUpdateMatchesAHandComputation() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            NDArray count = m.create(new float[] {1, 3});
            NDArray sum = m.create(new float[][] {{1, 0}, {0, 3}});
            NDArray embedding = m.create(new float[][] {{1, 0}, {0, 1}});
            NDArray z = m.create(new float[][] {{2, 0}, {0, 2}, {1, 1}});
            NDArray assign = m.create(new float[][] {{1, 0}, {0, 1}, {1, 0}});
            Codebook.emaUpdate(count, sum, embedding, z, assign, 0.5f, 0.1f);
            // n = (2, 1): N = 0.5 (1, 3) + 0.5 (2, 1) = (1.5, 2), sum 3.5.
            assertArrayEquals(new float[] {1.5f, 2f}, count.toFloatArray(), 1e-6f);
            // Σ z per code: (3, 1) and (0, 2); m = 0.5 m + 0.5 Σ z.
            assertArrayEquals(new float[] {2f, 0.5f, 0f, 2.5f}, sum.toFloatArray(), 1e-6f);
            // Ñ = (N + 0.1) / (3.5 + 2·0.1) · 3.5 = (5.6, 7.35) / 3.7; e = m / Ñ.
            assertArrayEquals(new float[] {
                2f * 3.7f / 5.6f, 0.5f * 3.7f / 5.6f, 0f, 2.5f * 3.7f / 7.35f},
                    embedding.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void aCodeUnusedForTheThresholdIsRestartedFromAnEncoderOutput() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            Codebook book = new Codebook(3, 2, false);
            book.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            float[] before = book.embedding().toFloatArray();
            NDArray used = m.create(new float[] {4, 0, 1});
            float[] idle = null;
            for (int step = 0; step < 3; step++) {
                idle = book.countIdle(used);
            }
            assertArrayEquals(new float[] {0, 3, 0}, idle);
            NDArray z = m.create(new float[][] {{5, 6}, {7, 8}, {9, 10}});
            assertArrayEquals(new int[0], book.restartDead(z, idle, 4, new Random(1)));
            assertArrayEquals(new int[] {1}, book.restartDead(z, idle, 3, new Random(1)));
            float[] after = book.embedding().toFloatArray();
            assertEquals(before[0], after[0]);
            assertEquals(before[5], after[5]);
            int row = -1;
            for (int r = 0; r < 3; r++) {
                if (after[2] == 5 + 2 * r && after[3] == 6 + 2 * r) {
                    row = r;
                }
            }
            assertTrue(row >= 0, "code 1 is now an encoder output, got (" + after[2] + ", "
                    + after[3] + ")");
            assertArrayEquals(new float[] {0, 0, 0},
                    book.countIdle(m.create(new float[] {1, 1, 1})));
        }
    }

    @Test
    void usageAndPerplexityCoverTheWholeEpoch() {
        assertEquals(0.5, VqMetrics.usage(new double[] {2, 2, 0, 0}), 0);
        assertEquals(2.0, VqMetrics.perplexity(new double[] {2, 2, 0, 0}), 1e-12);
        assertEquals(Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))),
                VqMetrics.perplexity(new double[] {3, 1}), 1e-12);
        assertEquals(1.0, VqMetrics.perplexity(new double[] {0, 7, 0}), 1e-12);
        // Two batches that each use one code (perplexity 1 per batch): over the epoch two codes
        // are used equally, perplexity 2.
        VqVaeConfig c = new VqVaeConfig(1, 4, 4, List.of(8, 4), 4, 2, 0.25, 0.99, 0,
                Likelihood.GAUSSIAN, 0.25, Binarization.NONE);
        // Sums: loss, squared error, commitment, Σ x, Σ x², then the 4 code counts.
        double[] batch1 = {10, 1.6, 0.5, 8, 4, 4, 0, 0, 0};
        double[] batch2 = {20, 1.6, 1.5, 8, 8, 0, 0, 4, 0};
        double[] epoch = new double[9];
        for (int i = 0; i < 9; i++) {
            epoch[i] = batch1[i] + batch2[i];
        }
        Metrics one = VqMetrics.of(batch1, 1, c);
        assertEquals(1.0, one.get("perplexity"), 1e-12);
        Metrics both = VqMetrics.of(epoch, 2, c);
        assertEquals(VqMetrics.NAMES, both.names());
        assertEquals(15, both.get("loss"), 1e-12);
        // 32 pixels: mse 3.2 / 32 = 0.1; mean 16 / 32 = 0.5, E[x²] 12 / 32, variance 0.125.
        assertEquals(0.1, both.get("mse"), 1e-12);
        assertEquals(0.8, both.get("normalized_mse"), 1e-12);
        // 2 images of 1 cell × 2 values: 2 / 4.
        assertEquals(0.5, both.get("commitment"), 1e-12);
        assertEquals(0.5, both.get("codebook_usage"), 1e-12);
        assertEquals(2.0, both.get("perplexity"), 1e-12);
    }

    @Test
    void configRefusesBadValuesNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> new VqVaeConfig(1, 30, 28,
                List.of(8, 4), 16, 4, 0.25, 0.99, 3, Likelihood.GAUSSIAN, 0.25,
                Binarization.NONE));
        assertTrue(e.getMessage().contains("divisible by 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VqVaeConfig(1, 8, 8,
                List.of(8, 4), 0, 4, 0.25, 0.99, 3, Likelihood.GAUSSIAN, 0.25,
                Binarization.NONE));
        assertTrue(e.getMessage().startsWith("codebookSize must be in [1, 65536], got 0"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VqVaeConfig(1, 8, 8,
                List.of(8, 4), 16, 4, 0.25, 1.0, 3, Likelihood.GAUSSIAN, 0.25,
                Binarization.NONE));
        assertTrue(e.getMessage().startsWith("emaDecay must be in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VqVaeConfig(1, 8, 8,
                List.of(8), 16, 4, 0.25, 0.9, 3, Likelihood.GAUSSIAN, 0.25,
                Binarization.NONE));
        assertTrue(e.getMessage().startsWith("hidden must be two widths"), e.getMessage());
    }

    static ImageSet images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 64];
        for (int i = 0; i < n; i++) {
            // A bright square at a random place on a dark ground, some noise.
            int a = r.nextInt(5);
            int b = r.nextInt(5);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean on = y >= a && y < a + 4 && x >= b && x < b + 4;
                    px[i * 64 + y * 8 + x] = (byte) ((on ? 200 : 20) + r.nextInt(40));
                }
            }
        }
        return new ImageSet(px, n, 1, 8, 8, null, "squares");
    }

    @Test
    void trainsSavesAndLoadsToIdenticalReconstructionsAndCodes() throws Exception {
        ImageSet train = images(128, 3);
        ImageSet val = images(64, 4);
        TrainOptions options = new TrainOptions(2, 32, 1e-3,
                org.vae4j.train.OptimizerKind.ADAM, 0, 1, 7, 0.1);
        float[][] x = val.toRows(null);
        Path dir = tmp.resolve("model");
        float[][] rec;
        int[][] codes;
        float[] embedding;
        try (VqVaeModel model = VqVaeModel.create(TINY, 7)) {
            float[] init = model.block().codebook().embedding().toFloatArray();
            TrainingResult r = Families.trainer(model, options, null, null, null)
                    .fit(train, val);
            EpochMetrics last = r.history().get(1);
            assertEquals(VqMetrics.NAMES, last.train().names());
            assertTrue(last.validation().get("codebook_usage") > 0);
            assertTrue(Double.isFinite(last.validation().get("perplexity")));
            embedding = model.block().codebook().embedding().toFloatArray();
            assertNotEquals(init[0], embedding[0], "k-means replaced the random codebook");
            assertTrue(model.block().codebook().ready());
            rec = model.reconstruct(x);
            codes = model.encodeIndices(x, null);
            assertArrayEquals(codes, model.encode(x, null).indices());
            // Decoding a grid of indices is decoding the quantised map.
            float[][] viaIndices = model.decodeIndices(codes, null);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(rec[i], viaIndices[i], 1e-6f);
            }
            ModelStore.save(model, Provenance.now(options, "squares", "sha256:0", 116, 12, 2,
                    1.0, last), dir);
        }
        try (SavedModel saved = ModelStore.load(dir)) {
            VqVaeModel loaded = (VqVaeModel) saved.model();
            assertArrayEquals(embedding, loaded.block().codebook().embedding().toFloatArray());
            assertTrue(loaded.block().codebook().ready(), "the EMA state travels with the model");
            float[][] again = loaded.reconstruct(x);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(rec[i], again[i], 0f);
            }
            assertArrayEquals(codes, loaded.encodeIndices(x, null));
            DiscreteCoder coder = loaded.as(DiscreteCoder.class);
            assertArrayEquals(new int[] {2, 2}, coder.gridShape());
            assertEquals(16, coder.codebookSize());
            assertEquals(16, coder.codebook().length);
            try (NDManager m = loaded.manager().newSubManager()) {
                NDArray idx = coder.encodeIndices(m.create(x[0], new Shape(1, 64)));
                assertEquals(new Shape(1, 2, 2), idx.getShape());
                assertArrayEquals(codes[0], toInts(idx.toLongArray()));
                assertArrayEquals(rec[0], coder.decodeIndices(idx).toFloatArray(), 1e-6f);
            }
            assertTrue(!loaded.can(Sampler.class));
            assertTrue(loaded.lacks(Sampler.class).contains("vae4j train-prior --run RUN"));
            var bad = assertThrows(IllegalArgumentException.class,
                    () -> loaded.decodeIndices(new int[][] {{0, 1, 2, 16}}, null));
            assertTrue(bad.getMessage().contains("got 16"), bad.getMessage());
        }
    }

    private static int[] toInts(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (int) a[i];
        }
        return out;
    }
}
