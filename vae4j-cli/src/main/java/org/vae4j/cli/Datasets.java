package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.IdxDirectory;
import org.vae4j.data.ImageSet;

/** Where the CLI's images come from: {@code --data DIR} or the embedded default. */
final class Datasets {

    private Datasets() {}

    /** The training images: DIR's train files, or the embedded Fashion-MNIST test set. */
    static ImageSet train(Path dir, int limit) throws IOException {
        ImageSet set = dir == null ? EmbeddedData.fashionMnistTest() : IdxDirectory.train(dir);
        return limit > 0 && limit < set.size() ? set.first(limit) : set;
    }

    /** The evaluation images: DIR's t10k files, or the embedded Fashion-MNIST test set. */
    static ImageSet test(Path dir, int limit) throws IOException {
        ImageSet set = dir == null ? EmbeddedData.fashionMnistTest() : IdxDirectory.test(dir);
        return limit > 0 && limit < set.size() ? set.first(limit) : set;
    }

    /** The images whose label is not in {@code classes} (for training on "normal" classes). */
    static ImageSet withoutClasses(ImageSet set, java.util.List<Integer> classes) {
        if (!set.hasLabels()) {
            throw new CliException("--exclude-classes needs labels, but " + set.source()
                    + " has none");
        }
        int[] keep = java.util.stream.IntStream.range(0, set.size())
                .filter(i -> !classes.contains(set.label(i))).toArray();
        if (keep.length == set.size()) {
            throw new CliException("--exclude-classes " + classes + ": no image of "
                    + set.source() + " has these labels");
        }
        if (keep.length == 0) {
            throw new CliException("--exclude-classes " + classes + " leaves no images of "
                    + set.source());
        }
        return set.subset(keep, set.source() + " without classes " + classes);
    }
}
