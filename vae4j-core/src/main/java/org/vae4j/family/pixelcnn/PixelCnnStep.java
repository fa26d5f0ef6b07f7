package org.vae4j.family.pixelcnn;

import ai.djl.ndarray.NDArray;
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
 * The prior's step: minimises the batch-mean cross-entropy of the grids, {@code mean_b Σ_p
 * -log p(k_p | k_{<p}, y)}; reports it per code in nats and bits. One group, {@code model}.
 */
final class PixelCnnStep implements TrainStep {

    private final PixelCnnModel model;

    PixelCnnStep(PixelCnnModel model, TrainOptions options) {
        if (options.beta() != 1 || options.klWarmupEpochs() > 0 || options.klCycles() > 0
                || options.freeBits() > 0 || options.objective() != Objective.ELBO) {
            throw new IllegalArgumentException("the pixelcnn prior trains on the cross-entropy"
                    + " of its codes: KL settings and objectives apply to the vae family only");
        }
        this.model = model;
    }

    @Override
    public List<ParameterGroup> groups() {
        return List.of(ParameterGroup.all("model", model.block()));
    }

    @Override
    public List<String> sumNames() {
        return List.of("nll");
    }

    @Override
    public float[] step(Batch batch, StepContext context) {
        NDArray sum;
        try (GradientCollector gc = EngineSetup.engine().newGradientCollector()) {
            NDArray nll = PixelCnnModel.nll(model.logits(batch.x(), batch.y(), true), batch.x());
            gc.backward(nll.mean());
            sum = nll.sum();
        }
        return new float[] {sum.getFloat()};
    }

    @Override
    public Metrics metrics(double[] sums, long rows) {
        return model.metrics(sums[0], rows);
    }

    @Override
    public Metrics evaluate(BatchSource validation, long seed) {
        return model.evaluate(validation);
    }
}
