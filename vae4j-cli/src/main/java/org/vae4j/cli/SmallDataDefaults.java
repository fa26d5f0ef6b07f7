package org.vae4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The conv network's defaults for small training sets. Keras' convolutional VAE (conv 32-64,
 * dense 16, batch 128), vae4j's conv default, is tuned for Fashion-MNIST's 60,000 images: 15
 * epochs of it on a 2,700-image folder are 315 updates, and a 16-unit dense layer between the
 * convolutions and the code. Measured on 3,000 RGB shapes (bench/RESULTS.md, "Conv defaults on
 * small folders"), that drew grey blobs where the MLP learned the colours. Below {@value
 * #MAX_TRAIN_IMAGES} training images a conv run whose flags leave them out gets batch {@value
 * #BATCH} (four times the updates per epoch) and a dense width of {@value #DENSE}; given flags
 * are never changed, and the output says what was picked.
 */
final class SmallDataDefaults {

    /** Training sets below this size count as small. */
    static final int MAX_TRAIN_IMAGES = 20_000;
    /** The batch size picked for a small set. */
    static final int BATCH = 32;
    /** The dense width picked for a small set (the conv widths stay 32, 64). */
    static final int DENSE = 128;

    private SmallDataDefaults() {}

    /**
     * Applies the small-set defaults to the flags the user left out.
     *
     * @param parsed the command line as parsed, to tell given flags from defaults
     * @param network the model flags; {@code hidden} is set when picked
     * @param training the training flags; {@code batch} is set when picked
     * @param trainImages the size of the training split
     * @return a line saying what was picked, or null when nothing was
     */
    static String apply(CommandLine.ParseResult parsed, NetworkFlags network,
            TrainingFlags training, int trainImages) {
        if (!"conv".equals(network.model) || trainImages >= MAX_TRAIN_IMAGES) {
            return null;
        }
        List<String> picked = new ArrayList<>();
        if (!parsed.hasMatchedOption("--batch")) {
            training.batch = BATCH;
            picked.add("--batch " + BATCH);
        }
        if (!parsed.hasMatchedOption("--hidden")) {
            network.hidden = List.of(32, 64, DENSE);
            picked.add("--hidden 32,64," + DENSE);
        }
        if (picked.isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "small data set (%,d training images): conv defaults"
                + " %s (Keras' batch 128 and dense 16 are tuned for 60,000 images; give the"
                + " flags to override)", trainImages, String.join(" ", picked));
    }
}
