package org.vae4j.family.pixelcnn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.OneHot;
import org.vae4j.model.BlockModel;
import org.vae4j.model.Metrics;
import org.vae4j.model.Sampler;

/**
 * A trained or fresh gated PixelCNN prior over code grids: {@code p(k) = Π_p p(k_p | k_{<p},
 * y)} in raster order. It scores grids (cross-entropy, nats and bits per code) and draws them
 * cell by cell; it draws no images itself: a VQ-VAE run with a prior decodes its grids.
 */
public final class PixelCnnModel extends BlockModel<PixelCnnConfig> {

    /** The metrics: mean cross-entropy per code, in nats and in bits. */
    static final List<String> METRICS = List.of("nats_per_code", "bits_per_code");

    /** The largest temperature {@link #sample} accepts. */
    public static final double MAX_TEMPERATURE = 10;

    private static final int SAMPLE_BATCH = 256;

    private PixelCnnModel(PixelCnnConfig config, NDManager manager, PixelCnnBlock block) {
        super(config, manager, block);
    }

    static PixelCnnModel create(PixelCnnConfig config, long seed) {
        return initialised(seed, Device.cpu(), config.inputSize(), () -> new PixelCnnBlock(config),
                (m, b) -> new PixelCnnModel(config, m, b));
    }

    static PixelCnnModel read(PixelCnnConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return loaded(in, device, config.inputSize(), () -> new PixelCnnBlock(config),
                (m, b) -> new PixelCnnModel(config, m, b));
    }

    @Override
    public PixelCnnBlock block() {
        return (PixelCnnBlock) super.block();
    }

    /**
     * The logits of every cell of a batch of grids.
     *
     * @param indices {@code [B, h·w]} (any number type)
     * @param y one-hot labels {@code [B, classes]}, or null for an unconditional prior
     * @param training whether gradients are recorded
     * @return {@code [B, K, h, w]}
     */
    public NDArray logits(NDArray indices, NDArray y, boolean training) {
        return block().logits(parameterStore(), indices, y, training);
    }

    /**
     * The cross-entropy of each grid, {@code -Σ_p log softmax(logits[:, p])[k_p]}, in nats.
     *
     * @param logits {@code [B, K, h, w]}
     * @param indices {@code [B, h·w]} targets (any number type)
     * @return {@code [B]}, nats per grid (divide by {@code h·w} for nats per code)
     */
    public static NDArray nll(NDArray logits, NDArray indices) {
        long b = logits.getShape().get(0);
        long k = logits.getShape().get(1);
        NDArray rows = logits.reshape(b, k, -1).transpose(0, 2, 1); // [B, h·w, K]
        NDArray logp = rows.logSoftmax(2);
        NDArray target = indices.toType(DataType.INT64, false).reshape(b, -1).oneHot((int) k);
        return logp.mul(target).sum(new int[] {1, 2}).neg();
    }

    /**
     * The metrics of {@link #METRICS} from a sum of per-grid nats.
     *
     * @param sum nats summed over grids
     * @param rows grids
     * @return nats and bits per code
     */
    Metrics metrics(double sum, long rows) {
        double nats = sum / ((double) rows * config().cells());
        return Metrics.of(METRICS, nats, nats / Math.log(2));
    }

    /**
     * The metrics over a whole source, without gradients.
     *
     * @param source batches of grids
     * @return nats and bits per code
     */
    Metrics evaluate(BatchSource source) {
        double sum = 0;
        for (int b = 0; b < source.batches(); b++) {
            try (NDManager bm = manager().newSubManager()) {
                Batch batch = source.batch(bm, b);
                sum += nll(logits(batch.x(), batch.y(), false), batch.x()).sum().getFloat();
            }
        }
        return metrics(sum, source.size());
    }

    /**
     * Draws grids cell by cell in raster order: cell {@code p} from {@code softmax(logits_p /
     * T)} given the cells already drawn. The draws come from a {@link SplittableRandom} seeded
     * with {@code seed}, not the engine's generator, so they repeat on every engine and thread.
     *
     * @param n grids, &gt; 0
     * @param labels {@code [n]} classes for a conditional prior, else null
     * @param temperature T in (0, {@value #MAX_TEMPERATURE}]: below 1 sharper, above 1 flatter
     * @param seed seeds the draws
     * @return {@code [n][h·w]} indices in {@code [0, K)}
     */
    public int[][] sample(int n, int[] labels, double temperature, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        if (!(temperature > 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be in (0, " + MAX_TEMPERATURE
                    + "], got " + temperature);
        }
        PixelCnnConfig c = config();
        c.checkLabelsGiven(labels != null);
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException(n + " grids but " + labels.length + " labels");
            }
            for (int y : labels) {
                c.checkLabel(y);
            }
        }
        int cells = c.cells();
        int k = c.codebookSize();
        int[][] grids = new int[n][cells];
        SplittableRandom random = new SplittableRandom(seed);
        OneHot oneHot = c.conditional() ? new OneHot(Math.min(SAMPLE_BATCH, n), c.classes())
                : null;
        for (int from = 0; from < n; from += SAMPLE_BATCH) {
            int count = Math.min(SAMPLE_BATCH, n - from);
            float[] flat = new float[count * cells];
            int w = c.width();
            for (int p = 0; p < cells; p++) {
                float[] logits;
                // Cell p's row and those above it decide its logits: the rows below are left
                // out of the forward pass (PixelCnnBlock#logits with rows).
                int rows = p / w + 1;
                try (NDManager bm = manager().newSubManager()) {
                    NDArray x = bm.create(flat, new Shape(count, cells))
                            .get(":, 0:" + rows * w);
                    NDArray y = oneHot == null ? null : oneHot.of(bm, labels, from, count);
                    logits = block().logits(parameterStore(), x, y, false, rows)
                            .reshape(count, k, rows * w).get(":, :, " + p).toFloatArray();
                }
                for (int r = 0; r < count; r++) {
                    int drawn = draw(logits, r * k, k, temperature, random);
                    flat[r * cells + p] = drawn;
                    grids[from + r][p] = drawn;
                }
            }
        }
        return grids;
    }

    /** One category from {@code softmax(logits[off .. off + k) / T)}, by inverse CDF. */
    static int draw(float[] logits, int off, int k, double temperature, SplittableRandom random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, logits[off + i] / temperature);
        }
        double[] w = new double[k];
        double total = 0;
        for (int i = 0; i < k; i++) {
            w[i] = Math.exp(logits[off + i] / temperature - max);
            total += w[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < k; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return k - 1; // u landed on the rounding error past the last weight
    }

    @Override
    public String lacks(Class<?> capability) {
        if (capability == Sampler.class) {
            return "a pixelcnn prior draws code grids, not images: sample the VQ-VAE run it"
                    + " belongs to (vae4j sample --run RUN)";
        }
        return super.lacks(capability);
    }
}
