package org.vae4j.io;

import org.vae4j.model.ModelConfig;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingProgress;

/**
 * The JSON part of a checkpoint: what a resumed run needs besides the arrays.
 *
 * @param vae4jVersion the version that wrote it
 * @param config the model's configuration (tagged with its family)
 * @param options the training options
 * @param progress counters and history
 * @param dataSource where the training data came from
 * @param dataFingerprint SHA-256 of the training data, checked on resume
 * @param trainImages training set size
 * @param validationImages validation set size
 */
public record CheckpointHeader(
        String vae4jVersion,
        ModelConfig config,
        TrainOptions options,
        TrainingProgress progress,
        String dataSource,
        String dataFingerprint,
        int trainImages,
        int validationImages) {}
