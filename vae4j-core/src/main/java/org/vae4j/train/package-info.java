/**
 * Training, for every model family: {@link org.vae4j.train.Trainer} runs the one loop (epochs,
 * shuffling, seeds, learning-rate schedule, checkpoints, NaN guard, exact resume) around a
 * family's {@link org.vae4j.train.TrainStep}; each {@link org.vae4j.train.ParameterGroup} has its
 * own optimizer (Adam, RMSprop or SGD; {@link org.vae4j.train.GroupOptimizers}); the step's named
 * metrics go to a {@link org.vae4j.train.TrainingListener} and, with the state, to a {@link
 * org.vae4j.train.CheckpointSink}.
 */
package org.vae4j.train;
