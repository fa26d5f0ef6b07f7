package org.vae4j.train;

import java.io.IOException;
import org.vae4j.model.GenerativeModel;

/** Persists a training run's state; called at every epoch end and when a stop is requested. */
@FunctionalInterface
public interface CheckpointSink {

    /**
     * Saves the state. Implementations must write atomically: a crash during the call must
     * leave the previous checkpoint usable.
     *
     * @param progress counters and history
     * @param model the model's current parameters
     * @param optimizers every parameter group's optimizer state
     * @throws IOException if writing fails
     */
    void save(TrainingProgress progress, GenerativeModel model, GroupOptimizers optimizers)
            throws IOException;
}
