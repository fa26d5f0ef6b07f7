package org.vae4j.family.multvae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.IOException;
import org.vae4j.data.BatchBuffer;
import org.vae4j.data.SparseRows;
import org.vae4j.model.BlockModel;
import org.vae4j.model.Sampler;
import org.vae4j.model.Scalars;
import org.vae4j.recommend.Recommender;

/**
 * A trained or fresh Mult-VAE or Mult-DAE: it scores every item for a user from the user's items
 * (the logits of the multinomial, whose order is the softmax's), so it is a {@link Recommender}.
 * Sampling users from the prior is not offered (the catalogue's distribution is what matters
 * here, not new users).
 */
public final class MultVaeModel extends BlockModel<MultVaeConfig> implements Recommender {

    private BatchBuffer buffer;

    private MultVaeModel(MultVaeConfig config, NDManager manager, MultVaeBlock block) {
        super(config, manager, block);
    }

    static MultVaeModel create(MultVaeConfig config, long seed) {
        return initialised(seed, Device.cpu(), config.items(), () -> new MultVaeBlock(config),
                (m, b) -> new MultVaeModel(config, m, b));
    }

    static MultVaeModel read(MultVaeConfig config, DataInputStream in, Device device)
            throws IOException, MalformedModelException {
        return loaded(in, device, config.items(), () -> new MultVaeBlock(config),
                (m, b) -> new MultVaeModel(config, m, b));
    }

    @Override
    public MultVaeBlock block() {
        return (MultVaeBlock) super.block();
    }

    /**
     * The negative multinomial log-likelihood of each row, {@code -Σ_i x_i log softmax(logits)_i}.
     *
     * @param x the user's items {@code [B, I]}
     * @param logits the decoder's output {@code [B, I]}
     * @return {@code [B]}
     */
    static NDArray nll(NDArray x, NDArray logits) {
        return logits.logSoftmax(1).mul(x).sum(new int[] {1}).neg();
    }

    /**
     * The KL divergence of {@code N(μ, σ²)} from {@code N(0, I)} per row, {@code ½ Σ (−log σ² +
     * σ² + μ² − 1)}.
     *
     * @param mu {@code [B, L]}
     * @param logvar {@code [B, L]}
     * @return {@code [B]}
     */
    static NDArray kl(NDArray mu, NDArray logvar) {
        return logvar.exp().sub(logvar).add(mu.square()).sub(Scalars.of(mu, 1))
                .sum(new int[] {1}).mul(Scalars.of(mu, 0.5));
    }

    @Override
    public String name() {
        return config().variational() ? "Mult-VAE" : "Mult-DAE";
    }

    @Override
    public int items() {
        return config().items();
    }

    @Override
    public float[][] scores(SparseRows users, int from, int count) {
        if (users.cols() != items()) {
            throw new IllegalArgumentException(users.source() + " has " + users.cols()
                    + " items but the model scores " + items());
        }
        float[][] out = new float[count][];
        for (int start = 0; start < count; start += DEFAULT_BATCH) {
            int n = Math.min(DEFAULT_BATCH, count - start);
            if (buffer == null) {
                buffer = new BatchBuffer(DEFAULT_BATCH, items());
            }
            try (NDManager bm = manager().newSubManager()) {
                NDArray x = buffer.rows(bm, users, null, from + start, n);
                NDList o = block().forward(parameterStore(), new NDList(x), false);
                float[] flat = o.get(0).toFloatArray();
                for (int i = 0; i < n; i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(flat, i * items(),
                            (i + 1) * items());
                }
            }
        }
        return out;
    }

    @Override
    public String lacks(Class<?> capability) {
        if (capability == Sampler.class) {
            return "a " + config().family() + " model recommends items for users; it does not"
                    + " draw new users (use vae4j recommend for)";
        }
        return "a " + config().family() + " model recommends items: use vae4j recommend"
                + " evaluate or vae4j recommend for";
    }
}
