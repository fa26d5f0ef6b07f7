package org.vae4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.vae4j.family.Families;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Sampler;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.engine.Precision;
import org.vae4j.io.Checkpoint;
import org.vae4j.io.CheckpointHeader;
import org.vae4j.io.Json;
import org.vae4j.io.RunDirectory;
import org.vae4j.io.RunLock;
import org.vae4j.io.ModelStore;
import org.vae4j.io.SavedModel;
import org.vae4j.model.Metrics;
import org.vae4j.train.BestEpoch;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.Objective;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j train}: trains a VAE, checkpointing every epoch, resumable. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a model (a VAE; --family ae: a plain autoencoder; --family vqvae: a VQ-VAE) and"
                    + " writes a run directory:"
                    + " checkpoint.vae4j, model/, metrics.csv,"
                    + " metrics.json, samples.png, reconstructions.png, report.html.",
            "--data takes an IDX directory (its train files), a CIFAR-10 directory (data_batch_1..5"
                    + ".bin) or a folder of PNG/JPEG images (class sub-folders become labels).",
            "Without --data it trains on the embedded Fashion-MNIST test set (10,000 images)."
        })
final class TrainCommand implements Callable<Integer> {


    /** When the command started: the report's wall time. */
    private final long startNanos = System.nanoTime();

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin NetworkFlags network;

    @Mixin TrainingFlags training;

    @Option(names = "--data", paramLabel = "PATH",
            description = "IDX directory (train-images-idx3-ubyte[.gz], ...), CIFAR-10 directory"
                    + " (data_batch_1.bin, ...) or folder of PNG/JPEG images.")
    Path data;

    @Mixin ImageOptions image;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training images (0 = all)."
                    + " Of an image folder (sorted by class): N spread over its classes,"
                    + " a fixed seeded sample.")
    int limit;

    @Option(names = "--exclude-classes", paramLabel = "C", split = ",",
            description = "Leave out images with these labels (e.g. to train on normal data).")
    List<Integer> excludeClasses;

    @Option(names = "--out", paramLabel = "RUN_DIR",
            description = "Run directory to create (default: runs/<date-time>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its last checkpoint.")
    Path resume;

    @Option(names = "--background-of", paramLabel = "RUN_DIR",
            description = "Train the background model of RUN_DIR for score's likelihood ratio:"
                    + " RUN_DIR's data, network and options with --perturb MU, into"
                    + " RUN_DIR/background (or --out).")
    Path backgroundOf;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "Print the final result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try {
            return callLocked();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** The run directory's lock while this command trains in it. */
    private RunLock lock;

    private Integer callLocked() throws Exception {
        if (out != null && resume != null) {
            throw usage("--out and --resume cannot be combined: --resume names the run");
        }
        if (backgroundOf != null && resume != null) {
            throw usage("--background-of and --resume cannot be combined: resume the"
                    + " background run itself with --resume RUN_DIR/background");
        }
        common.startEngine(spec.commandLine());
        PrintWriter o = log();
        if (resume != null) {
            return resumeRun(o);
        }
        BackgroundOf bg = null;
        if (backgroundOf != null) {
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            bg = BackgroundOf.read(spec.commandLine(), backgroundOf, training.perturb,
                    parsed.hasMatchedOption("--epochs") ? training.epochs : null, out);
            restoreDataArgs(parsed, bg.dataArgs());
            out = bg.out();
        }
        checkLimit();
        TrainOptions options = bg != null ? bg.options()
                : training.options(spec.commandLine(), training.epochs);
        RunDirectory run = new RunDirectory(out != null ? out : defaultRunDir());
        if (Files.exists(run.checkpoint())) {
            throw new CliException(
                    run.root() + ": already holds a training run (checkpoint.vae4j); continue it"
                            + " with --resume " + run.root() + " or choose another --out");
        }
        checkOutsideData(run.root());
        ImageSet all = trainingImages();
        if (bg != null && bg.dataFingerprint() != null
                && !bg.dataFingerprint().equals(all.fingerprint())) {
            throw new CliException(all.source() + " has changed since " + backgroundOf
                    + " was trained on it: a background model of other data has no meaning");
        }
        Split split = Split.of(all, options.validationFraction(), options.seed());
        String smallData = bg != null ? null : SmallDataDefaults.apply(
                spec.commandLine().getParseResult(), network, training, split.train().size());
        if (smallData != null) {
            options = training.options(spec.commandLine(), training.epochs);
        }
        ModelConfig config = bg != null ? bg.config()
                : network.config(spec.commandLine(), all, excludeClasses);
        try (GenerativeModel vae = Families.create(config, options.seed())) {
            // The family's step checks the options before anything is written.
            familyStep(vae, options);
            java.nio.file.Files.createDirectories(run.root());
            lock = RunLock.acquire(run.root());
            if (Files.exists(run.checkpoint())) {
                // Another process finished its first epoch since the check above.
                throw new CliException(run.root() + ": already holds a training run"
                        + " (checkpoint.vae4j); choose another --out");
            }
            DataArgs.of(data, limit, excludeClasses, image).save(run.root());
            o.printf("vae4j train: %s, %d images (%d train, %d validation) -> %s%n",
                    all.source(), all.size(), split.train().size(), sizeOf(split.validation()),
                    run.root());
            if (smallData != null) {
                o.println(smallData);
            }
            o.printf("model: %s, %,d parameters, %s lr %s%s, batch %d, %s%s%n",
                    config.summary(), vae.parameterCount(),
                    options.optimizer().id(), options.learningRate(),
                    options.lrSchedule().isConstant() ? "" : " " + options.lrSchedule(),
                    options.batchSize(),
                    options.objective() == Objective.IWAE
                            ? "iwae k " + options.importanceSamples()
                            : "beta " + options.beta(),
                    options.precision() == Precision.BF16 ? ", bf16 products" : "");
            o.flush();
            TrainingResult result =
                    train(vae, options, run, all, split, trainer -> trainer.fit(split.train(),
                            split.validation()));
            return finish(vae, run, split, result, options.seed(), o);
        }
    }

    private int resumeRun(PrintWriter o) throws IOException {
        RunDirectory run = new RunDirectory(resume);
        if (!Files.isDirectory(resume)) {
            throw new IOException(resume + ": no such run directory");
        }
        if (!Files.exists(run.checkpoint())) {
            throw new IOException(run.checkpoint() + ": no checkpoint to resume from");
        }
        lock = RunLock.acquire(run.root());
        run.removeStaleTemporaries();
        try (Checkpoint ckpt = Checkpoint.read(run.checkpoint(), ai.djl.Device.cpu())) {
            CheckpointHeader h = ckpt.header();
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            restoreDataArgs(parsed, DataArgs.load(run.root()));
            ImageSet all = trainingImages();
            checkLimit();
            ResumeCheck.checkUnchanged(spec.commandLine(), parsed, h, all, network, training,
                    excludeClasses);
            boolean epochsGiven = parsed.hasMatchedOption("--epochs");
            TrainOptions options = h.options();
            if (epochsGiven) {
                try {
                    options = options.withEpochs(training.epochs);
                } catch (IllegalArgumentException e) {
                    throw FlagErrors.usage(spec.commandLine(), "--epochs", e);
                }
            }
            int trained = h.progress().completedEpochs()
                    + (h.progress().atEpochBoundary() ? 0 : 1);
            if (options.epochs() < trained) {
                throw usage("--epochs " + options.epochs() + " is below the " + trained
                        + " epochs the run has trained: --epochs is the new total, e.g. --epochs "
                        + (trained + 10));
            }
            if (parsed.hasMatchedOption("--early-stop")) {
                try {
                    options = options.withEarlyStop(training.earlyStop);
                } catch (IllegalArgumentException e) {
                    throw FlagErrors.usage(spec.commandLine(), "--early-stop", e);
                }
            }
            if (parsed.hasMatchedOption("--precision")) {
                options = options.withPrecision(training.precision);
            }
            if (parsed.hasMatchedOption("--lr-milestones") || parsed.hasMatchedOption("--lr-gamma")) {
                options = options.withLrSchedule(ResumeCheck.resumedSchedule(spec.commandLine(),
                        training, h.options().lrSchedule(),
                        h.progress().completedEpochs() + (h.progress().atEpochBoundary() ? 0 : 1)));
            }
            if (!all.fingerprint().equals(h.dataFingerprint())) {
                throw new CliException(
                        "the data (" + all.source() + ", " + all.fingerprint()
                                + ") differs from the run's (" + h.dataSource() + ", "
                                + h.dataFingerprint() + "): pass the same --data, --limit,"
                                + " --exclude-classes, --image-size and --color (or leave them"
                                + " out: the run's data.json has them)");
            }
            Split split = Split.of(all, options.validationFraction(), options.seed());
            o.printf("vae4j train: resuming %s after epoch %d%s of %d%n", run.root(),
                    h.progress().completedEpochs(),
                    h.progress().atEpochBoundary() ? "" : " (+" + h.progress().nextBatch()
                            + " steps)", options.epochs());
            if (!options.lrSchedule().isConstant()) {
                o.printf("learning rate: %s, %s from epoch %d%n", options.lrSchedule(),
                        options.learningRate(h.progress().completedEpochs() + 1),
                        h.progress().completedEpochs() + 1);
            }
            o.flush();
            GenerativeModel vae = ckpt.model();
            try (NDManager m = vae.manager().newSubManager()) {
                NDList state = ckpt.optimizerState(m);
                TrainingResult result =
                        train(vae, options, run, all, split, trainer -> trainer.resume(
                                split.train(), split.validation(), h.progress(), state));
                return finish(vae, run, split, result, options.seed(), o);
            }
        }
    }

    /** Runs training with the progress bar, Ctrl-C handling and NaN reporting. */
    private TrainingResult train(GenerativeModel vae, TrainOptions options, RunDirectory run,
            ImageSet all, Split split, TrainingSession.Start start) {
        return TrainingSession.run(log(), !noProgress && !json, run, vae,
                familyStep(vae, options), options,
                run.sink(options, all.source(), all.fingerprint(), split.train().size(),
                        sizeOf(split.validation())), start);
    }

    /**
     * Writes the report and the pictures of the model {@code model/} holds: the best epoch by
     * validation loss, loaded back when it is not the last one, which training left in memory.
     * The samples are drawn with the run's {@code --seed}, as the report's caption says: {@code
     * vae4j sample --run RUN --seed SEED -n 64} draws the same grid.
     */
    private int finish(GenerativeModel vae, RunDirectory run, Split split, TrainingResult result,
            long seed, PrintWriter o) throws IOException {
        BestEpoch best = result.best();
        try (SavedModel kept = best.lastIsBest() || !Files.isDirectory(run.model()) ? null
                : ModelStore.load(run.model())) {
            GenerativeModel shown = kept == null ? vae : kept.model();
            ReportWriter.write(run, shown, split, result, startNanos, o);
            if (result.interrupted()) {
                // The listener already said where the checkpoint is and how to continue.
                return CommandLine.ExitCode.SOFTWARE;
            }
            Pictures.ofRun(shown, run, split, result.history().size(), seed);
        }
        EpochMetrics last = result.last();
        if (json) {
            o = spec.commandLine().getOut();
            o.println(Json.toJson(TrainSummary.of(run.root(), result)));
        } else {
            o.printf("done: %s (model/, metrics.csv, %sreconstructions.png)%n", run.root(),
                    vae.can(Sampler.class) ? "samples.png, " : "");
            if (!best.lastIsBest()) {
                o.printf(java.util.Locale.ROOT, "model/ holds epoch %d, the best by validation"
                        + " %s (%.2f); checkpoint.vae4j holds epoch %d, where --resume"
                        + " continues%n", best.epoch(), Metrics.label(best.metric()),
                        best.value(), last.epoch());
            }
        }
        o.flush();
        return CommandLine.ExitCode.OK;
    }

    /** The family's step; an option the family cannot use is a usage error in its words. */
    private org.vae4j.train.TrainStep familyStep(GenerativeModel vae, TrainOptions options) {
        try {
            return Families.step(vae, options);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** A run inside an image folder would add its own PNGs to the folder's images. */
    private void checkOutsideData(Path runDir) throws IOException {
        if (data == null || !Files.isDirectory(data)) {
            return;
        }
        Path d = data.toAbsolutePath().normalize();
        if (runDir.toAbsolutePath().normalize().startsWith(d)
                && Datasets.kind(data) == Datasets.Kind.FOLDER) {
            throw usage("--out " + runDir + " is inside --data " + data + ": the run's pictures"
                    + " would become images of the folder; choose a directory outside it");
        }
    }

    private void checkLimit() {
        if (limit < 0) {
            throw usage("--limit must be >= 0, got " + limit);
        }
    }

    /** Takes the data flags the user did not repeat from the run's {@code data.json}. */
    private void restoreDataArgs(CommandLine.ParseResult parsed, DataArgs saved) {
        if (saved == null) {
            return;
        }
        if (!parsed.hasMatchedOption("--data")) {
            data = saved.dataPath();
        }
        if (!parsed.hasMatchedOption("--limit")) {
            limit = saved.limit();
        }
        if (!parsed.hasMatchedOption("--exclude-classes")) {
            excludeClasses = saved.excludeClasses();
        }
        if (!parsed.hasMatchedOption(ImageOptions.SIZE)) {
            image.imageSize = saved.imageSize();
        }
        if (!parsed.hasMatchedOption(ImageOptions.COLOR)) {
            image.color = saved.color();
        }
        if (!parsed.hasMatchedOption(ImageOptions.BAD)) {
            image.badImages = saved.badImages();
        }
    }

    /** --data (or the embedded set), cut to --limit, without --exclude-classes. */
    private ImageSet trainingImages() throws IOException {
        // Bad flag values are usage errors (exit 2), found before any file is read.
        image.resolve(spec.commandLine(), new ImageFolder.Options());
        Datasets.Kind kind = Datasets.kind(data);
        if (image.anyGiven() && kind != Datasets.Kind.FOLDER) {
            throw usage(image.given() + ": these flags apply to image folders, but "
                    + (data == null ? "there is no --data" : data + " is " + kind.description));
        }
        return DataArgs.of(data, limit, excludeClasses, image)
                .trainingImages(spec.commandLine().getErr());
    }

    /** Human-readable progress: stdout, or stderr when stdout carries --json. */
    private PrintWriter log() {
        return json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static int sizeOf(ImageSet s) {
        return s == null ? 0 : s.size();
    }

    private static Path defaultRunDir() {
        return Path.of("runs",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
