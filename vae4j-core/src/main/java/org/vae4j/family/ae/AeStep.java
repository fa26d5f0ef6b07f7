package org.vae4j.family.ae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.List;
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
 * The autoencoder's step: minimises the mean reconstruction loss {@code -log p(x | f(x))} of the
 * batch; no KL term, nothing sampled. One parameter group, {@code model}.
 */
final class AeStep implements TrainStep {

    private final AeModel model;

    AeStep(AeModel model, TrainOptions options) {
        String kl = options.beta() != 1 ? "beta " + options.beta()
                : options.klWarmupEpochs() > 0 ? "a KL warm-up"
                : options.klCycles() > 0 ? "KL cycles"
                : options.freeBits() > 0 ? "free bits" : null;
        if (kl != null) {
            throw new IllegalArgumentException("the autoencoder (family ae) has no KL term: " + kl
                    + " applies to the vae family only");
        }
        if (options.objective() != Objective.ELBO) {
            throw new IllegalArgumentException("the autoencoder (family ae) trains on its"
                    + " reconstruction loss: the " + options.objective().id()
                    + " objective applies to the vae family only");
        }
        this.model = model;
    }

    @Override
    public List<ParameterGroup> groups() {
        return List.of(ParameterGroup.all("model", model.block()));
    }

    @Override
    public List<String> sumNames() {
        return AeModel.METRICS;
    }

    @Override
    public float[] step(Batch batch, StepContext context) {
        NDArray sum;
        try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
            NDList out = model.block().forward(model.parameterStore(), new NDList(batch.x()), true);
            NDArray rec = model.reconstructionLoss(batch.x(), out.get(1));
            gc.backward(rec.mean());
            sum = rec.sum();
        }
        return new float[] {sum.getFloat()};
    }

    @Override
    public Metrics metrics(double[] sums, long rows) {
        return Metrics.of(AeModel.METRICS, sums[0] / rows);
    }

    @Override
    public Metrics evaluate(BatchSource validation, long seed) {
        return model.evaluate(validation, seed);
    }
}
