package org.vae4j.family.vqvae;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.Metrics;
import org.vae4j.train.Objective;
import org.vae4j.train.ParameterGroup;
import org.vae4j.train.StepContext;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;

/**
 * The VQ-VAE's step. Before the first update the codebook is initialised by k-means on the
 * batch's encoder outputs. Then: forward, backward through the straight-through estimator (the
 * trainer's optimizer then updates encoder and decoder, one group {@code model}); after the
 * backward pass the codebook follows its moving averages, idle counters advance, and codes idle
 * for {@code deadCodeSteps} are restarted from the batch's encoder outputs. All of that state is
 * in the model's parameters, and the random picks are seeded by the step number, so a resumed
 * run repeats an uninterrupted one exactly. With {@code emaDecay = 0} the code vectors join the
 * group and learn by gradient instead.
 *
 * <p>Sums per batch: {@link VqMetrics#SUMS}, then the K code counts, so that usage and
 * perplexity cover the whole epoch (and survive a mid-epoch checkpoint).
 */
final class VqVaeStep implements TrainStep {

    private static final long INIT_SALT = 0x6A09E667F3BCC909L;
    private static final long RESTART_SALT = 0xBB67AE8584CAA73BL;

    private final VqVaeModel model;
    private final VqVaeConfig config;

    VqVaeStep(VqVaeModel model, TrainOptions options) {
        String kl = options.beta() != 1 ? "beta " + options.beta()
                : options.klWarmupEpochs() > 0 ? "a KL warm-up"
                : options.klCycles() > 0 ? "KL cycles"
                : options.freeBits() > 0 ? "free bits" : null;
        if (kl != null) {
            throw new IllegalArgumentException("a vqvae has no KL term: " + kl + " applies to"
                    + " the vae family only (the commitment weight is --commitment)");
        }
        if (options.objective() != Objective.ELBO) {
            throw new IllegalArgumentException("a vqvae trains on its reconstruction and"
                    + " commitment loss: the " + options.objective().id()
                    + " objective applies to the vae family only");
        }
        this.model = model;
        this.config = model.config();
    }

    @Override
    public List<ParameterGroup> groups() {
        var params = new ArrayList<>(model.block().networkParameters());
        if (!config.ema()) {
            params.add(model.block().codebook().embeddingParameter());
        }
        return List.of(new ParameterGroup("model", params));
    }

    @Override
    public List<String> sumNames() {
        return VqMetrics.sumNames(config.codebookSize());
    }

    @Override
    public float[] step(Batch batch, StepContext context) {
        Codebook codebook = model.block().codebook();
        if (!codebook.ready()) {
            NDArray z = VqVaeBlock.rows(
                    model.block().encode(model.parameterStore(), batch.x(), false));
            codebook.initialise(z.stopGradient(), random(context, INIT_SALT));
        }
        VqVaeModel.Pass pass;
        try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
            pass = model.pass(batch.x(), true);
            gc.backward(pass.loss());
        }
        // After the backward pass and outside the collector: in-place updates of state that no
        // gradient flows through.
        float[] sums = pass.sums().toFloatArray();
        if (config.ema()) {
            codebook.emaUpdate(pass.z(), pass.assign(), (float) config.emaDecay());
        }
        float[] idle = codebook.countIdle(pass.assign().sum(new int[] {0}));
        if (config.deadCodeSteps() > 0) {
            codebook.restartDead(pass.z(), idle, config.deadCodeSteps(),
                    random(context, RESTART_SALT));
        }
        return sums;
    }

    /** A generator fixed by the step number, so a resumed run draws what a straight one did. */
    private static Random random(StepContext context, long salt) {
        return new Random(context.step() * 0x9E3779B97F4A7C15L ^ salt);
    }

    @Override
    public Metrics metrics(double[] sums, long rows) {
        return VqMetrics.of(sums, rows, config);
    }

    @Override
    public Metrics evaluate(BatchSource validation, long seed) {
        return model.evaluate(validation, seed);
    }
}
