package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.vae4j.data.Cifar10;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.IdxDirectory;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageFolderException;
import org.vae4j.data.ImageSet;
import org.vae4j.data.InvalidDataException;
import org.vae4j.data.SpreadSample;
import org.vae4j.util.SourceNames;

/**
 * Where the CLI's images come from: {@code --data PATH} (an IDX directory, a CIFAR-10 directory
 * or a folder of PNG/JPEG images) or the embedded default.
 */
final class Datasets {

    /** What a {@code --data} path holds. */
    enum Kind {
        /** No {@code --data}: the embedded Fashion-MNIST test set. */
        EMBEDDED("the embedded data set"),
        /** MNIST-style IDX files: train-* and t10k-*. */
        IDX("an IDX directory"),
        /** CIFAR-10 binary batches: data_batch_1..5.bin and test_batch.bin. */
        CIFAR10("a CIFAR-10 directory"),
        /** Any other directory: its PNG and JPEG images. */
        FOLDER("an image folder");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private Datasets() {}

    /**
     * What {@code data} holds: IDX files win over CIFAR-10 files, which win over images.
     *
     * @throws InvalidDataException if the path is missing or not a directory
     */
    static Kind kind(Path data) throws InvalidDataException {
        if (data == null) {
            return Kind.EMBEDDED;
        }
        if (!Files.exists(data)) {
            throw new InvalidDataException(data + ": no such directory");
        }
        if (!Files.isDirectory(data)) {
            throw new InvalidDataException(data + ": not a directory (--data takes an IDX or"
                    + " CIFAR-10 directory or a folder of PNG/JPEG images)");
        }
        if (IdxDirectory.hasTrain(data) || IdxDirectory.hasTest(data)) {
            return Kind.IDX;
        }
        return Cifar10.isCifar10(data) ? Kind.CIFAR10 : Kind.FOLDER;
    }

    /**
     * The training images: IDX train files, CIFAR-10 data batches, every image of a folder, or
     * the embedded set; cut to {@code limit} if {@code limit > 0} (see {@link #limited}).
     */
    static ImageSet train(Path data, int limit, ImageFolder.Options folder, PrintWriter err)
            throws IOException {
        Kind kind = kind(data);
        ImageSet set = switch (kind) {
            case EMBEDDED -> EmbeddedData.fashionMnistTest();
            case IDX -> IdxDirectory.train(data);
            case CIFAR10 -> Cifar10.train(data);
            case FOLDER -> folder(data, folder, err);
        };
        return limited(set, kind, limit);
    }

    /**
     * The test images: IDX t10k files, the CIFAR-10 test batch, every image of a folder (a
     * folder has no test part: point {@code --data} at held-out images), or the embedded set.
     */
    static ImageSet test(Path data, int limit, ImageFolder.Options folder, PrintWriter err)
            throws IOException {
        Kind kind = kind(data);
        ImageSet set = switch (kind) {
            case EMBEDDED -> EmbeddedData.fashionMnistTest();
            case IDX -> IdxDirectory.test(data);
            case CIFAR10 -> Cifar10.test(data);
            case FOLDER -> folder(data, folder, err);
        };
        return limited(set, kind, limit);
    }

    /** A folder's images; skipped files become a warning, problems name the flag that helps. */
    private static ImageSet folder(Path dir, ImageFolder.Options options, PrintWriter err)
            throws IOException {
        try {
            return ImageFolder.read(dir, options, w -> {
                err.println("warning: " + w);
                err.flush();
            });
        } catch (ImageFolderException e) {
            String hint = switch (e.problem()) {
                case MIXED_SIZES -> "; " + ImageOptions.SIZE
                        + " N or HxW scales and centre-crops them all to one size";
                case BAD_IMAGE -> "; " + ImageOptions.BAD + " skip leaves such files out";
                case NO_IMAGES -> "";
            };
            throw new InvalidDataException(e.getMessage() + hint, e);
        }
    }

    /** Seed of the {@code --limit} sample of an image folder: fixed, so every command agrees. */
    static final long LIMIT_SEED = 0;

    /**
     * {@code --limit}: the first {@code limit} images of an IDX, CIFAR-10 or embedded set (runs
     * and published numbers rely on them), but of an image folder, whose images come sorted by
     * class, a sample spread over its classes (or, without classes, a sample), seeded with
     * {@link #LIMIT_SEED} and kept in file order.
     */
    static ImageSet limited(ImageSet set, Kind kind, int limit) {
        if (limit <= 0 || limit >= set.size()) {
            return set;
        }
        return kind == Kind.FOLDER ? SpreadSample.inOrder(set, limit, LIMIT_SEED)
                : set.first(limit);
    }

    /** The images whose label is not in {@code classes} (for training on "normal" classes). */
    static ImageSet withoutClasses(ImageSet set, List<Integer> classes) {
        if (!set.hasLabels()) {
            throw new CliException("--exclude-classes needs labels, but " + set.source()
                    + " has none");
        }
        int[] keep = IntStream.range(0, set.size())
                .filter(i -> !classes.contains(set.label(i))).toArray();
        if (keep.length == set.size()) {
            throw new CliException("--exclude-classes " + classes + ": no image of "
                    + set.source() + " has these labels");
        }
        if (keep.length == 0) {
            throw new CliException("--exclude-classes " + classes + " leaves no images of "
                    + set.source());
        }
        return set.subset(keep, SourceNames.qualify(set.source(), "without classes " + classes));
    }
}
