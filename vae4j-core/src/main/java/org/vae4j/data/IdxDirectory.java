package org.vae4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory laid out the way MNIST and Fashion-MNIST are downloaded:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each possibly with a
 * {@code .gz} suffix. The spelling with a dot ({@code train-images.idx3-ubyte}), used by some
 * mirrors, is accepted too. Labels are optional.
 */
public final class IdxDirectory {
    private IdxDirectory() {
    }

    /**
     * Reads the training images, and their labels if present.
     *
     * @param dir the directory
     * @return the images ({@code 1×rows×cols}), labelled if a label file is present
     * @throws InvalidDataException if the directory or the images file is missing, or a file is
     *     malformed
     * @throws IOException on other read errors
     */
    public static ImageSet train(Path dir) throws IOException {
        return read(dir, "train");
    }

    /**
     * Reads the test images, and their labels if present.
     *
     * @param dir the directory
     * @return the images ({@code 1×rows×cols}), labelled if a label file is present
     * @throws InvalidDataException if the directory or the images file is missing, or a file is
     *     malformed
     * @throws IOException on other read errors
     */
    public static ImageSet test(Path dir) throws IOException {
        return read(dir, "t10k");
    }

    /**
     * Whether the directory holds training images.
     *
     * @param dir the directory
     * @return true if {@code train-images-idx3-ubyte[.gz]} is there
     */
    public static boolean hasTrain(Path dir) {
        return find(dir, "train", "images", 3) != null;
    }

    /**
     * Whether the directory holds test images.
     *
     * @param dir the directory
     * @return true if {@code t10k-images-idx3-ubyte[.gz]} is there
     */
    public static boolean hasTest(Path dir) {
        return find(dir, "t10k", "images", 3) != null;
    }

    private static ImageSet read(Path dir, String prefix) throws IOException {
        if (!Files.exists(dir)) {
            throw new InvalidDataException(dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidDataException(dir + ": not a directory");
        }
        Path images = find(dir, prefix, "images", 3);
        if (images == null) {
            throw new InvalidDataException(dir + ": no " + prefix
                    + "-images-idx3-ubyte[.gz] (expected MNIST-style IDX files)");
        }
        return IdxFormat.read(images, find(dir, prefix, "labels", 1));
    }

    /** The first existing regular file among the accepted spellings, raw before gzip. */
    private static Path find(Path dir, String prefix, String kind, int dims) {
        String[] names = {
            prefix + "-" + kind + "-idx" + dims + "-ubyte",
            prefix + "-" + kind + "-idx" + dims + "-ubyte.gz",
            prefix + "-" + kind + ".idx" + dims + "-ubyte",
            prefix + "-" + kind + ".idx" + dims + "-ubyte.gz",
        };
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
