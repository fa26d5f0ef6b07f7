package org.vae4j.family.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
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

    VaeStep(VaeModel model, TrainOptions options) {
        this.model = model;
        this.options = options;
    }

    @Override
    public List<ParameterGroup> groups() {
        List<Parameter> all = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            all.add(p.getValue());
        }
        return List.of(new ParameterGroup("model", all));
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
        NDList terms = Elbo.terms(model.config(), model.block().logSigma(ps, x.getDevice(), true),
                out, x);
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
