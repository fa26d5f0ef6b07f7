package org.vae4j.family.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.Elbo;
import org.vae4j.model.ElboMetrics;
import org.vae4j.model.Iwae;
import org.vae4j.model.Metrics;
import org.vae4j.model.Scalars;
import org.vae4j.model.VaeModel;
import org.vae4j.train.Objective;
import org.vae4j.train.ParameterGroup;
import org.vae4j.train.StepContext;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * A VAE's training step: minimises {@code reconstruction + w · KL} per image, averaged over the
 * mini-batch, where {@code w} follows β and the KL warm-up or cyclical schedule and free bits may
 * replace the KL term (Kingma &amp; Welling 2014; Bowman et al. 2016; Fu et al. 2019; Kingma et
 * al. 2016); or, with {@link Objective#IWAE}, the negative K-sample importance-weighted bound
 * ({@link Iwae}). Both report the ELBO's terms, {@code neg_elbo, reconstruction, kl}, so curves of
 * both objectives compare. One parameter group, {@code model}: the whole network.
 */
final class VaeStep implements TrainStep {

    private static final List<String> SUMS = List.of("reconstruction", "kl");

    private final VaeModel model;
    private final TrainOptions options;

    /** Native memory one step may hold, before it is refused. */
    static final long STEP_BUDGET_BYTES = 8L << 30;

    VaeStep(VaeModel model, TrainOptions options) {
        if (options.freeBits() > 0 && !model.config().priorConfig().standardNormal()) {
            throw new IllegalArgumentException("free bits keep each unit's KL from N(0, 1) above"
                    + " a floor, and the " + model.config().priorConfig().kind().id() + " prior"
                    + " has no per-unit KL: use the gaussian prior or no --free-bits");
        }
        long bytes = stepBytes(model.config(), options);
        if (bytes > STEP_BUDGET_BYTES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a step with batch %d%s needs about %.1f GiB of activations and gradients"
                            + " (budget %d GiB): lower the batch size%s",
                    options.batchSize(), options.objective() == Objective.IWAE
                            ? " and K " + options.importanceSamples() : "",
                    bytes / (double) (1L << 30), STEP_BUDGET_BYTES >> 30,
                    options.objective() == Objective.IWAE ? " or K" : ""));
        }
        this.model = model;
        this.options = options;
    }

    /**
     * An estimate of a step's memory: every row of the batch (K rows per image for IWAE) holds
     * its input, targets and logits, the hidden activations of encoder and decoder and its
     * latent terms, each in float32, twice over for the backward pass.
     */
    static long stepBytes(org.vae4j.model.VaeConfig c, TrainOptions options) {
        long rows = (long) options.batchSize() * options.importanceSamples();
        long hidden = 0;
        for (int h : c.hidden()) {
            hidden += h;
        }
        long perRow = 3L * c.inputSize() + 2 * hidden + 4L * c.latentDim();
        if (c.architecture() == org.vae4j.model.Architecture.CONV) {
            // Conv feature maps: each layer's channels at its resolution, in both directions.
            perRow += 2L * hidden * c.height() * c.width() / 4;
        }
        long k = c.priorConfig().pseudoInputs();
        // A VampPrior encodes its K pseudo-inputs every step and compares every code with every
        // component: K encoder rows, and a few [rows, K, L] tensors.
        long prior = k * (c.inputSize() + hidden + 2L * c.latentDim())
                + 4L * rows * k * c.latentDim();
        return (rows * perRow + prior) * Float.BYTES * 2;
    }

    @Override
    public List<ParameterGroup> groups() {
        return List.of(ParameterGroup.all("model", model.block()));
    }

    @Override
    public List<String> sumNames() {
        return SUMS;
    }

    @Override
    public float[] step(Batch batch, StepContext context) {
        ParameterStore ps = model.parameterStore();
        NDArray sums;
        try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
            NDList lossRecKl = options.objective() == Objective.IWAE
                    ? iwaeLoss(ps, batch.x(), batch.y())
                    : elboLoss(ps, batch.x(), batch.y(), context);
            gc.backward(lossRecKl.get(0));
            sums = NDArrays.stack(new NDList(lossRecKl.get(1).sum(), lossRecKl.get(2).sum()));
        }
        return sums.toFloatArray();
    }

    /** The ELBO's loss and its terms: {@code (loss, reconstruction [B], kl [B])}. */
    private NDList elboLoss(ParameterStore ps, NDArray x, NDArray y, StepContext context) {
        NDList out = model.block().forward(ps, y == null ? new NDList(x) : new NDList(x, y), true);
        NDList terms = model.block().elboTerms(ps, out, x, true);
        NDArray rec = terms.get(0);
        NDArray kl = terms.get(1);
        // The KL weight follows the warm-up or cyclical schedule; free bits replace the KL term
        // of the loss (the reported KL stays the true one).
        double weight = options.klWeight(context.step(), context.batchesPerEpoch());
        NDArray klLoss = options.freeBits() > 0
                ? Elbo.klWithFreeBits(out.get(0), out.get(1), options.freeBits())
                : kl.mean();
        return new NDList(rec.mean().addi(klLoss.mul(Scalars.of(klLoss, weight))), rec, kl);
    }

    /**
     * The negative IWAE bound and the ELBO's terms of its first sample: {@code (loss,
     * reconstruction [B], kl [B])}.
     */
    private NDList iwaeLoss(ParameterStore ps, NDArray x, NDArray y) {
        NDList terms = Iwae.terms(model.block(), ps, x, y, options.importanceSamples(), true);
        return new NDList(terms.get(0).mean().neg(), terms.get(1), terms.get(2));
    }

    @Override
    public Metrics metrics(double[] sums, long rows) {
        return ElboMetrics.fromSums(sums[0], sums[1], rows).toMetrics();
    }

    @Override
    public Metrics evaluate(BatchSource validation, long seed) {
        return model.evaluate(validation, seed).toMetrics();
    }
}
