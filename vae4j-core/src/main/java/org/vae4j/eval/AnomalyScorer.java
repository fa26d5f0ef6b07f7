package org.vae4j.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.model.Elbo;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.ModelConfig;

/**
 * Scores every image of a data set under a trained VAE: negative ELBO, reconstruction
 * log-probability and importance-sampled log-likelihood, from one set of posterior samples.
 *
 * <p>For each image, {@code K = max(L, k)} samples {@code z_j = mu + eps_j * sigma} are decoded
 * in chunks (at most {@link #MAX_VALUES} floats of logits at a time, so memory stays bounded). The
 * importance weight is {@code log w_j = log p(x|z_j) + log p(z_j) - log N(z_j; mu, sigma^2)}
 * under the model's own prior ({@link LikelihoodScorer#logPriorKernel}, whose Gaussian normaliser
 * cancels against the posterior's; {@code (z - mu)^2 / sigma^2 = eps^2}): {@code log w_j =
 * -nll_j + kernel(z_j) + 1/2 sum (logvar + eps_j^2)}, with {@code kernel(z) = -1/2 sum z^2} for
 * {@code N(0, I)}. The estimate {@code log(1/k sum_j w_j)} is computed with log-sum-exp in
 * doubles. With k = 1 it is the one-sample ELBO estimate. The ELBO's KL term is the closed form
 * for {@code N(0, I)} and otherwise the mean of {@code log q(z_j|x) - log p(z_j)} over the L
 * samples.
 */
public final class AnomalyScorer {

    /** Largest number of logit values decoded at once (32 MB of floats). */
    static final long MAX_VALUES = 8L << 20;

    private AnomalyScorer() {}

    /**
     * Scoring settings.
     *
     * @param samples L, posterior samples for the reconstruction probability and ELBO, &gt; 0
     * @param importanceSamples k, samples for the log-likelihood estimate, &gt; 0
     * @param batchSize images per chunk, &gt; 0
     * @param seed seeds the engine's generator (noise and dynamic binarization)
     */
    public record Options(int samples, int importanceSamples, int batchSize, long seed) {

        /** Defaults: L = 10, k = 100, 100 images per batch, seed 1. */
        public Options() {
            this(10, 100, 100, 1L);
        }

        /** Checks every value. */
        public Options {
            if (samples <= 0) {
                throw new IllegalArgumentException("samples must be > 0, got " + samples);
            }
            if (importanceSamples <= 0) {
                throw new IllegalArgumentException(
                        "importance samples must be > 0, got " + importanceSamples);
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
            }
        }
    }

    /**
     * Checks that a background model can stand in the likelihood ratio's denominator: a model of
     * the same family and input shape as the model (the ratio then differs only in what the
     * background was trained on).
     *
     * @param model the model's configuration
     * @param background the background model's
     * @throws IllegalArgumentException naming both otherwise
     */
    public static void checkBackground(ModelConfig model, ModelConfig background) {
        if (!model.family().equals(background.family()) || model.channels() != background.channels()
                || model.height() != background.height() || model.width() != background.width()) {
            throw new IllegalArgumentException("the background is a " + background.family()
                    + " model of " + shape(background) + " images, the run's a " + model.family()
                    + " model of " + shape(model) + ": the ratio compares two models of one"
                    + " family and shape");
        }
    }

    private static String shape(ModelConfig c) {
        return c.channels() + "x" + c.height() + "x" + c.width();
    }

    /**
     * Scores every image.
     *
     * @param model the trained model
     * @param data images of the model's shape
     * @param options sample counts, batch size and seed
     * @return per-image scores, indexed like {@code data}
     */
    public static AnomalyScores score(LikelihoodScorer model, ImageSet data, Options options) {
        return score(model, data, options, InputComplexity.of(data));
    }

    /**
     * Scores every image, with their complexities already known: a second model over the same
     * images (the background of the likelihood ratio) need not encode every PNG again.
     *
     * @param model the trained model
     * @param data images of the model's shape
     * @param options sample counts, batch size and seed
     * @param complexity {@link InputComplexity#of} of {@code data}
     * @return per-image scores, indexed like {@code data}
     */
    public static AnomalyScores score(LikelihoodScorer model, ImageSet data, Options options,
            double[] complexity) {
        if (complexity.length != data.size()) {
            throw new IllegalArgumentException("complexity has " + complexity.length
                    + " values for " + data.size() + " images");
        }
        model.checkShape(data);
        ModelConfig config = model.config();
        int n = data.size();
        int batch = Math.min(options.batchSize(), n);
        BatchSource source = BatchSource.of(data, batch, config.binarization(), config.classes());
        Engine engine = EngineSetup.engine();
        engine.setRandomSeed((int) (options.seed() ^ (options.seed() >>> 32)));
        int total = Math.max(options.samples(), options.importanceSamples());
        double[] negElbo = new double[n];
        double[] recon = new double[n];
        double[] logLik = new double[n];
        for (int b = 0; b < source.batches(); b++) {
            try (NDManager bm = model.manager().newSubManager()) {
                Batch x = source.batch(bm, b);
                scoreBatch(model, x.x(), x.y(), total, options, b * batch, negElbo, recon,
                        logLik, MAX_VALUES);
            }
        }
        return new AnomalyScores(negElbo, recon, logLik, options.samples(),
                options.importanceSamples(), complexity);
    }

    /** One batch; {@code maxValues} bounds a chunk's logits (a parameter for the tests). */
    static void scoreBatch(
            LikelihoodScorer model,
            NDArray x,
            NDArray y,
            int total,
            Options options,
            int from,
            double[] negElbo,
            double[] recon,
            double[] logLik,
            long maxValues) {
        ModelConfig config = model.config();
        int b = (int) x.getShape().get(0);
        int d = config.inputSize();
        int l = config.latentDim();
        NDList post = model.posterior(x, y);
        NDArray mu = post.get(0);
        NDArray logvar = post.get(1);
        NDArray std = logvar.mul(0.5f).exp();
        // Without a closed form (a VampPrior) the KL term is averaged over the L samples below.
        float[] kl = model.standardNormalPrior()
                ? Elbo.klStandardNormal(mu, logvar).toFloatArray() : null;
        double[] klSum = new double[b];
        float[] logvarSum = logvar.sum(new int[] {1}).toFloatArray();
        int chunk = (int) Math.max(1, Math.min(total, maxValues / ((long) b * d)));
        // logw[j][i] and nll[j][i] for sample j of image i, kept in doubles on the Java side.
        double[][] logw = new double[total][];
        double[] nllSum = new double[b];
        int done = 0;
        while (done < total) {
            int k = Math.min(chunk, total - done);
            try (NDManager cm = x.getManager().newSubManager()) {
                NDArray eps = cm.randomNormal(new Shape(k, b, l));
                NDArray z = eps.mul(std).addi(mu);
                // A result lives on its first operand's manager: tiled from x, the targets (and
                // every loss term computed from them) would stay on the batch's manager until all
                // chunks were done: 2.5 GB for 40 images at k = 5000, where a chunk is ~200 MB.
                NDArray targets = x.tile(new long[] {k, 1});
                targets.attach(cm);
                NDArray labels = y == null ? null : y.tile(new long[] {k, 1});
                if (labels != null) {
                    labels.attach(cm);
                }
                float[] nll = model.reconstructionNll(z.reshape(k * (long) b, l), labels, targets)
                        .toFloatArray();
                float[] prior = model.logPriorKernel(z.reshape(k * (long) b, l)).toFloatArray();
                float[] epsSq = eps.square().sum(new int[] {2}).toFloatArray();
                for (int j = 0; j < k; j++) {
                    double[] row = new double[b];
                    for (int i = 0; i < b; i++) {
                        int idx = j * b + i;
                        double negLogQ = 0.5 * (logvarSum[i] + epsSq[idx]);
                        // In doubles: float + float would round the sum to float first.
                        row[i] = -nll[idx] + (double) prior[idx] + negLogQ;
                        if (done + j < options.samples()) {
                            nllSum[i] += nll[idx];
                            klSum[i] -= prior[idx] + negLogQ;
                        }
                    }
                    logw[done + j] = row;
                }
            }
            done += k;
        }
        int kIs = options.importanceSamples();
        for (int i = 0; i < b; i++) {
            double meanNll = nllSum[i] / options.samples();
            recon[from + i] = -meanNll;
            negElbo[from + i] = meanNll + (kl != null ? kl[i] : klSum[i] / options.samples());
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < kIs; j++) {
                max = Math.max(max, logw[j][i]);
            }
            double sum = 0;
            for (int j = 0; j < kIs; j++) {
                sum += Math.exp(logw[j][i] - max);
            }
            logLik[from + i] = max + Math.log(sum / kIs);
        }
    }
}
