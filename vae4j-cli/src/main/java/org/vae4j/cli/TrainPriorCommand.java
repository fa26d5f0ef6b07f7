package org.vae4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.data.CodeGrids;
import org.vae4j.data.ImageSet;
import org.vae4j.data.Split;
import org.vae4j.family.Families;
import org.vae4j.family.pixelcnn.PixelCnnConfig;
import org.vae4j.family.pixelcnn.PriorSampler;
import org.vae4j.io.Checkpoint;
import org.vae4j.io.CheckpointHeader;
import org.vae4j.io.Json;
import org.vae4j.io.ModelStore;
import org.vae4j.io.RunDirectory;
import org.vae4j.io.RunLock;
import org.vae4j.io.SavedModel;
import org.vae4j.model.DiscreteCoder;
import org.vae4j.model.GenerativeModel;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainStep;
import org.vae4j.train.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j train-prior}: the second stage of a VQ-VAE. Encodes the run's training and
 * validation images once with the frozen model ({@link DiscreteCoder#encodeIndices}), then trains
 * a gated PixelCNN on the code grids through the ordinary trainer, as the run directory {@code
 * RUN/prior/} (checkpoint.vae4j, model/, metrics.csv, metrics.json; resumable, Ctrl-C safe), and
 * draws {@code RUN/samples.png} through it.
 */
@Command(
        name = "train-prior",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a gated PixelCNN prior over the code grids of a VQ-VAE run (its training"
                    + " images, encoded once) and writes it to RUN_DIR/prior/; afterwards"
                    + " `vae4j sample --run RUN_DIR` draws images. The images come from the"
                    + " run's data.json, split as the run split them.",
            "Class-conditional when the images have labels (then `sample --label` works)."
        })
final class TrainPriorCommand implements Callable<Integer> {

    private static final int ENCODE_CHUNK = 1000;

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Passes over the codes (default: ${DEFAULT-VALUE}); with --resume, the"
                    + " new total.")
    int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "128",
            description = "Code grids per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--layers", paramLabel = "L",
            defaultValue = "" + PixelCnnConfig.DEFAULT_LAYERS,
            description = "Gated layers (default: ${DEFAULT-VALUE}; 4 layers of 5x5, like 8 of"
                    + " 3x3, see every earlier cell of a 7x7 grid, at less cost).")
    int layers;

    @Option(names = "--channels", paramLabel = "C",
            defaultValue = "" + PixelCnnConfig.DEFAULT_FILTERS,
            description = "Channels per layer (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--kernel", paramLabel = "K",
            defaultValue = "" + PixelCnnConfig.DEFAULT_KERNEL,
            description = "Odd kernel size of the masked convolutions (default:"
                    + " ${DEFAULT-VALUE}; each gated layer reaches (K-1)/2 cells further).")
    int kernel;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seeds initialisation, shuffling and the samples (default:"
                    + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue RUN_DIR/prior from its checkpoint.")
    boolean resume;

    @Option(names = "--no-progress", description = "Do not draw a progress bar.")
    boolean noProgress;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        Bounds.check(cl, "--epochs", epochs, 1, TrainOptions.MAX_EPOCHS);
        Bounds.check(cl, "--batch", batch, 1, TrainOptions.MAX_BATCH);
        Bounds.check(cl, "--layers", layers, 1, PixelCnnConfig.MAX_LAYERS);
        Bounds.check(cl, "--channels", channels, 1, PixelCnnConfig.MAX_FILTERS);
        Bounds.check(cl, "--kernel", kernel, 3, PixelCnnConfig.MAX_KERNEL);
        if (kernel % 2 == 0) {
            throw usage("--kernel must be odd, got " + kernel);
        }
        if (!(lr > 0 && lr <= 10)) {
            throw usage("--lr must be in (0, 10], got " + lr);
        }
        common.startEngine(cl);
        PrintWriter o = json.json ? cl.getErr() : cl.getOut();
        RunDirectory root = new RunDirectory(run.root());
        RunDirectory prior = root.prior();
        if (!resume && Files.exists(prior.checkpoint())) {
            throw new CliException(prior.root() + ": already holds a prior (checkpoint.vae4j);"
                    + " continue it with vae4j train-prior --run " + root.root() + " --resume,"
                    + " or delete " + prior.root() + " to start again");
        }
        if (resume && !Files.exists(prior.checkpoint())) {
            throw new IOException(prior.checkpoint() + ": no checkpoint to resume from (train"
                    + " one with vae4j train-prior --run " + root.root() + ")");
        }
        try (SavedModel saved = ModelStore.load(RunDirectory.modelDirOf(run.run))) {
            GenerativeModel model = saved.model();
            if (!model.can(DiscreteCoder.class)) {
                throw usage(run.run + ": train-prior needs a model with a discrete code grid (a"
                        + " vqvae); this is a " + model.config().family() + " model");
            }
            DiscreteCoder coder = model.as(DiscreteCoder.class);
            Files.createDirectories(prior.root());
            try (RunLock lock = RunLock.acquire(prior.root())) {
                prior.removeStaleTemporaries();
                Codes codes = codes(saved, coder, o);
                return resume ? resumed(saved, coder, prior, codes, o)
                        : fresh(saved, coder, prior, codes, o);
            }
        }
    }

    /** The run's training and validation images as code grids, with labels when they have any. */
    private record Codes(CodeGrids train, CodeGrids validation, int classes) {}

    private Codes codes(SavedModel saved, DiscreteCoder coder, PrintWriter o) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        DataArgs args = DataArgs.load(run.root());
        // data.json's flags (--limit, --exclude-classes too); runs older than it used the
        // embedded set.
        ImageSet all = args == null ? Datasets.train(null, 0, null, err)
                : args.trainingImages(err);
        String trained = saved.provenance().dataFingerprint();
        if (trained != null && !trained.equals(all.fingerprint())) {
            throw new CliException(all.source() + " (" + all.fingerprint() + ") is not the data "
                    + run.root() + " was trained on (" + trained + "): its split would mix"
                    + " training and validation images");
        }
        coder.checkShape(all);
        TrainOptions vq = saved.provenance().options();
        Split split = Split.of(all, vq.validationFraction(), vq.seed());
        int classes = 0;
        if (all.hasLabels()) {
            for (int i = 0; i < all.size(); i++) {
                classes = Math.max(classes, all.label(i) + 1);
            }
            classes = Math.max(classes, 2);
        }
        o.printf("vae4j train-prior: encoding %d training and %d validation images of %s with"
                + " %s%n", split.train().size(), split.validation() == null ? 0
                : split.validation().size(), all.source(), run.root());
        o.flush();
        long t0 = System.nanoTime();
        CodeGrids train = encode(coder, split.train(), classes > 0, "training codes");
        CodeGrids val = split.validation() == null ? null
                : encode(coder, split.validation(), classes > 0, "validation codes");
        o.printf("encoded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return new Codes(train, val, classes);
    }

    /** Encodes in chunks, so no more than a chunk of images is ever copied to float rows. */
    private CodeGrids encode(DiscreteCoder coder, ImageSet images, boolean labelled,
            String what) {
        int n = images.size();
        int[][] grids = new int[n][];
        int[] labels = labelled ? new int[n] : null;
        for (int from = 0; from < n; from += ENCODE_CHUNK) {
            int count = Math.min(ENCODE_CHUNK, n - from);
            int[] idx = new int[count];
            for (int i = 0; i < count; i++) {
                idx[i] = from + i;
                if (labels != null) {
                    labels[from + i] = images.label(from + i);
                }
            }
            int[][] chunk = coder.encodeIndices(images.toRows(idx), coder.labelsFor(images, idx));
            System.arraycopy(chunk, 0, grids, from, count);
        }
        int[] grid = coder.gridShape();
        return new CodeGrids(grids, grid[0], grid[1], coder.codebookSize(), labels,
                what + " of " + images.source());
    }

    private int fresh(SavedModel saved, DiscreteCoder coder, RunDirectory prior, Codes codes,
            PrintWriter o) throws IOException {
        int[] grid = coder.gridShape();
        PixelCnnConfig config;
        try {
            config = new PixelCnnConfig(coder.codebookSize(), grid[0], grid[1], channels, layers,
                    kernel, codes.classes(),
                    saved.provenance().parametersSha256());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        TrainOptions options = new TrainOptions(epochs, batch, lr, OptimizerKind.ADAM, 0, 1, seed,
                saved.provenance().options().validationFraction());
        try (GenerativeModel model = Families.create(config, seed)) {
            o.printf("prior: %s, %,d parameters, adam lr %s, batch %d -> %s%n", config.summary(),
                    model.parameterCount(), lr, batch, prior.root());
            o.flush();
            TrainingResult result = train(model, options, prior, codes,
                    t -> t.fit(codes.train(), codes.validation()));
            return finish(coder, model, prior, result, o);
        }
    }

    private int resumed(SavedModel saved, DiscreteCoder coder, RunDirectory prior, Codes codes,
            PrintWriter o) throws IOException {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        try (Checkpoint ckpt = Checkpoint.read(prior.checkpoint(), ai.djl.Device.cpu())) {
            CheckpointHeader h = ckpt.header();
            if (!codes.train().fingerprint().equals(h.dataFingerprint())) {
                throw new CliException("the codes of " + run.root() + " differ from those "
                        + prior.root() + " was trained on (the vqvae or its data changed): delete "
                        + prior.root() + " and train a new prior");
            }
            PixelCnnConfig c = (PixelCnnConfig) h.config();
            TrainOptions was = h.options();
            refuseChanged(parsed, "--layers", layers, c.layers());
            refuseChanged(parsed, "--channels", channels, c.filters());
            refuseChanged(parsed, "--kernel", kernel, c.kernel());
            refuseChanged(parsed, "--batch", batch, was.batchSize());
            refuseChanged(parsed, "--seed", seed, was.seed());
            if (parsed.hasMatchedOption("--lr") && lr != was.learningRate()) {
                throw usage("--lr " + lr + " differs from the prior's " + was.learningRate()
                        + ": a resumed run keeps its settings");
            }
            TrainOptions options = parsed.hasMatchedOption("--epochs") ? was.withEpochs(epochs)
                    : was;
            int trained = h.progress().completedEpochs()
                    + (h.progress().atEpochBoundary() ? 0 : 1);
            if (options.epochs() < trained) {
                throw usage("--epochs " + options.epochs() + " is below the " + trained
                        + " epochs the prior has trained: --epochs is the new total");
            }
            o.printf("vae4j train-prior: resuming %s after epoch %d of %d%n", prior.root(),
                    h.progress().completedEpochs(), options.epochs());
            o.flush();
            GenerativeModel model = ckpt.model();
            try (NDManager m = model.manager().newSubManager()) {
                NDList state = ckpt.optimizerState(m);
                TrainingResult result = train(model, options, prior, codes,
                        t -> t.resume(codes.train(), codes.validation(), h.progress(), state));
                return finish(coder, model, prior, result, o);
            }
        }
    }

    private void refuseChanged(CommandLine.ParseResult parsed, String flag, long given,
            long was) {
        if (parsed.hasMatchedOption(flag) && given != was) {
            throw usage(flag + " " + given + " differs from the prior's " + was
                    + ": a resumed run keeps its settings");
        }
    }

    private TrainingResult train(GenerativeModel model, TrainOptions options, RunDirectory prior,
            Codes codes, TrainingSession.Start start) {
        TrainStep step;
        try {
            step = Families.step(model, options);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        CodeGrids t = codes.train();
        CommandLine cl = spec.commandLine();
        return TrainingSession.run(json.json ? cl.getErr() : cl.getOut(),
                !noProgress && !json.json, prior,
                "vae4j train-prior --run " + run.root() + " --resume", model, step, options,
                prior.sink(options, t.source(), t.fingerprint(), t.size(),
                        codes.validation() == null ? 0 : codes.validation().size()), start);
    }

    /** Draws RUN/samples.png through the new prior and reports. */
    private int finish(DiscreteCoder coder, GenerativeModel model, RunDirectory prior,
            TrainingResult result, PrintWriter o) throws IOException {
        if (result.interrupted()) {
            return CommandLine.ExitCode.SOFTWARE;
        }
        Path samples = run.root().resolve("samples.png");
        // A view that owns nothing: the coder and the prior are closed by their own owners.
        Pictures.samples(PriorSampler.of(coder, model).atTemperature(1), 64, seed, null,
                samples);
        EpochMetrics last = result.last();
        double seconds = result.history().stream().mapToDouble(EpochMetrics::seconds).average()
                .orElse(Double.NaN);
        if (json.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("run", run.root().toString());
            r.put("prior", prior.root().toString());
            r.put("epochs", last.epoch());
            r.put("train_nats_per_code", last.train("nats_per_code"));
            r.put("val_nats_per_code", last.validation("nats_per_code"));
            r.put("val_bits_per_code", last.validation("bits_per_code"));
            r.put("seconds_per_epoch", seconds);
            r.put("samples", samples.toString());
            r.put("history", result.history());
            spec.commandLine().getOut().println(Json.toJson(r));
            spec.commandLine().getOut().flush();
        } else {
            o.printf(java.util.Locale.ROOT, "done: %s (model/, metrics.csv); validation %.4f"
                    + " nats/code (%.4f bits/code), %.1f s/epoch; samples: %s%n", prior.root(),
                    last.validation("nats_per_code"), last.validation("bits_per_code"), seconds,
                    samples);
            o.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
