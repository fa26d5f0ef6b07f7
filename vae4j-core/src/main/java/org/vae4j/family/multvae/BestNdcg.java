package org.vae4j.family.multvae;

import ai.djl.MalformedModelException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.vae4j.model.GenerativeModel;
import org.vae4j.train.CheckpointSink;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.GroupOptimizers;
import org.vae4j.train.TrainingProgress;

/**
 * Keeps the parameters of the epoch with the highest validation NDCG@100, as the paper selects
 * its model (the trainer's own {@code BestEpoch} minimises the first validation metric, a loss;
 * a ranking metric is maximised). A {@link CheckpointSink} that copies the parameters into memory
 * whenever the epoch just finished is the best so far (strictly higher and finite; on a tie the
 * earlier epoch stays), then passes every call on to an optional further sink.
 */
public final class BestNdcg implements CheckpointSink {

    private final CheckpointSink next;
    private byte[] best;
    private int bestEpoch;
    private double bestValue = Double.NaN;

    /**
     * Creates the sink.
     *
     * @param next a sink to pass every save on to, or null
     */
    public BestNdcg(CheckpointSink next) {
        this.next = next;
    }

    @Override
    public void save(TrainingProgress progress, GenerativeModel model, GroupOptimizers optimizers)
            throws IOException {
        List<EpochMetrics> h = progress.history();
        if (progress.atEpochBoundary() && !h.isEmpty()) {
            EpochMetrics last = h.get(h.size() - 1);
            double v = last.validation(MultVaeStep.NDCG);
            if (Double.isFinite(v) && (bestEpoch == 0 || v > bestValue)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    model.writeParameters(out);
                }
                best = bytes.toByteArray();
                bestEpoch = last.epoch();
                bestValue = v;
            }
        }
        if (next != null) {
            next.save(progress, model, optimizers);
        }
    }

    /**
     * Returns the best epoch so far.
     *
     * @return 1-based, 0 when no epoch had a finite validation NDCG@100
     */
    public int epoch() {
        return bestEpoch;
    }

    /**
     * Returns its validation NDCG@100.
     *
     * @return the value, NaN when {@link #epoch()} is 0
     */
    public double value() {
        return bestValue;
    }

    /**
     * Puts the best epoch's parameters back into the model (nothing when there is none).
     *
     * @param model the model that was trained
     * @throws IOException if the copy cannot be read
     * @throws MalformedModelException if it does not fit the model
     */
    public void restore(GenerativeModel model) throws IOException, MalformedModelException {
        if (best == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(best))) {
            model.block().loadParameters(model.manager(), in);
        }
    }
}
