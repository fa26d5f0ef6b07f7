package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
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

    /** Loads the run's model, accepting either RUN_DIR or RUN_DIR/model. */
    SavedModel load() throws IOException {
        if (!Files.exists(run)) {
            throw new IOException(run + ": no such run directory");
        }
        Path dir = Files.exists(run.resolve(ModelStore.CONFIG)) ? run : new RunDirectory(run).model();
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    run + ": no model/ in this run directory (did training finish an epoch?)");
        }
        return ModelStore.load(dir);
    }

    /** Where output files go by default: the run directory. */
    Path outputDir() {
        return Files.exists(run.resolve(ModelStore.CONFIG)) && run.getParent() != null
                ? run.getParent()
                : run;
    }
}
