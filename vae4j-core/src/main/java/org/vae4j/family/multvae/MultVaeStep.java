package org.vae4j.family.multvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.Metrics;
import org.vae4j.model.Scalars;
import org.vae4j.recommend.HeldOutUsers;
import org.vae4j.recommend.RankingEvaluation;
import org.vae4j.recommend.RankingReport;
import org.vae4j.train.Objective;
import org.vae4j.train.ParameterGroup;
import org.vae4j.train.StepContext;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * The Mult-VAE / Mult-DAE step: minimises the batch mean of {@code nll + β·KL} (VAE, β from
 * {@link MultVaeConfig#beta} at the current update) or of {@code nll} (DAE), where {@code nll =
 * −Σ_i x_i log softmax(logits)_i} is the multinomial negative log-likelihood. One parameter
 * group, {@code model}.
 *
 * <p>Validation, when the validation rows are {@link HeldOutUsers}: the losses on the fold-in
 * rows (β at its cap, no dropout, {@code z = μ}), then {@code ndcg_100, recall_20, recall_50} of
 * the targets ({@link RankingEvaluation}).
 */
final class MultVaeStep implements TrainStep {

    static final List<String> VAE_SUMS = List.of("loss", "nll", "kl");
    static final List<String> DAE_SUMS = List.of("nll");

    /** The validation metric the best epoch is chosen by (higher is better). */
    static final String NDCG = "ndcg_100";

    private final MultVaeModel model;

    MultVaeStep(MultVaeModel model, TrainOptions options) {
        String id = model.config().family();
        String kl = options.beta() != 1 ? "beta " + options.beta()
                : options.klWarmupEpochs() > 0 ? "a KL warm-up"
                : options.klCycles() > 0 ? "KL cycles"
                : options.freeBits() > 0 ? "free bits" : null;
        if (kl != null) {
            throw new IllegalArgumentException("the " + id + " family anneals its KL weight"
                    + " itself (annealCap, annealSteps of its configuration): " + kl
                    + " applies to the vae family only");
        }
        if (options.objective() != Objective.ELBO) {
            throw new IllegalArgumentException("the " + id + " family trains on its multinomial"
                    + " loss: the " + options.objective().id() + " objective is the vae's");
        }
        this.model = model;
    }

    @Override
    public List<ParameterGroup> groups() {
        return List.of(ParameterGroup.all("model", model.block()));
    }

    @Override
    public List<String> sumNames() {
        return model.config().variational() ? VAE_SUMS : DAE_SUMS;
    }

    @Override
    public float[] step(Batch batch, StepContext context) {
        NDArray sums;
        try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
            NDList terms = terms(batch.x(), true, model.config().beta(context.step()));
            gc.backward(terms.get(0).mean());
            sums = NDArrays.stack(new NDList(terms.stream().map(NDArray::sum).toList()));
        }
        return sums.toFloatArray();
    }

    /** Per row: {@code (loss, nll, kl)} for the VAE, {@code (nll)} for the DAE. */
    private NDList terms(NDArray x, boolean training, double beta) {
        NDList out = model.block().forward(model.parameterStore(), new NDList(x), training);
        NDArray nll = MultVaeModel.nll(x, out.get(0));
        if (!model.config().variational()) {
            return new NDList(nll);
        }
        NDArray kl = MultVaeModel.kl(out.get(1), out.get(2));
        return new NDList(nll.add(kl.mul(Scalars.of(kl, beta))), nll, kl);
    }

    @Override
    public Metrics metrics(double[] sums, long rows) {
        double[] v = new double[sums.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = sums[i] / rows;
        }
        return Metrics.of(sumNames(), v);
    }

    @Override
    public Metrics evaluate(BatchSource validation, long seed) {
        EngineSetup.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        double[] sums = new double[sumNames().size()];
        for (int b = 0; b < validation.batches(); b++) {
            try (NDManager bm = model.manager().newSubManager()) {
                Batch batch = validation.batch(bm, b);
                float[] s = NDArrays.stack(new NDList(terms(batch.x(), false,
                        model.config().annealCap()).stream().map(NDArray::sum).toList()))
                        .toFloatArray();
                for (int i = 0; i < s.length; i++) {
                    sums[i] += s[i];
                }
            }
        }
        Metrics losses = metrics(sums, validation.size());
        if (!(validation.data() instanceof HeldOutUsers users)) {
            return losses;
        }
        RankingReport r = RankingEvaluation.evaluate(model, users);
        Map<String, Double> all = new LinkedHashMap<>(losses.asMap());
        all.put(NDCG, r.ndcg100().mean());
        all.put("recall_20", r.recall20().mean());
        all.put("recall_50", r.recall50().mean());
        return Metrics.of(all);
    }
}
