package org.vae4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.IdxFormat;
import picocli.CommandLine;

/**
 * End-to-end tests of the {@code vae4j} command line, run in-process through
 * {@link Vae4jCommand#commandLine()} with captured output.
 *
 * <p>Two small runs are trained once for the whole class (600 embedded images, batch 64): one of
 * 1 epoch and one of 2 epochs; tests that change a run work on a copy.
 */
class CliTest {

    /** Flags of every training in this class: small and fast. */
    private static final String[] SMALL = {
        "--limit", "600", "--batch", "64", "--no-progress", "--threads", "2"
    };

    @TempDir static Path shared;

    /** A finished 1-epoch run. Never modified: copy it first. */
    private static Path oneEpoch;

    /** A finished 2-epoch run with --seed 7. Only read. */
    private static Path twoEpochs;

    @TempDir Path tmp;

    /** The exit code and captured output of one invocation. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }

        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Result run(String... args) {
        CommandLine cl = Vae4jCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String[] train(String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(SMALL));
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    @BeforeAll
    static void trainSharedRuns() {
        oneEpoch = shared.resolve("one");
        Result r = run(train("--epochs", "1", "--out", oneEpoch.toString()));
        assertEquals(0, r.code(), r::toString);
        twoEpochs = shared.resolve("two");
        r = run(train("--epochs", "2", "--seed", "7", "--out", twoEpochs.toString()));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("epoch 1/2") && r.out().contains("epoch 2/2"), r::toString);
    }

    // ---------------------------------------------------------------- assertions

    /** Exit 2 and exactly one line {@code "vae4j CMD: MESSAGE (see 'vae4j CMD --help')"}. */
    static void assertUsage(Result r, String command, String... fragments) {
        assertEquals(2, r.code(), r::toString);
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), () -> "expected one line on err\n" + r);
        String line = lines.get(0);
        assertTrue(line.startsWith(command + ": "), () -> "prefix of: " + line);
        assertTrue(line.endsWith("(see '" + command + " --help')"), () -> "suffix of: " + line);
        for (String f : fragments) {
            assertTrue(line.contains(f), () -> "'" + f + "' missing from: " + line);
        }
    }

    /** Exit 1, exactly one line {@code "error: ..."} holding the fragments, no stack trace. */
    static void assertFailure(Result r, String... fragments) {
        assertEquals(1, r.code(), r::toString);
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), () -> "expected one line on err\n" + r);
        String line = lines.get(0);
        assertTrue(line.startsWith("error: "), () -> "prefix of: " + line);
        for (String f : fragments) {
            assertTrue(line.contains(f), () -> "'" + f + "' missing from: " + line);
        }
        assertFalse(r.err().contains("\tat "), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), () -> file + " missing");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, () -> file + " is not a readable image");
        assertTrue(img.getWidth() >= 28 && img.getHeight() >= 28,
                () -> file + " is " + img.getWidth() + "x" + img.getHeight());
    }

    static JsonObject parseObject(String text) {
        JsonElement e;
        try {
            e = JsonParser.parseString(text);
        } catch (com.google.gson.JsonParseException ex) {
            throw new AssertionError("not JSON (" + ex.getMessage().strip() + "):\n" + text, ex);
        }
        assertTrue(e.isJsonObject(), () -> "not a JSON object: " + text);
        return e.getAsJsonObject();
    }

    static double finite(JsonObject o, String key) {
        assertTrue(o.has(key), () -> key + " missing from " + o);
        double v = o.get(key).getAsDouble();
        assertTrue(Double.isFinite(v), () -> key + " = " + v);
        return v;
    }

    static List<String> csvRows(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    }

    static Path copyRun(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** Writes {@code count} random 28x28 images (and optionally labels) as IDX train files. */
    static Path idxDir(Path dir, int count, int labelCount) throws IOException {
        Files.createDirectories(dir);
        byte[] pixels = new byte[count * 28 * 28];
        new Random(3).nextBytes(pixels);
        IdxFormat.writeImages(dir.resolve("train-images-idx3-ubyte"), pixels, count, 28, 28);
        if (labelCount > 0) {
            int[] labels = new int[labelCount];
            for (int i = 0; i < labelCount; i++) {
                labels[i] = i % 10;
            }
            IdxFormat.writeLabels(dir.resolve("train-labels-idx1-ubyte"), labels);
        }
        return dir;
    }

    // ---------------------------------------------------------------- help

    @Test
    void rootHelpListsSubcommandsAndExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        for (String s : List.of("Usage: vae4j", "train", "evaluate", "sample", "reconstruct",
                "Exit codes", "usage error")) {
            assertTrue(r.out().contains(s), () -> "'" + s + "' missing from\n" + r);
        }
        Result none = run();
        assertEquals(0, none.code(), none::toString);
        assertTrue(none.out().contains("Usage: vae4j"), none::toString);
        Result version = run("--version");
        assertEquals(0, version.code(), version::toString);
        assertTrue(version.out().contains("vae4j") && version.out().contains("DJL"),
                version::toString);
    }

    @Test
    void subcommandHelpNamesTheOptions() {
        String[][] expected = {
            {"train", "Usage: vae4j train", "--latent", "--beta", "--resume", "--out", "--data",
                "--epochs", "--batch", "--optimizer", "--likelihood", "--limit", "--json",
                "--verbose"},
            {"evaluate", "Usage: vae4j evaluate", "--run", "--data", "--limit", "--json",
                "--batch"},
            {"sample", "Usage: vae4j sample", "--run", "-n", "--out", "--seed"},
            {"reconstruct", "Usage: vae4j reconstruct", "--run", "-n", "--out", "--data"},
        };
        for (String[] e : expected) {
            Result r = run(e[0], "--help");
            assertEquals(0, r.code(), r::toString);
            assertEquals("", r.err(), r::toString);
            for (int i = 1; i < e.length; i++) {
                String s = e[i];
                assertTrue(r.out().contains(s), () -> "'" + s + "' missing from\n" + r);
            }
            Result viaHelp = run("help", e[0]);
            assertEquals(0, viaHelp.code(), viaHelp::toString);
            assertTrue(viaHelp.out().contains(e[1]), viaHelp::toString);
        }
    }

    // ---------------------------------------------------------------- usage errors

    @Test
    void badNumbersAreUsageErrors() {
        Path out = tmp.resolve("never");
        assertUsage(run("train", "--latent", "0", "--out", out.toString()), "vae4j train",
                "--latent", "0");
        assertUsage(run("train", "--batch", "-1", "--out", out.toString()), "vae4j train",
                "--batch", "-1");
        assertUsage(run("train", "--epochs", "0", "--out", out.toString()), "vae4j train",
                "--epochs", "0");
        assertUsage(run("train", "--lr", "-0.5", "--out", out.toString()), "vae4j train",
                "--lr", "-0.5");
        assertUsage(run("train", "--threads", "-3", "--out", out.toString()), "vae4j train",
                "--threads", "-3");
        assertUsage(run("sample", "--run", tmp.toString(), "-n", "0"), "vae4j sample",
                "-n", "0");
        assertUsage(run("evaluate", "--run", tmp.toString(), "--batch", "0"), "vae4j evaluate",
                "--batch", "0");
        assertFalse(Files.exists(out), "a usage error must not create the run directory");
    }

    @Test
    void badNamesAreUsageErrors() {
        Path out = tmp.resolve("never");
        assertUsage(run("train", "--optimizer", "foo", "--out", out.toString()), "vae4j train",
                "optimizer", "foo", "adam");
        assertUsage(run("train", "--likelihood", "foo", "--out", out.toString()), "vae4j train",
                "likelihood", "foo", "bernoulli");
        assertFalse(Files.exists(out), "a usage error must not create the run directory");
    }

    @Test
    void malformedCommandLinesAreUsageErrors() {
        assertUsage(run("train", "--bogus"), "vae4j train", "--bogus");
        assertUsage(run("train", "--latent", "abc"), "vae4j train", "--latent", "abc");
        assertUsage(run("evaluate"), "vae4j evaluate", "--run");
        assertUsage(run("train", "--out", tmp.resolve("a").toString(), "--resume",
                tmp.resolve("b").toString()), "vae4j train", "--out", "--resume");
        Result r = run("frobnicate");
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("frobnicate"), r::toString);
    }

    // ---------------------------------------------------------------- data errors

    @Test
    void missingDataDirectory() {
        Path missing = tmp.resolve("nonexistent");
        assertFailure(run(train("--data", missing.toString(), "--out", tmp.resolve("r").toString())),
                missing.toString(), "no such directory");
    }

    @Test
    void dataDirectoryWithoutImages() throws IOException {
        // Neither IDX nor CIFAR-10 files: read as a folder of images, which has none.
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                dir + ": no PNG or JPEG images found");
        // IDX test files only: an IDX directory without training images.
        IdxFormat.writeImages(dir.resolve("t10k-images-idx3-ubyte"), new byte[784], 1, 28, 28);
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                dir.toString(), "train-images");
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        IdxFormat.writeLabels(dir.resolve("train-images-idx3-ubyte"), new int[] {1, 2, 3});
        String[] args = train("--data", dir.toString(), "--out", tmp.resolve("r").toString());
        assertFailure(run(args), "train-images-idx3-ubyte", "magic");
    }

    @Test
    void verboseShowsTheStackTrace() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        IdxFormat.writeLabels(dir.resolve("train-images-idx3-ubyte"), new int[] {1, 2, 3});
        for (String flag : List.of("--verbose", "-v")) {
            Result r = run(train(flag, "--data", dir.toString(), "--out",
                    tmp.resolve("r").toString()));
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().startsWith("error: "), r::toString);
            assertTrue(r.err().lines().findFirst().orElseThrow().contains("magic"), r::toString);
            assertTrue(r.err().contains("\tat "), r::toString);
            assertTrue(r.err().contains("InvalidDataException"), r::toString);
        }
    }

    @Test
    void truncatedImages() throws IOException {
        Path dir = idxDir(tmp.resolve("data"), 20, 0);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] all = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(all, all.length - 100));
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                "train-images-idx3-ubyte", "truncated");
    }

    @Test
    void labelCountDiffersFromImageCount() throws IOException {
        Path dir = idxDir(tmp.resolve("data"), 20, 19);
        assertFailure(run(train("--data", dir.toString(), "--out", tmp.resolve("r").toString())),
                "train-labels-idx1-ubyte", "19 labels", "20 images");
    }

    @Test
    void trainsOnIdxFilesFromDisk() throws IOException {
        Path dir = idxDir(tmp.resolve("data"), 100, 100);
        Path out = tmp.resolve("r");
        Result r = run("train", "--data", dir.toString(), "--epochs", "1", "--batch", "32",
                "--no-progress", "--out", out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("100 images"), r::toString);
        assertTrue(Files.exists(out.resolve("checkpoint.vae4j")), r::toString);
    }

    @Test
    void evaluateMissingRun() {
        Path missing = tmp.resolve("nonexistent");
        assertFailure(run("evaluate", "--run", missing.toString()), missing.toString(),
                "no such run directory");
        assertFailure(run("sample", "--run", missing.toString(), "--out",
                tmp.resolve("s.png").toString()), missing.toString(), "no such run directory");
        assertFailure(run("reconstruct", "--run", missing.toString(), "--out",
                tmp.resolve("r.png").toString()), missing.toString(), "no such run directory");
        assertFalse(Files.exists(tmp.resolve("s.png")));
        assertFalse(Files.exists(tmp.resolve("r.png")));
    }

    @Test
    void evaluateRunWithoutModel() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-run"));
        assertFailure(run("evaluate", "--run", empty.toString(), "--limit", "10"),
                empty.toString(), "no model/");
    }

    @Test
    void evaluateGarbageParameters() throws IOException {
        Path run = copyRun(oneEpoch, tmp.resolve("garbage"));
        Path params = run.resolve("model").resolve("parameters.params");
        Files.write(params, "this is not a parameter file".getBytes(StandardCharsets.US_ASCII));
        // The provenance's SHA-256 catches it first.
        assertFailure(run("evaluate", "--run", run.toString(), "--limit", "10"),
                "parameters.params", "SHA-256");
        // Without a recorded hash the parameter reader itself must refuse it.
        Path prov = run.resolve("model").resolve("provenance.json");
        JsonObject p = parseObject(Files.readString(prov));
        p.remove("parameters_sha256");
        Files.writeString(prov, p.toString());
        assertFailure(run("evaluate", "--run", run.toString(), "--limit", "10"),
                "parameters.params", "parameter");
    }

    @Test
    void evaluateGarbageConfig() throws IOException {
        Path run = copyRun(oneEpoch, tmp.resolve("garbage"));
        Files.writeString(run.resolve("model").resolve("config.json"), "{ not json");
        assertFailure(run("evaluate", "--run", run.toString(), "--limit", "10"),
                "config.json", "JSON");
    }

    @Test
    void resumeWithoutCheckpoint() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("no-ckpt"));
        assertFailure(run(train("--resume", dir.toString(), "--epochs", "2")),
                "checkpoint.vae4j", "no checkpoint");
        Path missing = tmp.resolve("nonexistent");
        assertFailure(run(train("--resume", missing.toString())), missing.toString(),
                "no such run directory");
    }

    @Test
    void resumeFromCorruptCheckpoint() throws IOException {
        Path run = copyRun(oneEpoch, tmp.resolve("corrupt"));
        Path ckpt = run.resolve("checkpoint.vae4j");
        byte[] good = Files.readAllBytes(ckpt);
        String before = Files.readString(run.resolve("metrics.csv"));

        byte[] flipped = good.clone();
        for (int i = flipped.length / 2; i < flipped.length / 2 + 8; i++) {
            flipped[i] ^= (byte) 0x5a;
        }
        Files.write(ckpt, flipped);
        assertFailure(run(train("--resume", run.toString(), "--epochs", "2")),
                "checkpoint.vae4j", "checkpoint");

        Files.write(ckpt, java.util.Arrays.copyOf(good, good.length / 3));
        assertFailure(run(train("--resume", run.toString(), "--epochs", "2")),
                "checkpoint.vae4j", "checkpoint");

        Files.write(ckpt, new byte[5]);
        assertFailure(run(train("--resume", run.toString(), "--epochs", "2")),
                "checkpoint.vae4j", "checkpoint");

        assertEquals(before, Files.readString(run.resolve("metrics.csv")),
                "a failed resume must not touch the metrics");
    }

    // ---------------------------------------------------------------- end to end

    @Test
    void trainWritesACompleteRunDirectory() throws IOException {
        Path run = twoEpochs;
        for (String f : List.of("checkpoint.vae4j", "model/parameters.params",
                "model/config.json", "model/provenance.json", "metrics.csv", "metrics.json",
                "samples.png", "reconstructions.png")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), () -> f + " missing");
            assertTrue(Files.size(run.resolve(f)) > 0, () -> f + " is empty");
        }
        try (Stream<Path> files = Files.walk(run)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                    "temporary files left behind");
        }

        List<String> csv = csvRows(run);
        assertEquals(3, csv.size(), () -> String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("epoch,train_neg_elbo"), csv.get(0));
        assertTrue(csv.get(1).startsWith("1,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("2,"), csv.get(2));
        JsonArray metrics = JsonParser.parseString(Files.readString(run.resolve("metrics.json")))
                .getAsJsonArray();
        assertEquals(2, metrics.size());
        assertEquals(2, metrics.get(1).getAsJsonObject().get("epoch").getAsInt());

        assertPng(run.resolve("samples.png"));
        assertPng(run.resolve("reconstructions.png"));

        String provText = Files.readString(run.resolve("model/provenance.json"));
        for (String key : List.of("\"data_fingerprint\"", "\"djl_version\"",
                "\"pytorch_version\"", "\"seed\"")) {
            assertTrue(provText.contains(key), () -> key + " missing from " + provText);
        }
        JsonObject prov = parseObject(provText);
        assertEquals(7, prov.getAsJsonObject("options").get("seed").getAsLong(), provText);
        assertEquals(2, prov.get("epochs").getAsInt(), provText);
        assertEquals("0.35.0", prov.get("djl_version").getAsString());
        assertFalse(prov.get("pytorch_version").getAsString().isBlank());
        assertTrue(prov.get("data_fingerprint").getAsString().length() >= 16, provText);
        assertEquals(540, prov.get("train_images").getAsInt(), provText);
        assertEquals(60, prov.get("validation_images").getAsInt(), provText);

        JsonObject config = parseObject(Files.readString(run.resolve("model/config.json")));
        assertEquals(20, config.get("latent_dim").getAsInt(), config::toString);
    }

    @Test
    void evaluateSampleAndReconstructATrainedRun() throws IOException {
        Path run = twoEpochs;
        Result r = run("evaluate", "--run", run.toString(), "--json", "--limit", "500");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
        JsonObject o = parseObject(r.out());
        double negElbo = finite(o, "neg_elbo");
        double rec = finite(o, "reconstruction");
        double kl = finite(o, "kl");
        assertTrue(negElbo > 0 && rec > 0 && kl >= 0, o::toString);
        assertEquals(negElbo, rec + kl, 1e-6 * Math.abs(negElbo), o::toString);
        assertEquals(500, o.get("images").getAsInt(), o::toString);
        // An untrained-looking model would be near 544 nats (784 * ln 2); two epochs get below.
        assertTrue(negElbo < 544, o::toString);

        // The model directory itself is accepted too, and the text output names the numbers.
        Result text = run("evaluate", "--run", run.resolve("model").toString(), "--limit", "500");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().contains("-ELBO") && text.out().contains("500 images"),
                text::toString);

        Path s = tmp.resolve("s.png");
        Result sample = run("sample", "--run", run.toString(), "-n", "10", "--out", s.toString());
        assertEquals(0, sample.code(), sample::toString);
        assertTrue(sample.out().contains("10 samples"), sample::toString);
        assertPng(s);

        Path rec8 = tmp.resolve("r.png");
        Result recon = run("reconstruct", "--run", run.toString(), "-n", "8", "--out",
                rec8.toString());
        assertEquals(0, recon.code(), recon::toString);
        assertTrue(recon.out().contains("8 reconstructions"), recon::toString);
        assertPng(rec8);
        BufferedImage img = ImageIO.read(rec8.toFile());
        assertTrue(img.getHeight() > 28 * 2 - 1, "originals and reconstructions: two rows");
        // 10 images: rows of 8 originals, 8 reconstructions, then 2 and 2 padded to full rows,
        // so reconstructions never share a row with originals.
        Path rec10 = tmp.resolve("r10.png");
        recon = run("reconstruct", "--run", run.toString(), "-n", "10", "--out",
                rec10.toString());
        assertEquals(0, recon.code(), recon::toString);
        BufferedImage img10 = ImageIO.read(rec10.toFile());
        assertEquals(img.getWidth(), img10.getWidth());
        assertTrue(img10.getHeight() > 1.9 * img.getHeight(),
                "four rows: " + img10.getHeight() + " vs two rows: " + img.getHeight());
    }

    @Test
    void trainingIntoAnExistingRunNeedsResume() throws IOException {
        String before = Files.readString(oneEpoch.resolve("metrics.csv"));
        byte[] ckpt = Files.readAllBytes(oneEpoch.resolve("checkpoint.vae4j"));
        assertFailure(run(train("--epochs", "1", "--out", oneEpoch.toString())), "--resume",
                oneEpoch.toString());
        assertEquals(before, Files.readString(oneEpoch.resolve("metrics.csv")));
        assertTrue(java.util.Arrays.equals(ckpt,
                Files.readAllBytes(oneEpoch.resolve("checkpoint.vae4j"))),
                "the refused run must not overwrite the checkpoint");
    }

    @Test
    void resumeContinuesTheRun() throws IOException {
        Path run = copyRun(oneEpoch, tmp.resolve("resumed"));
        List<String> before = csvRows(run);
        assertEquals(2, before.size(), () -> String.join("\n", before));

        Result r = run(train("--resume", run.toString(), "--epochs", "2"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("resuming") && r.out().contains("after epoch 1"),
                r::toString);
        assertTrue(r.out().contains("epoch 2/2"), r::toString);
        assertFalse(r.out().contains("epoch 1/2"), "epoch 1 must not be trained again\n" + r);

        List<String> after = csvRows(run);
        assertEquals(3, after.size(), () -> String.join("\n", after));
        assertEquals(before.get(0), after.get(0));
        assertEquals(before.get(1), after.get(1), "metrics row 1 must be unchanged");
        assertTrue(after.get(2).startsWith("2,"), after.get(2));
        JsonObject prov = parseObject(Files.readString(run.resolve("model/provenance.json")));
        assertEquals(2, prov.get("epochs").getAsInt());
        assertPng(run.resolve("samples.png"));
    }

    @Test
    void resumeWithBadEpochsIsAUsageError() throws IOException {
        Path run = copyRun(oneEpoch, tmp.resolve("bad-epochs"));
        assertUsage(run(train("--resume", run.toString(), "--epochs", "0")), "vae4j train",
                "--epochs", "0");
        assertEquals(2, csvRows(run).size());
    }

    @Test
    void resumeRefusesDifferentData() throws IOException {
        Path run = copyRun(oneEpoch, tmp.resolve("other-data"));
        byte[] ckpt = Files.readAllBytes(run.resolve("checkpoint.vae4j"));
        String[] args = {"train", "--resume", run.toString(), "--epochs", "2", "--batch", "64",
            "--no-progress", "--limit", "500"};
        assertFailure(run(args), "data", "differs", "--limit");
        assertTrue(java.util.Arrays.equals(ckpt, Files.readAllBytes(run.resolve("checkpoint.vae4j"))));
        assertEquals(2, csvRows(run).size());
    }

    @Test
    void trainJsonPrintsTheResult() {
        Path out = tmp.resolve("json");
        Result r = run(train("--epochs", "1", "--json", "--out", out.toString()));
        assertEquals(0, r.code(), r::toString);
        // Standard output must be the JSON object alone, so that `vae4j train --json | jq` works
        // (progress lines, if any, belong on standard error).
        JsonObject o = parseObject(r.out());
        double train = finite(o, "train_neg_elbo");
        double val = finite(o, "val_neg_elbo");
        assertTrue(train > 0 && val > 0, o::toString);
        assertEquals(1, o.get("epochs").getAsInt(), o::toString);
        assertEquals(out.toString(), o.get("run").getAsString());
    }
}
