package org.vae4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vae4j.model.GenerativeModel;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import picocli.CommandLine;

/** Checks and names shared by the latent-space commands: manifold, embed, interpolate, traverse. */
final class LatentArgs {

    private LatentArgs() {}

    /**
     * Checks latent dimensions given by a flag against the model.
     *
     * @param flag the flag, for the message
     * @param dims the dimensions
     * @param latentDim the model's L
     * @return the dimensions as an array
     * @throws CliException "--dims 0,5: the model has 2 latent dimensions" and the like
     */
    static int[] dims(CommandLine cl, String flag, List<Integer> dims, int latentDim) {
        String given = flag + " " + dims.stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        int[] out = new int[dims.size()];
        boolean[] seen = new boolean[latentDim];
        for (int k = 0; k < out.length; k++) {
            int d = dims.get(k);
            if (d < 0 || d >= latentDim) {
                throw new CommandLine.ParameterException(cl, given + ": the model has "
                        + latentDim + " latent"
                        + " dimension" + (latentDim == 1 ? "" : "s") + " (0 to "
                        + (latentDim - 1) + ")");
            }
            if (seen[d]) {
                throw new CommandLine.ParameterException(cl,
                        given + ": dimension " + d + " is listed twice");
            }
            seen[d] = true;
            out[k] = d;
        }
        return out;
    }

    /**
     * Checks an image index given by a flag.
     *
     * @param flag the flag, for the message
     * @param index the index
     * @param set the data set
     * @return the index
     * @throws CliException "--from 12000: the data set has 10,000 images (0 to 9999): ..."
     */
    static int index(CommandLine cl, String flag, int index, ImageSet set) {
        if (index < 0 || index >= set.size()) {
            throw new CommandLine.ParameterException(cl, String.format(Locale.ROOT,
                    "%s %d: the data set has %,d images (0 to %d): %s", flag, index, set.size(),
                    set.size() - 1, set.source()));
        }
        return index;
    }

    /**
     * Checks {@code --label} against the model: a class in [0, K) of a conditional model.
     *
     * @param cl the command line, for usage errors
     * @param label the option's value, or null when not given
     * @param vae the model
     * @param required whether a conditional model needs the option (it decodes one class)
     * @return the label, or null
     * @throws CommandLine.ParameterException (exit 2) for a label the model cannot take, or a
     *     missing one that is required
     */
    static Integer label(CommandLine cl, Integer label, GenerativeModel vae, boolean required) {
        if (label == null) {
            if (required && vae.config().conditional()) {
                throw new CommandLine.ParameterException(cl, "the model is conditional on "
                        + vae.config().classes() + " classes: give --label 0.."
                        + (vae.config().classes() - 1));
            }
            return null;
        }
        try {
            vae.config().checkLabel(label);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--label: " + e.getMessage());
        }
        return label;
    }

    /**
     * The names of the set's labels: its own class names (image folders, the embedded set), else
     * Fashion-MNIST's when the set's source path mentions "fashion"; otherwise null (labels show
     * as numbers).
     *
     * @param set the data set
     * @return names by label, or null
     */
    static List<String> classNames(ImageSet set) {
        if (!set.hasLabels()) {
            return null;
        }
        if (!set.classNames().isEmpty()) {
            return set.classNames();
        }
        boolean fashion = set.source().toLowerCase(Locale.ROOT).contains("fashion");
        int max = Arrays.stream(set.labels()).max().orElse(0);
        return fashion && max < EmbeddedData.FASHION_MNIST_CLASSES.length
                ? List.of(EmbeddedData.FASHION_MNIST_CLASSES)
                : null;
    }

    /**
     * Describes an image of a set for titles: "image 12 (Sneaker)", "image 12 (label 7)" or
     * "image 12".
     *
     * @param set the data set
     * @param i image index
     * @param names label names, or null
     * @return the description
     */
    static String describe(ImageSet set, int i, List<String> names) {
        if (!set.hasLabels()) {
            return "image " + i;
        }
        int label = set.label(i);
        return "image " + i + " (" + (names != null && label < names.size() ? names.get(label)
                : "label " + label) + ")";
    }

    /** A number as the user would write it: 2.0 as "2", 0.25 as "0.25". */
    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
