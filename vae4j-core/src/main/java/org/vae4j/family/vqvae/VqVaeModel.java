package org.vae4j.family.vqvae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.DataInputStream;
import java.io.IOException;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.BlockModel;
import org.vae4j.model.DiscreteCoder;
import org.vae4j.model.Elbo;
import org.vae4j.model.Evaluator;
import org.vae4j.model.Likelihood;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.Metrics;
import org.vae4j.model.Reconstructor;
import org.vae4j.model.Sampler;

/**
 * A trained or fresh VQ-VAE: it encodes images to grids of codebook entries ({@link VqCode};
 * {@link DiscreteCoder} for the indices), decodes any map of vectors by quantising it first,
 * reconstructs, and reports its reconstruction error and codebook use ({@link VqMetrics}). It
 * draws no samples until a prior over its codes is learned, and has no likelihood to score.
 */
public final class VqVaeModel extends BlockModel<VqVaeConfig>
        implements Reconstructor, Evaluator, DiscreteCoder {

    private VqVaeModel(VqVaeConfig config, NDManager manager, VqVaeBlock block) {
        super(config, manager, block);
    }

    static VqVaeModel create(VqVaeConfig config, long seed) {
        return initialised(seed, Device.cpu(), config.inputSize(), () -> new VqVaeBlock(config),
                (m, b) -> new VqVaeModel(config, m, b));
    }

    static VqVaeModel read(VqVaeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return loaded(in, device, config.inputSize(), () -> new VqVaeBlock(config),
                (m, b) -> new VqVaeModel(config, m, b));
    }

    @Override
    public VqVaeBlock block() {
        return (VqVaeBlock) super.block();
    }

    /** What one batch gives: the loss to minimise and what the codebook update needs. */
    record Pass(NDArray loss, NDArray z, NDArray assign, NDArray sums) {}

    /**
     * One batch through encoder, quantiser and decoder, on x's manager. The decoder reads the
     * straight-through estimate {@code z_e + sg(z_q - z_e)}: its value is {@code z_q}, its
     * gradient reaches {@code z_e} unchanged. Loss per image (see {@link VqVaeConfig}): {@code
     * rec + β (D_x/D_z) ||z_e - sg(z_q)||²}, plus {@code (D_x/D_z) ||sg(z_e) - z_q||²} when the
     * codebook learns by gradient.
     *
     * @param x targets {@code [B, C·H·W]}
     * @param training whether gradients are recorded
     * @return the batch-mean loss, {@code z_e} rows {@code [B·h·w, D]} without gradient, the
     *     one-hot assignments {@code [B·h·w, K]} and the sums of {@link VqMetrics#SUMS}
     *     followed by the K code counts, {@code [5 + K]}
     */
    Pass pass(NDArray x, boolean training) {
        VqVaeConfig c = config();
        NDManager m = x.getManager();
        NDArray ze = VqVaeBlock.rows(block().encode(parameterStore(), x, training));
        NDArray zd = ze.stopGradient();
        NDArray e = block().codebook().embeddingOn(m);
        NDArray assign = Codebook.nearest(zd, e.stopGradient()).oneHot(c.codebookSize());
        NDArray q = assign.matMul(e);
        NDArray st = Codebook.straightThrough(ze, q);
        NDArray logits = block().decode(parameterStore(), block().map(st), training);
        NDArray mean = c.likelihood().mean(logits);
        long b = x.getShape().get(0);
        NDArray sq = x.sub(mean).square().sum(new int[] {1});
        NDArray rec = c.likelihood() == Likelihood.BERNOULLI
                ? Elbo.reconstructionNll(Likelihood.BERNOULLI, c.sigma(), logits, x)
                : sq.div(2 * c.sigma() * c.sigma());
        NDArray commit = ze.sub(q.stopGradient()).square().reshape(b, -1).sum(new int[] {1});
        double ratio = (double) c.inputSize() / c.latentDim();
        NDArray loss = rec.add(commit.mul(c.commitment() * ratio));
        if (!c.ema()) {
            loss = loss.add(zd.sub(q).square().reshape(b, -1).sum(new int[] {1}).mul(ratio));
        }
        NDArray sums = NDArrays.concat(new NDList(
                NDArrays.stack(new NDList(loss.sum(), sq.sum(), commit.sum(), x.sum(),
                        x.square().sum())),
                assign.sum(new int[] {0})));
        return new Pass(loss.mean(), zd, assign, sums);
    }

    @Override
    public VqCode encode(float[][] images, int[] labels) {
        var out = mapRows(images, labels, config().inputSize(), 3, (bm, x, y) -> {
            NDArray z = VqVaeBlock.rows(block().encode(parameterStore(), x, false));
            NDArray idx = Codebook.nearest(z, block().codebook().embeddingOn(bm));
            NDArray q = idx.oneHot(codebookSize()).matMul(block().codebook().embeddingOn(bm));
            long n = x.getShape().get(0);
            return new NDList(z.reshape(n, -1), q.reshape(n, -1),
                    idx.toType(DataType.FLOAT32, false).reshape(n, -1));
        });
        return new VqCode(out.get(0), out.get(1), toInts(out.get(2)));
    }

    /**
     * Decodes code maps: each cell's vector is first replaced by its nearest code, so any map
     * (an interpolation between two images' encoder outputs, say) decodes as a grid of codes.
     *
     * @param z {@code [N][h·w·D]}, laid out as {@link VqCode}'s maps
     * @param labels must be null: the model is not conditional
     * @return {@code [N][C·H·W]} pixel means
     */
    @Override
    public float[][] decode(float[][] z, int[] labels) {
        return mapRows(z, labels, config().latentDim(), 1, (bm, codes, y) -> {
            NDArray rows = codes.reshape(-1, config().codeDim());
            NDArray e = block().codebook().embeddingOn(bm);
            NDArray q = Codebook.nearest(rows, e).oneHot(codebookSize()).matMul(e);
            return new NDList(pixels(q));
        }).get(0);
    }

    /** Decoder means of code rows {@code [B·h·w, D]}: {@code [B, C·H·W]}. */
    private NDArray pixels(NDArray q) {
        return config().likelihood().mean(
                block().decode(parameterStore(), block().map(q), false));
    }

    @Override
    public int codebookSize() {
        return config().codebookSize();
    }

    @Override
    public int codeDim() {
        return config().codeDim();
    }

    @Override
    public int[] gridShape() {
        return new int[] {config().gridHeight(), config().gridWidth()};
    }

    @Override
    public float[][] codebook() {
        float[] flat = block().codebook().embedding().toFloatArray();
        float[][] out = new float[codebookSize()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = java.util.Arrays.copyOfRange(flat, k * codeDim(), (k + 1) * codeDim());
        }
        return out;
    }

    @Override
    public int[][] encodeIndices(float[][] images, int[] labels) {
        return encode(images, labels).indices();
    }

    @Override
    public float[][] decodeIndices(int[][] indices, int[] labels) {
        int cells = config().gridCells();
        float[][] rows = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i].length != cells) {
                throw new IllegalArgumentException("code grid " + i + " has " + indices[i].length
                        + " indices, the model needs " + cells);
            }
            rows[i] = new float[cells];
            for (int j = 0; j < cells; j++) {
                rows[i][j] = checkIndex(indices[i][j]);
            }
        }
        return mapRows(rows, labels, cells, 1, (bm, idx, y) -> new NDList(
                decodeIndices(idx.toType(DataType.INT64, false)))).get(0);
    }

    private int checkIndex(int k) {
        if (k < 0 || k >= codebookSize()) {
            throw new IllegalArgumentException("code index must be in [0, " + (codebookSize() - 1)
                    + "], got " + k);
        }
        return k;
    }

    @Override
    public NDArray encodeIndices(NDArray x) {
        NDManager m = x.getManager();
        NDArray z = VqVaeBlock.rows(block().encode(parameterStore(), x, false));
        return Codebook.nearest(z, block().codebook().embeddingOn(m))
                .reshape(x.getShape().get(0), config().gridHeight(), config().gridWidth());
    }

    @Override
    public NDArray decodeIndices(NDArray indices) {
        NDArray e = block().codebook().embeddingOn(indices.getManager());
        NDArray q = indices.toType(DataType.INT64, false).reshape(-1).oneHot(codebookSize())
                .matMul(e);
        return pixels(q);
    }

    private static int[][] toInts(float[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new int[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = Math.round(rows[i][j]);
            }
        }
        return out;
    }

    @Override
    public Metrics evaluateMetrics(ImageSet data, int batchSize, long seed) {
        checkShape(data);
        return evaluate(BatchSource.of(data, batchSize, config().binarization(), 0), seed);
    }

    /**
     * The family's metrics over a whole source, code counts accumulated over all of it.
     *
     * @param source the batches
     * @param seed reseeds the engine (dynamic binarization)
     * @return the metrics of {@link VqMetrics}
     */
    Metrics evaluate(BatchSource source, long seed) {
        EngineSetup.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        double[] sums = new double[VqMetrics.SUMS.size() + codebookSize()];
        for (int b = 0; b < source.batches(); b++) {
            try (NDManager bm = manager().newSubManager()) {
                Batch batch = source.batch(bm, b);
                float[] s = pass(batch.x(), false).sums().toFloatArray();
                for (int i = 0; i < s.length; i++) {
                    sums[i] += s[i];
                }
            }
        }
        return VqMetrics.of(sums, source.size(), config());
    }

    @Override
    public String lacks(Class<?> capability) {
        if (capability == Sampler.class) {
            return "a vqvae samples from a learned prior over its codes, and this run has none:"
                    + " train one with vae4j train-prior --run RUN (reconstruct, embed and"
                    + " interpolate work without one)";
        }
        if (capability == LikelihoodScorer.class) {
            return "a vqvae has no likelihood to score: its code is a deterministic grid of"
                    + " codebook entries, so there is no ELBO or importance-sampled log p(x)"
                    + " (evaluate without -k reports its reconstruction error and codebook use)";
        }
        return super.lacks(capability);
    }
}
