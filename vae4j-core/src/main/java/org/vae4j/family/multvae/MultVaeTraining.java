package org.vae4j.family.multvae;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.vae4j.data.SparseRows;
import org.vae4j.family.Families;
import org.vae4j.recommend.HeldOutUsers;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingListener;
import org.vae4j.train.TrainingResult;

/**
 * Trains a Mult-VAE or Mult-DAE through the shared trainer and keeps its best epoch by
 * validation NDCG@100 ({@link BestNdcg}).
 */
public final class MultVaeTraining {

    private MultVaeTraining() {}

    /**
     * A trained model, its history and the epoch whose parameters it holds.
     *
     * @param model the model, with the best epoch's parameters (close it)
     * @param result the trainer's history
     * @param bestEpoch the epoch kept, 0 if no epoch had a validation NDCG@100
     * @param bestNdcg its validation NDCG@100
     */
    public record Fitted(MultVaeModel model, TrainingResult result, int bestEpoch,
            double bestNdcg) {}

    /**
     * Trains a fresh model.
     *
     * @param config the network
     * @param train the training users
     * @param validation held-out users whose NDCG@100 picks the epoch, or null (then the last
     *     epoch is kept)
     * @param options epochs, batch size, learning rate, seed (β, warm-ups and objectives other
     *     than the defaults are refused: the configuration anneals β)
     * @param listener progress events, or null
     * @return the model with the best epoch's parameters
     */
    public static Fitted fit(MultVaeConfig config, SparseRows train, HeldOutUsers validation,
            TrainOptions options, TrainingListener listener) {
        MultVaeModel model = MultVaeModel.create(config, options.seed());
        try {
            BestNdcg best = new BestNdcg(null);
            TrainingResult r = Families.trainer(model, options, listener, best, null)
                    .fit(train, validation);
            best.restore(model);
            return new Fitted(model, r, best.epoch(), best.value());
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException(e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }
}
