package org.vae4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vae4j.family.pixelcnn.PriorSampler;
import org.vae4j.model.DiscreteCoder;

/**
 * Loads the model of a run as the commands use it: the model directory, and, for a model with a
 * discrete code grid ({@link DiscreteCoder}) whose run holds a prior ({@code RUN/prior/model},
 * written by {@code vae4j train-prior}), both joined as a {@link PriorSampler}, which can
 * sample. The prior must have been trained on this very model's codes (its configuration records
 * the model's parameter hash); if not, the model loads but refuses to sample, saying why.
 */
public final class RunModels {

    /**
     * The directory inside a run that holds its background model ({@code train --background-of},
     * the likelihood ratio's denominator), which {@code score} and {@code serve} pick up.
     */
    public static final String BACKGROUND = "background";

    private RunModels() {}

    /**
     * Loads a run's model on the CPU, with its prior if it has one.
     *
     * @param runOrModel RUN_DIR or RUN_DIR/model
     * @return the model (a {@link PriorSampler} when a prior is there) and its provenance
     * @throws IOException with a one-line message if a directory cannot be read
     */
    public static SavedModel load(Path runOrModel) throws IOException {
        Path modelDir = RunDirectory.modelDirOf(runOrModel);
        SavedModel saved = ModelStore.load(modelDir);
        Path root = Files.exists(runOrModel.resolve(ModelStore.CONFIG))
                && runOrModel.getParent() != null ? runOrModel.getParent() : runOrModel;
        RunDirectory prior = new RunDirectory(root).prior();
        if (!saved.model().can(DiscreteCoder.class) || !Files.isDirectory(prior.model())) {
            return saved;
        }
        try {
            SavedModel p = ModelStore.load(prior.model());
            try {
                String trainedOn = p.model().config() instanceof
                        org.vae4j.family.pixelcnn.PixelCnnConfig c ? c.coder() : null;
                String sha = saved.provenance().parametersSha256();
                if (trainedOn != null && !trainedOn.equals(sha)) {
                    // Only sampling is refused: reconstruct, embed and the rest still work.
                    return new SavedModel(PriorSampler.refusing(
                            saved.model().as(DiscreteCoder.class), p.model(), prior.root()
                                    + " was trained on the codes of other parameters of this"
                                    + " model (trained further or replaced): delete it and run"
                                    + " vae4j train-prior --run " + root + " again"),
                            saved.provenance());
                }
                return new SavedModel(PriorSampler.of(saved.model().as(DiscreteCoder.class),
                        p.model()), saved.provenance());
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            saved.close();
            if (e instanceof IllegalArgumentException) {
                throw new IOException(prior.model() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
