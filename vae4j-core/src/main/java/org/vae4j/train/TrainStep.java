package org.vae4j.train;

import java.util.List;
import org.vae4j.data.Batch;
import org.vae4j.data.BatchSource;
import org.vae4j.model.Metrics;

/**
 * A family's training step: its loss, its parameter groups and what it reports. The {@link
 * Trainer} owns everything around it (epochs, order, seeds, learning-rate schedule, the NaN
 * guard, checkpoints, resume) and knows no family.
 *
 * <p>Contract of one step: {@link #step} runs the forward pass and the backward pass (inside a
 * gradient collector of its own), leaving gradients on the groups' parameters, and returns the
 * batch's sums of {@link #sumNames()}; the trainer then checks them for NaN and infinity and
 * only then lets every group's optimizer apply its update. A family with alternating updates
 * (a discriminator first, say) makes its inner updates itself and returns the sums of the step
 * as a whole.
 */
public interface TrainStep {

    /**
     * The parameter groups, each updated by its own optimizer after every step.
     *
     * @return at least one group
     */
    List<ParameterGroup> groups();

    /**
     * Names of the sums {@link #step} returns (summed over the batch's rows), e.g. {@code
     * reconstruction, kl}.
     *
     * @return the names
     */
    List<String> sumNames();

    /**
     * One step's forward and backward pass.
     *
     * @param batch the inputs
     * @param context epoch, step and steps per epoch
     * @return the batch's sums, one per {@link #sumNames()}
     */
    float[] step(Batch batch, StepContext context);

    /**
     * The epoch's metrics from the sums of its steps: its first metric is the loss a progress line
     * shows.
     *
     * @param sums the accumulated sums, one per {@link #sumNames()}
     * @param rows rows the sums cover, &gt; 0
     * @return per-row metrics
     */
    Metrics metrics(double[] sums, long rows);

    /**
     * The same metrics on held-out data, without gradients.
     *
     * @param validation the validation batches (made once per run)
     * @param seed reseeds the engine's generator first, so every epoch sees the same noise
     * @return per-row metrics, with the names of {@link #metrics}
     */
    Metrics evaluate(BatchSource validation, long seed);
}
