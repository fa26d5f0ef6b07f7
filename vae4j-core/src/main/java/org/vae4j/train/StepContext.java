package org.vae4j.train;

/**
 * Where a training step stands, for steps whose loss depends on it (a KL warm-up, say).
 *
 * @param epoch 1-based epoch
 * @param batch 0-based step within the epoch
 * @param batchesPerEpoch steps per epoch
 * @param step optimizer updates done before this one, since the run started (0-based)
 */
public record StepContext(int epoch, int batch, int batchesPerEpoch, long step) {}
