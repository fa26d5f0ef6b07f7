package org.vae4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.vae4j.model.ModelConfig;
import org.vae4j.data.BadImagePolicy;
import org.vae4j.data.ColorMode;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSet;
import org.vae4j.data.ImageSize;
import org.vae4j.data.InvalidDataException;
import org.vae4j.data.Split;
import org.vae4j.io.SavedModel;
import org.vae4j.train.TrainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The images that commands using a trained run (evaluate, score, reconstruct, classify) read.
 *
 * <p>With {@code --data PATH}: an IDX directory's t10k files, a CIFAR-10 directory's
 * {@code test_batch.bin}, or every image of a folder, brought to the model's size and channels
 * unless {@code --image-size}/{@code --color} say otherwise.
 *
 * <p>Without it, the run's own data from {@code RUN_DIR/data.json}: the test files of its IDX or
 * CIFAR-10 directory, or, for an image folder (which has no test part), the run's validation
 * split, rebuilt with its flags, {@code --val-fraction} and {@code --seed}: images the model did
 * not train on. Runs on the embedded set, and runs older than data.json, use the embedded set.
 */
final class EvalData {

    @Option(names = "--data", paramLabel = "PATH",
            description = "IDX directory (its t10k files), CIFAR-10 directory (test_batch.bin) or"
                    + " folder of PNG/JPEG images (all of them). Default: the run's own test"
                    + " images; for an image folder, the run's validation split.")
    Path data;

    @Mixin ImageOptions image;

    /** Labelled images to fit classifiers on, and images to test them on. */
    record PoolAndTest(ImageSet pool, ImageSet test) {}

    /**
     * The test images, cut to {@code limit} if {@code limit > 0}: the first ones, or of an image
     * folder a sample spread over its classes ({@link Datasets#limited}).
     */
    ImageSet test(CommandLine cmd, RunOption run, SavedModel saved, int limit) throws IOException {
        PrintWriter err = cmd.getErr();
        if (data != null) {
            return Datasets.test(data, limit, folderOptions(cmd, saved.model().config()), err);
        }
        DataArgs args = runData(cmd, run);
        if (args == null || args.data() == null) {
            checkEmbedded(cmd, run, saved, args);
            return Datasets.test(null, limit, null, err);
        }
        Path dir = args.dataPath();
        if (fromRun(run, () -> Datasets.kind(dir)) != Datasets.Kind.FOLDER) {
            return fromRun(run, () -> Datasets.test(dir, limit, null, err));
        }
        Split split = runSplit(run, args, saved, err);
        ImageSet held = split.validation();
        if (held == null) {
            warn(err, run.root() + " held out no validation images (--val-fraction 0): using its"
                    + " training images");
            held = split.train();
        }
        return Datasets.limited(held, Datasets.Kind.FOLDER, limit);
    }

    /**
     * The images the run trained on (its training split, without validation images), for
     * scores measured against them; the embedded set for runs without data.json.
     *
     * @param cmd the command line
     * @param run the run
     * @param saved its model
     * @return the training images
     * @throws IOException with a one-line message if they cannot be read
     */
    ImageSet training(CommandLine cmd, RunOption run, SavedModel saved) throws IOException {
        PrintWriter err = cmd.getErr();
        DataArgs args = DataArgs.load(run.root());
        if (args == null) {
            checkEmbedded(cmd, run, saved, null);
            args = new DataArgs(null, 0, null, null, null, null);
        }
        return runSplit(run, args, saved, err).train();
    }

    /**
     * Another set's test images, read and fitted to the model as {@code --data} would be: for
     * out-of-distribution checks against the run's own test images.
     *
     * @param cmd the command line
     * @param path the other set (IDX, CIFAR-10 or image folder)
     * @param saved the model
     * @param limit the first N images, 0 for all
     * @return the images
     * @throws IOException with a one-line message if they cannot be read
     */
    ImageSet other(CommandLine cmd, Path path, SavedModel saved, int limit) throws IOException {
        return Datasets.test(path, limit, folderOptions(cmd, saved.model().config()),
                cmd.getErr());
    }

    /**
     * For classify: an IDX or CIFAR-10 directory gives its train and test files; a folder given
     * with --data, or the embedded set, is split in half with {@code seed}; the run's own folder
     * gives its training split and its validation split.
     */
    PoolAndTest poolAndTest(CommandLine cmd, RunOption run, SavedModel saved, long seed)
            throws IOException {
        PrintWriter err = cmd.getErr();
        if (data != null) {
            ImageFolder.Options folder = folderOptions(cmd, saved.model().config());
            return Datasets.kind(data) == Datasets.Kind.FOLDER
                    ? halves(Datasets.train(data, 0, folder, err), seed)
                    : new PoolAndTest(Datasets.train(data, 0, null, err),
                            Datasets.test(data, 0, null, err));
        }
        DataArgs args = runData(cmd, run);
        if (args == null || args.data() == null) {
            checkEmbedded(cmd, run, saved, args);
            return halves(Datasets.train(null, 0, null, err), seed);
        }
        Path dir = args.dataPath();
        if (fromRun(run, () -> Datasets.kind(dir)) != Datasets.Kind.FOLDER) {
            return fromRun(run, () -> new PoolAndTest(Datasets.train(dir, 0, null, err),
                    Datasets.test(dir, 0, null, err)));
        }
        Split split = runSplit(run, args, saved, err);
        return split.validation() == null ? halves(split.train(), seed)
                : new PoolAndTest(split.train(), split.validation());
    }

    private static PoolAndTest halves(ImageSet all, long seed) {
        // Named as halves: "(validation split)" would claim a training run held them out.
        Split halves = Split.of(all, 0.5, seed, "pool half", "test half");
        return new PoolAndTest(halves.train(), halves.validation());
    }

    /**
     * The folder flags given, the rest from the model: its size, and gray for one channel or
     * RGB for three, so that any folder fits the model. Checks the flags suit the data.
     */
    private ImageFolder.Options folderOptions(CommandLine cmd, ModelConfig model)
            throws InvalidDataException {
        Datasets.Kind kind = Datasets.kind(data);
        if (image.anyGiven() && kind != Datasets.Kind.FOLDER) {
            throw new CommandLine.ParameterException(cmd, image.given() + ": these flags apply"
                    + " to image folders, but " + data + " is " + kind.description);
        }
        ColorMode color = model.channels() == 1 ? ColorMode.GRAY
                : model.channels() == 3 ? ColorMode.RGB : ColorMode.AUTO;
        return image.resolve(cmd, new ImageFolder.Options(
                new ImageSize(model.height(), model.width()), color, BadImagePolicy.FAIL));
    }

    /** The run's data.json; the folder flags only make sense with --data. */
    /**
     * A run without {@code data.json} falls back on the embedded set only if it was trained on
     * it: a digits model used to be evaluated on Fashion-MNIST in silence.
     */
    private static void checkEmbedded(CommandLine cmd, RunOption run, SavedModel saved,
            DataArgs args) {
        String source = saved.provenance().dataSource();
        if (args != null || source == null
                || org.vae4j.data.EmbeddedData.isSourceOf(source)) {
            return;
        }
        throw new CommandLine.ParameterException(cmd, run.root() + " has no "
                + DataArgs.FILE + " and was trained on " + source + ", not the embedded set:"
                + " give its data with --data PATH");
    }

    private DataArgs runData(CommandLine cmd, RunOption run) throws IOException {
        if (image.anyGiven()) {
            throw new CommandLine.ParameterException(cmd, image.given() + ": image flags need"
                    + " --data PATH; without it the run's own images are read as it was trained");
        }
        return DataArgs.load(run.root());
    }

    /** The run's training and validation images, as train divided them. */
    private Split runSplit(RunOption run, DataArgs args, SavedModel saved, PrintWriter err)
            throws IOException {
        ImageSet all = fromRun(run, () -> args.trainingImages(err));
        String trained = saved.provenance().dataFingerprint();
        if (trained != null && !trained.equals(all.fingerprint())) {
            warn(err, args.data() + " has changed since " + run.root() + " was trained on it:"
                    + " its validation split may now hold training images");
        }
        TrainOptions o = saved.provenance().options();
        return Split.of(all, o.validationFraction(), o.seed());
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    /** Says where a path the user did not type came from when reading it fails. */
    private static <T> T fromRun(RunOption run, Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (InvalidDataException e) {
            throw new InvalidDataException(e.getMessage() + " (the data of "
                    + run.root().resolve(DataArgs.FILE) + "; choose other images with --data)",
                    e);
        }
    }

    private static void warn(PrintWriter err, String message) {
        err.println("warning: " + message);
        err.flush();
    }
}
