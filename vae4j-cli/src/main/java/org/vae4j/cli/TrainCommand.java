package org.vae4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vae4j.family.Families;
import org.vae4j.family.NetworkSpec;
import org.vae4j.model.GenerativeModel;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.Reconstructor;
import org.vae4j.model.Sampler;
import org.vae4j.data.Binarization;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.io.Checkpoint;
import org.vae4j.io.CheckpointHeader;
import org.vae4j.io.Json;
import org.vae4j.io.RunDirectory;
import org.vae4j.model.Architecture;
import org.vae4j.model.Likelihood;
import org.vae4j.model.LogVarBounds;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.LearningRateSchedule;
import org.vae4j.train.NonFiniteLossException;
import org.vae4j.train.Objective;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;
import org.vae4j.train.Trainer;
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
            "Trains a VAE and writes a run directory: checkpoint.vae4j, model/, metrics.csv,"
                    + " metrics.json, samples.png, reconstructions.png, report.html.",
            "--data takes an IDX directory (its train files), a CIFAR-10 directory (data_batch_1..5"
                    + ".bin) or a folder of PNG/JPEG images (class sub-folders become labels).",
            "Without --data it trains on the embedded Fashion-MNIST test set (10,000 images)."
        })
final class TrainCommand implements Callable<Integer> {

    /** K when --objective iwae is given without --k: Burda et al.'s smallest setting. */
    static final int DEFAULT_IWAE_K = 5;

    /** When the command started: the report's wall time. */
    private final long startNanos = System.nanoTime();

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Option(names = "--data", paramLabel = "PATH",
            description = "IDX directory (train-images-idx3-ubyte[.gz], ...), CIFAR-10 directory"
                    + " (data_batch_1.bin, ...) or folder of PNG/JPEG images.")
    Path data;

    @Mixin ImageOptions image;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training images (0 = all).")
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

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "mlp",
            description = "Network: mlp (PyTorch's example VAE), conv (Keras' "
                    + "convolutional VAE) or gated (mlp with gated linear units, VampPrior's"
                    + " GatedDense) (default: ${DEFAULT-VALUE}). A family id (e.g. ae) stands"
                    + " for --family ID with the mlp network.")
    String model;

    @Option(names = "--family", paramLabel = "ID",
            description = "Model family: vae (default) or ae (plain autoencoder: deterministic"
                    + " code, reconstruction loss only), or any family registered on the class"
                    + " path.")
    String family;

    @Option(names = "--latent", paramLabel = "L",
            description = "Latent dimensions (default: 20 for mlp, 2 for conv).")
    Integer latent;

    @Option(names = "--hidden", paramLabel = "W", split = ",",
            description = "mlp: hidden layer widths (default: 400); conv: channel widths of the "
                    + "stride-2 conv layers, then the dense width (default: 32,64,16). "
                    + "Comma separated.")
    List<Integer> hidden;

    @Option(names = "--logvar-bounds", paramLabel = "MIN,MAX", split = ",",
            description = "Clamp the encoder's log-variances to [MIN, MAX], e.g. -6,2 as in"
                    + " VampPrior: guards long runs against a KL blow-up (default: unbounded).")
    List<Double> logvarBounds;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Epochs (default: ${DEFAULT-VALUE}); with --resume, the new total.")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--lr-milestones", paramLabel = "EPOCH", split = ",",
            description = "Multiply the learning rate by --lr-gamma after each of these epochs"
                    + " (PyTorch's MultiStepLR), e.g. 300,330; with --resume they may be added"
                    + " for epochs not trained yet (default: none, a constant rate).")
    List<Integer> lrMilestones;

    @Option(names = "--lr-gamma", paramLabel = "G", defaultValue = "0.1",
            description = "Factor of each --lr-milestones step, in (0, 1] (default:"
                    + " ${DEFAULT-VALUE}).")
    double lrGamma;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, rmsprop or sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0",
            description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "1",
            description = "Weight of the KL term (default: ${DEFAULT-VALUE}; >1 = beta-VAE).")
    double beta;

    @Option(names = "--kl-warmup", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Raise the KL weight linearly from 0 to --beta over this many epochs"
                    + " (default: ${DEFAULT-VALUE}, none).")
    double klWarmup;

    @Option(names = "--kl-cycles", paramLabel = "N", defaultValue = "0",
            description = "Cyclical KL annealing: N cycles, each rising over its first half"
                    + " (default: ${DEFAULT-VALUE}, none).")
    int klCycles;

    @Option(names = "--free-bits", paramLabel = "NATS", defaultValue = "0",
            description = "Free bits per latent unit: no KL pressure below this many nats"
                    + " (default: ${DEFAULT-VALUE}, none).")
    double freeBits;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "elbo",
            description = "elbo or iwae (importance-weighted bound with --k samples, Burda et al."
                    + " 2016) (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = {"-k", "--k"}, paramLabel = "K",
            description = "Samples per image of the iwae bound (default: 5 with --objective"
                    + " iwae, 1 with elbo).")
    Integer importanceSamples;

    @Option(names = "--likelihood", paramLabel = "NAME", defaultValue = "bernoulli",
            description = "bernoulli (BCE), gaussian (MSE, fixed --sigma), gaussian-learned"
                    + " (a learned sigma per pixel, starting at --sigma) or gaussian-identity"
                    + " (mean = decoder output, for real-valued data) (default: ${DEFAULT-VALUE}).")
    String likelihood;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "0.1",
            description = "Standard deviation of the gaussian likelihoods (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--binarize", paramLabel = "MODE", defaultValue = "none",
            description = "Pixel binarization: none, static or dynamic (default: ${DEFAULT-VALUE}).")
    String binarize;

    @Option(names = "--conditional",
            description = "Train a conditional VAE (CVAE): encoder and decoder also read the"
                    + " image's label, and `sample --label` draws a chosen class. Needs labelled"
                    + " data.")
    boolean conditional;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of the data held out for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "Print the final result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (out != null && resume != null) {
            throw usage("--out and --resume cannot be combined: --resume names the run");
        }
        common.startEngine(spec.commandLine());
        PrintWriter o = log();
        if (resume != null) {
            return resumeRun(o);
        }
        TrainOptions options = options(epochs);
        RunDirectory run = new RunDirectory(out != null ? out : defaultRunDir());
        if (Files.exists(run.checkpoint())) {
            throw new CliException(
                    run.root() + ": already holds a training run (checkpoint.vae4j); continue it"
                            + " with --resume " + run.root() + " or choose another --out");
        }
        ImageSet all = trainingImages();
        ModelConfig config = config(all);
        Split split = Split.of(all, options.validationFraction(), options.seed());
        java.nio.file.Files.createDirectories(run.root());
        DataArgs.of(data, limit, excludeClasses, image).save(run.root());
        o.printf("vae4j train: %s, %d images (%d train, %d validation) -> %s%n",
                all.source(), all.size(), split.train().size(), sizeOf(split.validation()),
                run.root());
        try (GenerativeModel vae = Families.create(config, options.seed())) {
            // The family's step checks the options before anything is written.
            parse("--family", () -> Families.step(vae, options));
            o.printf("model: %s, %,d parameters, %s lr %s%s, batch %d, %s%n",
                    config.summary(), vae.parameterCount(),
                    options.optimizer().id(), options.learningRate(),
                    options.lrSchedule().isConstant() ? "" : " " + options.lrSchedule(),
                    options.batchSize(),
                    options.objective() == Objective.IWAE
                            ? "iwae k " + options.importanceSamples()
                            : "beta " + options.beta());
            o.flush();
            TrainingResult result =
                    train(vae, options, run, all, split, trainer -> trainer.fit(split.train(),
                            split.validation()));
            return finish(vae, run, split, result, o);
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
        run.removeStaleTemporaries();
        try (Checkpoint ckpt = Checkpoint.read(run.checkpoint(), ai.djl.Device.cpu())) {
            CheckpointHeader h = ckpt.header();
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            restoreDataArgs(parsed, DataArgs.load(run.root()));
            ImageSet all = trainingImages();
            checkUnchanged(parsed, h, all);
            boolean epochsGiven = parsed.hasMatchedOption("--epochs");
            if (epochsGiven && epochs <= 0) {
                throw usage("--epochs must be > 0, got " + epochs);
            }
            TrainOptions options = epochsGiven ? h.options().withEpochs(epochs) : h.options();
            if (parsed.hasMatchedOption("--lr-milestones") || parsed.hasMatchedOption("--lr-gamma")) {
                options = options.withLrSchedule(resumedSchedule(h.options().lrSchedule(),
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
                return finish(vae, run, split, result, o);
            }
        }
    }

    /**
     * A resumed run keeps the settings it started with: a run-defining flag given again must
     * repeat the run's value, or the resume is refused rather than silently ignoring it.
     */
    private void checkUnchanged(CommandLine.ParseResult parsed, CheckpointHeader h, ImageSet all) {
        TrainOptions was = h.options();
        ModelConfig cfg = h.config();
        // The objective and K not given take the run's, so that repeating `--k 10` of an iwae
        // run reads as the same K and not as a K for the elbo.
        if (parsed.hasMatchedOption("--objective")) {
            Objective given = parse("--objective", () -> Objective.parse(objective));
            if (given != was.objective()) {
                throw usage("--objective cannot change when resuming: the run uses "
                        + was.objective().id() + ", got " + given.id());
            }
        } else {
            objective = was.objective().id();
        }
        if (!parsed.hasMatchedOption("--k")) {
            importanceSamples = was.importanceSamples();
        }
        TrainOptions now = options(was.epochs());
        ModelConfig nowCfg = config(all);
        // Field by field: every component of the saved records against the new ones; a flag
        // given again must repeat the run's value.
        Map<String, Object[]> values = new LinkedHashMap<>();
        values.put("--family", new Object[] {cfg.family(), nowCfg.family()});
        compare(values, cfg, nowCfg, CONFIG_FLAGS);
        compare(values, was, now, OPTION_FLAGS);
        for (Map.Entry<String, Object[]> e : values.entrySet()) {
            Object[] v = e.getValue();
            // Objects.equals: a run without log-variance bounds records null.
            if (parsed.hasMatchedOption(e.getKey()) && !Objects.equals(v[0], v[1])) {
                throw usage(e.getKey() + " cannot change when resuming: the run uses " + v[0]
                        + ", got " + v[1]);
            }
        }
    }

    /** The flag that sets each configuration component (components without one are derived). */
    private static final Map<String, String> CONFIG_FLAGS = Map.of(
            "architecture", "--model", "latentDim", "--latent", "hidden", "--hidden",
            "likelihood", "--likelihood", "sigma", "--sigma", "binarization", "--binarize",
            "classes", "--conditional", "logvarBounds", "--logvar-bounds");

    /** The flag that sets each training option compared on resume. */
    private static final Map<String, String> OPTION_FLAGS = Map.ofEntries(
            Map.entry("batchSize", "--batch"), Map.entry("learningRate", "--lr"),
            Map.entry("optimizer", "--optimizer"), Map.entry("momentum", "--momentum"),
            Map.entry("beta", "--beta"), Map.entry("validationFraction", "--val-fraction"),
            Map.entry("seed", "--seed"), Map.entry("klWarmupEpochs", "--kl-warmup"),
            Map.entry("klCycles", "--kl-cycles"), Map.entry("freeBits", "--free-bits"),
            Map.entry("importanceSamples", "--k"));

    /** Adds {flag: [saved, now]} for every component of two records that a flag sets. */
    private static void compare(Map<String, Object[]> values, Object saved, Object now,
            Map<String, String> flags) {
        if (!(saved instanceof Record) || saved.getClass() != now.getClass()) {
            return; // another family: --family (or --model) already differs
        }
        for (java.lang.reflect.RecordComponent c : saved.getClass().getRecordComponents()) {
            String flag = flags.get(c.getName());
            if (flag == null) {
                continue;
            }
            try {
                Object a = c.getAccessor().invoke(saved);
                Object b = c.getAccessor().invoke(now);
                if (flag.equals("--conditional")) {
                    a = ((Integer) a) > 0;
                    b = ((Integer) b) > 0;
                }
                values.put(flag, new Object[] {a, b});
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The schedule given on the command line for a resumed run: it may differ from the run's only
     * in epochs not trained yet, so the saved options still describe every trained epoch.
     */
    private LearningRateSchedule resumedSchedule(LearningRateSchedule was, int trainedEpochs) {
        LearningRateSchedule now = lrSchedule(
                lrMilestones == null || lrMilestones.isEmpty() ? was.milestones() : lrMilestones);
        if (!now.agreesWith(was, trainedEpochs)) {
            throw usage("--lr-milestones " + now.milestones() + " with --lr-gamma " + now.gamma()
                    + " would change the learning rate of epochs already trained (1-"
                    + trainedEpochs + ", schedule " + was + "); add milestones after epoch "
                    + trainedEpochs + " only");
        }
        return now;
    }

    /** How the trainer is started: fresh or resumed. */
    private interface Start {
        TrainingResult run(Trainer trainer);
    }

    /** Runs training with the progress bar, Ctrl-C handling and NaN reporting. */
    private TrainingResult train(GenerativeModel vae, TrainOptions options, RunDirectory run,
            ImageSet all, Split split, Start start) {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C: ask the loop to stop after its current step; it writes a checkpoint, and the
        // hook holds the JVM open until then.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vae4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter o = log();
        try (ProgressListener progress = new ProgressListener(o, !noProgress && !json,
                run.root())) {
            Trainer trainer = new Trainer(vae, parse("--family", () -> Families.step(vae, options)),
                    options, progress,
                    run.sink(options, all.source(), all.fingerprint(), split.train().size(),
                            sizeOf(split.validation())),
                    stop::get);
            return start.run(trainer);
        } catch (NonFiniteLossException e) {
            String kept = Files.exists(run.checkpoint())
                    ? "; the last good checkpoint is " + run.checkpoint()
                    : "; no checkpoint was written yet";
            throw new CliException(e.getMessage() + kept);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for `done`.
            }
        }
    }

    private int finish(GenerativeModel vae, RunDirectory run, Split split, TrainingResult result,
            PrintWriter o) throws IOException {
        ReportWriter.write(run, vae, split, result, startNanos, o);
        if (result.interrupted()) {
            // The listener already said where the checkpoint is and how to continue.
            return CommandLine.ExitCode.SOFTWARE;
        }
        ImageSet shown = split.validation() != null ? split.validation() : split.train();
        if (vae.can(Sampler.class)) {
            Pictures.samples(vae.as(Sampler.class), 64, result.history().size(), null,
                    run.file("samples.png"));
        }
        if (vae.can(Reconstructor.class)) {
            Pictures.reconstructions(vae.as(Reconstructor.class), shown, 32,
                    run.file("reconstructions.png"));
        }
        EpochMetrics last = result.last();
        if (json) {
            o = spec.commandLine().getOut();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", run.root().toString());
            r.put("epochs", last.epoch());
            // The family's metrics: train_ first (loss), then every val_ one.
            String loss = last.train().names().get(0);
            r.put("train_" + loss, last.train(loss));
            for (String name : last.validation().names()) {
                r.put("val_" + name, last.validation(name));
            }
            r.put("images_per_s", last.imagesPerSecond());
            r.put("history", result.history());
            o.println(Json.toJson(r));
        } else {
            o.printf("done: %s (model/, metrics.csv, %sreconstructions.png)%n", run.root(),
                    vae.can(Sampler.class) ? "samples.png, " : "");
        }
        o.flush();
        return CommandLine.ExitCode.OK;
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

    /** The model's configuration from the flags, for images shaped like {@code all}. */
    private ModelConfig config(ImageSet all) {
        // `--model ae` is `--family ae` with the default network.
        boolean modelIsFamily = family == null && Families.exists(model)
                && !"mlp".equals(model);
        String familyId = modelIsFamily ? model : family;
        String network = modelIsFamily ? "mlp" : model;
        var fam = parse("--family", () -> Families.get(familyId));
        Architecture arch = parse("--model", () -> Architecture.parse(network));
        if (latent != null && latent <= 0) {
            throw usage("--latent must be > 0, got " + latent);
        }
        if (hidden != null) {
            for (int h : hidden) {
                if (h <= 0) {
                    throw usage("--hidden widths must be > 0, got " + hidden);
                }
            }
        }
        if (!(sigma > 0)) {
            throw usage("--sigma must be > 0, got " + sigma);
        }
        if (arch == Architecture.CONV && hidden != null && hidden.size() < 2) {
            throw usage("--hidden for --model conv lists the conv channel widths and then the "
                    + "dense width (e.g. 32,64,16), got " + hidden);
        }
        Likelihood lik = parse("--likelihood", () -> Likelihood.parse(likelihood));
        Binarization bin = parse("--binarize", () -> Binarization.parse(binarize));
        LogVarBounds bounds = logvarBounds == null ? null
                : parse("--logvar-bounds", () -> LogVarBounds.of(logvarBounds));
        NetworkSpec spec = new NetworkSpec(arch, all.channels(), all.height(), all.width(),
                hidden, latent, lik, sigma, bin, conditional ? classCount(all) : 0, bounds);
        try {
            return fam.configure(spec);
        } catch (IllegalArgumentException e) {
            throw new CliException(all.source() + ": " + e.getMessage());
        }
    }

    /**
     * K of a conditional model: the data's class names, else its largest label + 1, and at least
     * every --exclude-classes label + 1, so that the held-out class stays a valid label.
     */
    private int classCount(ImageSet all) {
        if (!all.hasLabels()) {
            throw new CliException(all.source() + ": --conditional needs labelled images (IDX"
                    + " labels file, class sub-folders or CIFAR-10), but these have no labels");
        }
        int max = 0;
        for (int label : all.labels()) {
            max = Math.max(max, label);
        }
        if (excludeClasses != null) {
            for (int c : excludeClasses) {
                max = Math.max(max, c);
            }
        }
        return Math.max(all.classNames().size(), max + 1);
    }

    private TrainOptions options(int n) {
        if (n <= 0) {
            throw usage("--epochs must be > 0, got " + n);
        }
        if (batch <= 0) {
            throw usage("--batch must be > 0, got " + batch);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw usage("--lr must be > 0, got " + lr);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw usage("--beta must be >= 0, got " + beta);
        }
        if (limit < 0) {
            throw usage("--limit must be >= 0, got " + limit);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw usage("--momentum must be in [0, 1), got " + momentum);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw usage("--val-fraction must be in [0, 1), got " + valFraction);
        }
        if (!(klWarmup >= 0) || Double.isInfinite(klWarmup)) {
            throw usage("--kl-warmup must be >= 0 epochs, got " + klWarmup);
        }
        if (klCycles < 0) {
            throw usage("--kl-cycles must be >= 0, got " + klCycles);
        }
        if (klCycles > 0 && klWarmup > 0) {
            throw usage("--kl-warmup and --kl-cycles cannot be combined");
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw usage("--free-bits must be >= 0 nats, got " + freeBits);
        }
        OptimizerKind kind = parse("--optimizer", () -> OptimizerKind.parse(optimizer));
        Objective obj = parse("--objective", () -> Objective.parse(objective));
        int k = checkObjective(obj);
        return new TrainOptions(n, batch, lr, kind, momentum, beta, seed, valFraction, klWarmup,
                klCycles, freeBits, obj, k, lrSchedule(lrMilestones));
    }

    /** The schedule of these milestones and --lr-gamma; flag errors are usage errors. */
    private LearningRateSchedule lrSchedule(List<Integer> milestones) {
        if (!(lrGamma > 0 && lrGamma <= 1)) {
            throw usage("--lr-gamma must be in (0, 1], got " + lrGamma);
        }
        if (milestones == null || milestones.isEmpty()) {
            return LearningRateSchedule.CONSTANT;
        }
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
                throw usage("--lr-milestones must be increasing epochs >= 1, got " + milestones);
            }
        }
        return new LearningRateSchedule(milestones, lrGamma);
    }

    /** K for the objective; the ELBO's KL shaping flags do not apply to the IWAE bound. */
    private int checkObjective(Objective obj) {
        if (obj == Objective.ELBO) {
            if (importanceSamples != null && importanceSamples != 1) {
                throw usage("--k " + importanceSamples + " needs --objective iwae (the elbo uses"
                        + " one sample)");
            }
            return 1;
        }
        int k = importanceSamples == null ? DEFAULT_IWAE_K : importanceSamples;
        if (k < 1) {
            throw usage("--k must be >= 1, got " + k);
        }
        String[] flags = {"--beta", "--kl-warmup", "--kl-cycles", "--free-bits"};
        boolean[] used = {beta != 1, klWarmup != 0, klCycles != 0, freeBits != 0};
        for (int i = 0; i < flags.length; i++) {
            if (used[i]) {
                throw usage(flags[i] + " applies to --objective elbo only: the iwae bound has no"
                        + " separate KL term to weight");
            }
        }
        return k;
    }

    /** Runs a parser of a flag's value, turning its complaint into a usage error naming the flag. */
    private <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw usage(flag + ": " + e.getMessage());
        }
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
