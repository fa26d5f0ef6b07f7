package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunModels;
import org.vae4j.io.SavedModel;
import picocli.CommandLine.Option;

/** The {@code --run} option of commands that use a trained model. */
final class RunOption {

    @Option(
            names = "--run",
            required = true,
            paramLabel = "RUN_DIR",
            description = "A training run directory (or a model directory inside one).")
    Path run;

    /**
     * Loads the run's model, accepting either RUN_DIR or RUN_DIR/model; a model with a discrete
     * code grid comes with its prior (RUN_DIR/prior, from train-prior), which lets it sample.
     */
    SavedModel load() throws IOException {
        return RunModels.load(run);
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
