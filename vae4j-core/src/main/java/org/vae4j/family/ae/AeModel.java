package org.vae4j.family.ae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.BlockModel;
import org.vae4j.model.Elbo;
import org.vae4j.model.Evaluator;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.Metrics;
import org.vae4j.model.PointCode;
import org.vae4j.model.Reconstructor;
import org.vae4j.model.Sampler;

/**
 * A trained or fresh plain autoencoder: it encodes images to deterministic codes {@code z =
 * f(x)}, decodes codes to images, reconstructs and reports its reconstruction error. It has no
 * prior and no density, so it cannot sample or score a likelihood ({@link #lacks} says so).
 */
public final class AeModel extends BlockModel<AeConfig> implements Reconstructor, Evaluator {

    /** The one metric: the reconstruction loss per image, in nats for Bernoulli. */
    static final List<String> METRICS = List.of("reconstruction");

    private AeModel(AeConfig config, NDManager manager, AeBlock block) {
        super(config, manager, block);
    }

    static AeModel create(AeConfig config, long seed) {
        return initialised(seed, Device.cpu(), config.inputSize(), () -> new AeBlock(config),
                (m, b) -> new AeModel(config, m, b));
    }

    static AeModel read(AeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return loaded(in, device, config.inputSize(), () -> new AeBlock(config),
                (m, b) -> new AeModel(config, m, b));
    }

    @Override
    public AeBlock block() {
        return (AeBlock) super.block();
    }

    @Override
    public PointCode encode(float[][] images, int[] labels) {
        return new PointCode(mapRows(images, labels, config().inputSize(), 1,
                (bm, x, y) -> new NDList(block().encode(parameterStore(), x, false))).get(0));
    }

    @Override
    public float[][] decode(float[][] z, int[] labels) {
        return mapRows(z, labels, config().latentDim(), 1, (bm, codes, y) -> new NDList(
                config().likelihood().mean(block().decode(parameterStore(), codes, false))))
                .get(0);
    }

    /**
     * The reconstruction loss of each row, {@code -log p(x | z = f(x))} under the configured
     * likelihood (binary cross-entropy for Bernoulli).
     *
     * @param x targets {@code [B, D]}
     * @param logits the decoder's outputs {@code [B, D]}
     * @return {@code [B]}
     */
    NDArray reconstructionLoss(NDArray x, NDArray logits) {
        return Elbo.reconstructionNll(config().likelihood(), config().sigma(), logits, x);
    }

    @Override
    public Metrics evaluateMetrics(ImageSet data, int batchSize, long seed) {
        checkShape(data);
        return evaluate(BatchSource.of(data, batchSize, config().binarization(), 0), seed);
    }

    Metrics evaluate(BatchSource source, long seed) {
        EngineSetup.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
        double sum = 0;
        for (int b = 0; b < source.batches(); b++) {
            try (NDManager bm = manager().newSubManager()) {
                Batch batch = source.batch(bm, b);
                NDList out = block().forward(parameterStore(), new NDList(batch.x()), false);
                sum += reconstructionLoss(batch.x(), out.get(1)).sum().getFloat();
            }
        }
        return Metrics.of(METRICS, sum / source.size());
    }

    @Override
    public String lacks(Class<?> capability) {
        if (capability == Sampler.class) {
            return "an autoencoder (family ae) cannot draw samples: it has no prior over its"
                    + " codes to draw from (reconstruct, embed, manifold and traverse work)";
        }
        if (capability == LikelihoodScorer.class) {
            return "an autoencoder (family ae) has no likelihood to score: its code is"
                    + " deterministic, so there is no ELBO or importance-sampled log p(x)"
                    + " (evaluate without -k reports its reconstruction error)";
        }
        return super.lacks(capability);
    }
}
