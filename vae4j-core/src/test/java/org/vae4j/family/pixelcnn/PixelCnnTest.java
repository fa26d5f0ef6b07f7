package org.vae4j.family.pixelcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.CodeGrids;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.Families;
import org.vae4j.family.pixelcnn.MaskedConv.Mask;
import org.vae4j.io.Checkpoint;
import org.vae4j.io.CheckpointHeader;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
import org.vae4j.train.CheckpointSink;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;

/** The gated PixelCNN prior: causality of its masks, its loss, sampling, save/load, resume. */
class PixelCnnTest {

    /** 4×4 grids over 5 codes, 3 layers of 8 channels: 3 layers of 3×3 reach every cell. */
    private static final PixelCnnConfig SMALL = new PixelCnnConfig(5, 4, 4, 8, 3, 3, 0, null);

    @TempDir Path tmp;

    @Test
    void masksKeepTheRightTaps() {
        // 3×3, centre (1, 1): rows above for A, plus the centre row for B; 1×3: left of centre.
        assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0},
                MaskedConv.mask(3, 3, Mask.VERTICAL_A));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 0},
                MaskedConv.mask(3, 3, Mask.VERTICAL_B));
        assertArrayEquals(new float[] {1, 0, 0}, MaskedConv.mask(1, 3, Mask.HORIZONTAL_A));
        assertArrayEquals(new float[] {1, 1, 0}, MaskedConv.mask(1, 3, Mask.HORIZONTAL_B));
    }

    /**
     * Changing cell p changes no logit at a cell ≤ p (raster order) and does change those of
     * cell p + 1; and every earlier cell reaches the last one (no blind spot, in particular the
     * cells up and to the right, which the ungated PixelCNN's stacked masks never see).
     */
    @Test
    void logitsAtACellDependOnEarlierCellsOnly() {
        causalAndComplete(SMALL);
    }

    /** The default depth and kernel see every earlier cell of a VQ-VAE's 7×7 grid. */
    @Test
    void theDefaultShapeSeesAllOfA7x7GridsPast() {
        causalAndComplete(new PixelCnnConfig(5, 7, 7, 8, PixelCnnConfig.DEFAULT_LAYERS,
                PixelCnnConfig.DEFAULT_KERNEL, 0, null));
    }

    private static void causalAndComplete(PixelCnnConfig config) {
        int cells = config.cells();
        try (PixelCnnModel model = PixelCnnModel.create(config, 3)) {
            float[] base = randomGrid(new Random(5), cells, config.codebookSize());
            float[] before = logits(model, base);
            int k = config.codebookSize();
            for (int p = 0; p < cells; p++) {
                float[] changed = base.clone();
                changed[p] = (changed[p] + 1) % k;
                float[] after = logits(model, changed);
                for (int q = 0; q < cells; q++) {
                    double diff = maxDiff(before, after, q, k, cells);
                    if (q <= p) {
                        assertTrue(diff < 1e-5, "cell " + q + " saw a change at cell " + p
                                + ": " + diff);
                    } else if (q == p + 1) {
                        assertTrue(diff > 1e-4, "cell " + q + " missed a change at cell " + p
                                + ": " + diff);
                    }
                }
                double last = maxDiff(before, after, cells - 1, k, cells);
                if (p < cells - 1) {
                    assertTrue(last > 1e-5, "the last cell is blind to cell " + p + ": " + last);
                }
            }
        }
    }

    /** Sampling runs the network on rows 0..r only: those logits equal the full grid's. */
    @Test
    void theFirstRowsAloneGiveTheFullGridsLogitsThere() {
        int w = SMALL.width();
        int k = SMALL.codebookSize();
        try (PixelCnnModel model = PixelCnnModel.create(SMALL, 4);
                NDManager m = model.manager().newSubManager()) {
            float[] grid = randomGrid(new Random(6), SMALL.cells(), k);
            NDArray x = m.create(grid, new Shape(1, grid.length));
            NDArray full = model.logits(x, null, false); // [1, K, h, w]
            for (int rows = 1; rows <= SMALL.height(); rows++) {
                NDArray part = model.block().logits(model.parameterStore(),
                        x.get(":, 0:" + rows * w), null, false, rows);
                assertArrayEquals(new long[] {1, k, rows, w}, part.getShape().getShape());
                float[] want = full.get(":, :, 0:" + rows + ", :").toFloatArray();
                float[] got = part.toFloatArray();
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, "rows " + rows + ", value " + i);
                }
            }
        }
    }

    @Test
    void lossIsTheCrossEntropyOfTheCodes() {
        try (NDManager m = EngineSetup.engine().newBaseManager()) {
            // Uniform logits: log K nats per code.
            NDArray zeros = m.zeros(new Shape(2, 7, 3, 3));
            NDArray idx = m.create(new float[18], new Shape(2, 9));
            float[] nll = PixelCnnModel.nll(zeros, idx).toFloatArray();
            assertEquals(9 * Math.log(7), nll[0], 1e-4);
            assertEquals(9 * Math.log(7), nll[1], 1e-4);
            // One 1×2 grid over K = 3: logits (1, 2, 3) with code 2, then (0, 0, ln 2) with code 0.
            NDArray logits = m.create(new float[] {1, 0, 2, 0, 3, (float) Math.log(2)},
                    new Shape(1, 3, 1, 2));
            NDArray codes = m.create(new float[] {2, 0}, new Shape(1, 2));
            double first = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
            double second = Math.log(1 + 1 + 2) - 0;
            assertEquals(first + second, PixelCnnModel.nll(logits, codes).getFloat(), 1e-5);
        }
    }

    @Test
    void samplesRepeatForASeedAndSurviveSaveAndLoad() throws IOException {
        PixelCnnConfig conditional = new PixelCnnConfig(5, 3, 3, 8, 2, 3, 3, null);
        int[] labels = {0, 1, 2, 0, 1};
        try (PixelCnnModel model = PixelCnnModel.create(conditional, 11)) {
            int[][] a = model.sample(5, labels, 1.0, 42);
            assertArrayEquals(a, model.sample(5, labels, 1.0, 42));
            int[][] other = model.sample(5, labels, 1.0, 43);
            assertFalse(java.util.Arrays.deepEquals(a, other), "seed 43 drew seed 42's grids");
            for (int[] g : a) {
                for (int code : g) {
                    assertTrue(code >= 0 && code < 5, "code " + code);
                }
            }
            byte[] bytes = ModelStore.parameterBytes(model);
            try (var loaded = ModelStore.readParameters("test", bytes, conditional,
                    Device.cpu())) {
                assertArrayEquals(a, ((PixelCnnModel) loaded).sample(5, labels, 1.0, 42));
            }
            assertThrows(IllegalArgumentException.class, () -> model.sample(5, null, 1.0, 1));
            assertThrows(IllegalArgumentException.class, () -> model.sample(5, labels, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> model.sample(5, labels, 10.5, 1));
        }
    }

    @Test
    void aLowTemperatureDrawsTheLikeliestCode() {
        float[] logits = {0, 3, 1};
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertEquals(1, PixelCnnModel.draw(logits, 0, 3, 0.01, r));
        }
    }

    /** Two epochs straight versus one, a checkpoint, and a resume: identical parameters. */
    @Test
    void resumeIsExact() throws IOException {
        PixelCnnConfig config = new PixelCnnConfig(4, 3, 3, 8, 2, 3, 2, null);
        CodeGrids train = grids(40, config, 1);
        CodeGrids validation = grids(10, config, 2);
        TrainOptions two = new TrainOptions(2, 16, 3e-3, OptimizerKind.ADAM, 0, 1, 9, 0.1);
        byte[] straight;
        double straightVal;
        try (PixelCnnModel model = PixelCnnModel.create(config, two.seed())) {
            TrainingResult r = Families.trainer(model, two, null, null, null)
                    .fit(train, validation);
            straight = ModelStore.parameterBytes(model);
            straightVal = r.last().validation("nats_per_code");
            assertTrue(straightVal < Math.log(4), "no better than uniform: " + straightVal);
            assertEquals(straightVal / Math.log(2), r.last().validation("bits_per_code"), 1e-9);
        }
        RunDirectory dir = new RunDirectory(tmp.resolve("prior"));
        TrainOptions one = two.withEpochs(1);
        try (PixelCnnModel model = PixelCnnModel.create(config, two.seed())) {
            Families.trainer(model, one, null, sink(dir, one, train, validation), null)
                    .fit(train, validation);
        }
        try (Checkpoint ck = Checkpoint.read(dir.checkpoint(), Device.cpu());
                NDManager m = EngineSetup.engine().newBaseManager()) {
            CheckpointHeader h = ck.header();
            assertEquals(train.fingerprint(), h.dataFingerprint());
            TrainingResult r = Families.trainer(ck.model(), two, null, null, null)
                    .resume(train, validation, h.progress(), ck.optimizerState(m));
            assertArrayEquals(straight, ModelStore.parameterBytes(ck.model()),
                    "resumed parameters differ");
            assertEquals(straightVal, r.last().validation("nats_per_code"), 0.0);
        }
    }

    @Test
    void configRefusesBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PixelCnnConfig(512, 7, 7, 64, 8, 4, 0, null));
        assertEquals("kernel must be odd, got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PixelCnnConfig(512, 7, 7, 0, 8, 3, 0, null));
        assertEquals("filters must be in [1, 1024], got 0", e.getMessage());
    }

    private static CheckpointSink sink(RunDirectory dir, TrainOptions o, CodeGrids train,
            CodeGrids validation) {
        return dir.sink(o, train.source(), train.fingerprint(), train.size(), validation.size());
    }

    /** Grids with structure to learn: each row repeats one label-dependent code, with noise. */
    private static CodeGrids grids(int n, PixelCnnConfig c, long seed) {
        Random r = new Random(seed);
        int[][] g = new int[n][c.cells()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(c.classes());
            for (int j = 0; j < c.cells(); j++) {
                g[i][j] = r.nextInt(5) == 0 ? r.nextInt(c.codebookSize()) : labels[i];
            }
        }
        return new CodeGrids(g, c.height(), c.width(), c.codebookSize(), labels, "test grids");
    }

    private static float[] randomGrid(Random r, int cells, int k) {
        float[] g = new float[cells];
        for (int i = 0; i < cells; i++) {
            g[i] = r.nextInt(k);
        }
        return g;
    }

    /** Logits {@code [K, h·w]} of one grid, flattened. */
    private static float[] logits(PixelCnnModel model, float[] grid) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(grid, new Shape(1, grid.length));
            return model.logits(x, null, false).toFloatArray();
        }
    }

    private static double maxDiff(float[] a, float[] b, int cell, int k, int cells) {
        double d = 0;
        for (int i = 0; i < k; i++) {
            d = Math.max(d, Math.abs(a[i * cells + cell] - b[i * cells + cell]));
        }
        return d;
    }
}
