package org.vae4j.io;

import org.vae4j.model.GenerativeModel;

/**
 * A model read from a model directory, with the provenance saved beside it.
 *
 * @param model the model (owns native memory: close this record)
 * @param provenance how it was made
 */
public record SavedModel(GenerativeModel model, Provenance provenance) implements AutoCloseable {

    @Override
    public void close() {
        model.close();
    }
}
