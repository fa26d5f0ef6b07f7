package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.engine.Precision;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunModels;
import org.vae4j.io.SavedModel;
import org.vae4j.model.Precisions;
import picocli.CommandLine.Option;

/** The {@code --run} option of commands that use a trained model. */
final class RunOption {

    @Option(
            names = "--run",
            required = true,
            paramLabel = "RUN_DIR",
            description = "A training run directory (or a model directory inside one).")
    Path run;

    @Option(
            names = "--precision",
            paramLabel = "P",
            defaultValue = "fp32",
            converter = PrecisionConverter.class,
            description = PrecisionConverter.HELP)
    Precision precision;

    /**
     * Loads the run's model, accepting either RUN_DIR or RUN_DIR/model; a model with a discrete
     * code grid comes with its prior (RUN_DIR/prior, from train-prior), which lets it sample.
     */
    SavedModel load() throws IOException {
        return load(run);
    }

    /** Loads another model (a background model, say) in this command's --precision. */
    SavedModel load(Path dir) throws IOException {
        SavedModel saved = RunModels.load(dir);
        Precisions.apply(saved.model().block(), precision);
        return saved;
    }

    /** Where output files go by default: the run directory. */
    Path outputDir() {
        return root();
    }

    /** The run directory, also when --run names its model/ directory. */
    Path root() {
        return Files.exists(run.resolve(ModelStore.CONFIG)) && run.getParent() != null
                ? run.getParent()
                : run;
    }
}
