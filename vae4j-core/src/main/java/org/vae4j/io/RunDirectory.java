package org.vae4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vae4j.train.BestEpoch;
import org.vae4j.train.CheckpointSink;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingProgress;

/**
 * The layout of a training run's directory:
 *
 * <pre>
 * RUN_DIR/
 *   checkpoint.vae4j   the last state: parameters and optimizer (atomic; resume from here)
 *   model/             the best model so far by validation loss ({@link BestEpoch}; the last
 *                      one without a validation set): parameters.params, config.json,
 *                      provenance.json (its epoch and metrics are the best epoch's)
 *   metrics.csv        one row per epoch
 *   metrics.json       the same as a JSON array
 *   samples.png, reconstructions.png   written by the CLI after training
 * </pre>
 *
 * @param root the run directory
 */
public record RunDirectory(Path root) {

    /**
     * Returns the checkpoint file.
     *
     * @return {@code RUN_DIR/checkpoint.vae4j}
     */
    public Path checkpoint() {
        return root.resolve("checkpoint.vae4j");
    }

    /**
     * Returns the model directory.
     *
     * @return {@code RUN_DIR/model}
     */
    public Path model() {
        return root.resolve("model");
    }

    /**
     * Returns the CSV metrics file.
     *
     * @return {@code RUN_DIR/metrics.csv}
     */
    public Path metricsCsv() {
        return root.resolve("metrics.csv");
    }

    /**
     * Returns the JSON metrics file.
     *
     * @return {@code RUN_DIR/metrics.json}
     */
    public Path metricsJson() {
        return root.resolve("metrics.json");
    }

    /**
     * Returns the run directory of a second-stage prior trained on this run's codes
     * ({@code vae4j train-prior}).
     *
     * @return {@code root/prior}
     */
    public RunDirectory prior() {
        return new RunDirectory(root.resolve("prior"));
    }

    /**
     * Finds the model directory a user means by a path: a run directory (its {@code model/}) or a
     * model directory itself. Used by every command and server that takes {@code --run}.
     *
     * @param runOrModel RUN_DIR or RUN_DIR/model
     * @return the directory holding {@code config.json}
     * @throws IOException with a one-line message if there is no model there
     */
    public static Path modelDirOf(Path runOrModel) throws IOException {
        if (!Files.exists(runOrModel)) {
            throw new IOException(runOrModel + ": no such run directory");
        }
        Path dir = Files.exists(runOrModel.resolve(ModelStore.CONFIG))
                ? runOrModel
                : ModelSwap.readable(new RunDirectory(runOrModel).model());
        if (!Files.isDirectory(dir)) {
            throw new IOException(runOrModel
                    + ": no model/ in this run directory (did training finish an epoch?)");
        }
        return dir;
    }

    /**
     * Resolves a file name inside the run directory.
     *
     * @param name the file name
     * @return the path
     */
    public Path file(String name) {
        return root.resolve(name);
    }

    /**
     * Deletes temporary files left by a process killed while writing.
     *
     * @throws IOException if listing fails
     */
    public void removeStaleTemporaries() throws IOException {
        ModelStore.recover(model());
        for (Path dir : List.of(root, model())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /**
     * Writes {@code metrics.csv} and {@code metrics.json} from the full history.
     *
     * @param history every completed epoch
     * @throws IOException if writing fails
     */
    public void writeMetrics(List<EpochMetrics> history) throws IOException {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epoch to write metrics of");
        }
        StringBuilder csv = new StringBuilder(history.get(0).csvHeader()).append('\n');
        for (EpochMetrics m : history) {
            csv.append(m.csvRow()).append('\n');
        }
        AtomicFiles.writeString(metricsCsv(), csv.toString());
        AtomicFiles.writeString(metricsJson(), Json.toJson(history) + "\n");
    }

    /**
     * A sink that writes, at an epoch end, the model directory if the epoch is the best so far
     * ({@link BestEpoch#lastIsBest()}), then the checkpoint and the metrics files; on a stop
     * mid-epoch, the checkpoint alone. {@code model/} therefore keeps the best parameters, and a
     * later epoch whose validation loss is worse (a spike that stays finite) cannot replace them,
     * while the checkpoint always holds the last state, which {@code --resume} continues.
     *
     * <p>The model directory comes before the checkpoint: a kill between the two leaves the
     * checkpoint one epoch behind, and the resumed run repeats that epoch exactly and writes the
     * same model again. (The other order would leave {@code model/} one best epoch behind for
     * good.)
     *
     * @param options training options
     * @param dataSource data description
     * @param dataFingerprint training data hash
     * @param trainImages training set size
     * @param validationImages validation set size
     * @return the sink
     */
    public CheckpointSink sink(
            TrainOptions options,
            String dataSource,
            String dataFingerprint,
            int trainImages,
            int validationImages) {
        return (TrainingProgress progress, org.vae4j.model.GenerativeModel model,
                org.vae4j.train.GroupOptimizers optimizer) -> {
            CheckpointHeader header =
                    new CheckpointHeader(
                            Version.VAE4J,
                            model.config(),
                            options,
                            progress,
                            dataSource,
                            dataFingerprint,
                            trainImages,
                            validationImages);
            boolean epochEnd = progress.atEpochBoundary() && !progress.history().isEmpty();
            List<EpochMetrics> h = progress.history();
            if (epochEnd && (BestEpoch.of(h).lastIsBest() || !Files.exists(model()))) {
                double seconds = h.stream().mapToDouble(EpochMetrics::seconds).sum();
                Provenance p =
                        Provenance.now(
                                options,
                                dataSource,
                                dataFingerprint,
                                trainImages,
                                validationImages,
                                progress.completedEpochs(),
                                seconds,
                                h.get(h.size() - 1));
                ModelStore.save(model, p, model());
            }
            Checkpoint.write(checkpoint(), header, model, optimizer);
            if (epochEnd) {
                writeMetrics(h);
            }
        };
    }
}
