package org.vae4j.io;

import org.vae4j.model.ElboMetrics;
import org.vae4j.model.Metrics;

import org.vae4j.util.Hashing;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.Encoding;
import org.vae4j.model.Likelihood;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;

/** Saving and loading model directories, and refusing damaged ones. */
class ModelStoreTest {

    static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 8, 8)
                    .withLatentDim(3)
                    .withHidden(List.of(16))
                    .withLikelihood(Likelihood.GAUSSIAN, 0.25);

    @TempDir Path tmp;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    static Provenance provenance() {
        TrainOptions options =
                new TrainOptions(3, 32, 2e-3, OptimizerKind.RMSPROP, 0, 0.5, 99, 0.2);
        // No validation set: NaN values must survive the JSON round trip.
        EpochMetrics last =
                new EpochMetrics(3, Metrics.of(ElboMetrics.NAMES, 512.25, 500.5, 11.75),
                Metrics.of(ElboMetrics.NAMES, Double.NaN, Double.NaN, Double.NaN), 1.5, 1234.5, 321.0);
        return Provenance.now(options, "test images", "sha256:0123", 80, 20, 3, 4.5, last);
    }

    static float[][] images(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][64];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) r.nextDouble();
            }
        }
        return x;
    }

    private Path saved() throws IOException {
        Path dir = tmp.resolve("model");
        try (VaeModel model = VaeModel.create(CONFIG, 5)) {
            ModelStore.save(model, provenance(), dir);
        }
        return dir;
    }

    private static IOException refused(Executable load, String... needles) {
        IOException e = assertThrows(IOException.class, load);
        String msg = e.getMessage();
        assertNotNull(msg);
        assertFalse(msg.contains("\n"), "message is not one line: " + msg);
        for (String n : needles) {
            assertTrue(msg.contains(n), "message lacks '" + n + "': " + msg);
        }
        return e;
    }

    private static void setHash(Path dir, String sha) throws IOException {
        Path file = dir.resolve(ModelStore.PROVENANCE);
        Provenance p = Json.read(file, Provenance.class);
        Files.writeString(file, Json.toJson(p.withParametersSha256(sha)));
    }

    @Test
    void metricsWrittenWithBareNaNBeforeStillRead() {
        // Files written before NaN became null hold the bare token: they must still load.
        org.vae4j.train.EpochMetrics m = Json.GSON.fromJson("{\"epoch\": 2, \"train_neg_elbo\":"
                + " 300.5, \"val_neg_elbo\": NaN, \"seconds\": 1.5, \"images_per_second\": 10,"
                + " \"rss_mb\": 5}", org.vae4j.train.EpochMetrics.class);
        assertEquals(300.5, m.train("neg_elbo"));
        assertTrue(Double.isNaN(m.validation("neg_elbo")));
        String again = Json.toJson(m);
        assertTrue(again.contains("\"val_neg_elbo\": null"), again);
    }

    @Test
    void roundTripGivesIdenticalOutputsConfigAndProvenance() throws IOException {
        Path dir = tmp.resolve("model");
        float[][] x = images(7, 1);
        float[][] z = {{0, 0, 0}, {1.5f, -2f, 0.25f}};
        Provenance p = provenance();
        Encoding before;
        float[][] decodedBefore;
        try (VaeModel model = VaeModel.create(CONFIG, 5)) {
            before = model.encode(x);
            decodedBefore = model.decode(z);
            ModelStore.save(model, p, dir);
            assertArrayEquals(ModelStore.parameterBytes(model),
                    Files.readAllBytes(dir.resolve(ModelStore.PARAMETERS)));
        }
        try (SavedModel loaded = ModelStore.load(dir)) {
            assertEquals(CONFIG, ((VaeModel) loaded.model()).config());
            Encoding after = ((VaeModel) loaded.model()).encode(x);
            float[][] decodedAfter = ((VaeModel) loaded.model()).decode(z);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(before.mu()[i], after.mu()[i], 0f, "mu " + i);
                assertArrayEquals(before.logvar()[i], after.logvar()[i], 0f, "logvar " + i);
            }
            for (int i = 0; i < z.length; i++) {
                assertArrayEquals(decodedBefore[i], decodedAfter[i], 0f, "decoded " + i);
            }
            String sha = Hashing.sha256(Files.readAllBytes(dir.resolve(ModelStore.PARAMETERS)));
            assertTrue(sha.matches("sha256:[0-9a-f]{64}"), sha);
            assertNull(p.parametersSha256());
            // Records compare every field, doubles (and NaN) included.
            assertEquals(p.withParametersSha256(sha), loaded.provenance());
            assertTrue(Double.isNaN(loaded.provenance().finalMetrics().validation("neg_elbo")));
            assertEquals(p.options(), loaded.provenance().options());
        }
    }

    @Test
    void savingLeavesNoTemporaryFilesAndOverwrites() throws IOException {
        Path dir = saved();
        try (VaeModel other = VaeModel.create(CONFIG, 6)) {
            ModelStore.save(other, provenance(), dir);
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertEquals(
                        List.of(ModelStore.CONFIG, ModelStore.PARAMETERS, ModelStore.PROVENANCE),
                        names);
            }
            try (SavedModel loaded = ModelStore.load(dir)) {
                float[][] x = images(2, 3);
                assertArrayEquals(other.encode(x).mu()[1], ((VaeModel) loaded.model()).encode(x).mu()[1], 0f);
            }
        }
    }

    @Test
    void oneChangedByteIsRefusedBySha256() throws IOException {
        Path dir = saved();
        Path params = dir.resolve(ModelStore.PARAMETERS);
        byte[] b = Files.readAllBytes(params);
        b[b.length / 2] ^= 0x01;
        Files.write(params, b);
        refused(() -> ModelStore.load(dir), "SHA-256", ModelStore.PARAMETERS,
                ModelStore.PROVENANCE);
    }

    @Test
    void missingDirectoryIsRefused() throws IOException {
        Path nowhere = tmp.resolve("no-model-here");
        refused(() -> ModelStore.load(nowhere), nowhere.toString(), "no such directory");
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        refused(() -> ModelStore.load(file), file.toString(), "not a model directory");
    }

    @Test
    void missingFilesAreRefusedByName() throws IOException {
        Path dir = saved();
        for (String name :
                List.of(ModelStore.PARAMETERS, ModelStore.PROVENANCE, ModelStore.CONFIG)) {
            Files.delete(dir.resolve(name));
            refused(() -> ModelStore.load(dir), dir.resolve(name).toString());
        }
    }

    @Test
    void garbageParametersAreRefusedEvenWithAMatchingHash() throws IOException {
        Path dir = saved();
        Path params = dir.resolve(ModelStore.PARAMETERS);
        byte[] garbage =
                "this is not a vae4j parameter file at all".getBytes(StandardCharsets.UTF_8);
        Files.write(params, garbage);
        setHash(dir, Hashing.sha256(garbage));
        refused(() -> ModelStore.load(dir), params.toString(), "bad magic");
        // With the hash removed nothing vouches for the parameters: refused outright.
        setHash(dir, null);
        refused(() -> ModelStore.load(dir), dir.resolve(ModelStore.PROVENANCE).toString(),
                "no parameters_sha256");
    }

    @Test
    void truncatedParametersAreRefused() throws IOException {
        Path dir = saved();
        Path params = dir.resolve(ModelStore.PARAMETERS);
        byte[] half = Arrays.copyOf(Files.readAllBytes(params), 900);
        Files.write(params, half);
        setHash(dir, Hashing.sha256(half));
        refused(() -> ModelStore.load(dir), params.toString());
    }

    @Test
    void parametersOfAnotherArchitectureAreRefused() throws IOException {
        Path dir = saved();
        Files.writeString(dir.resolve(ModelStore.CONFIG), Json.toJson(CONFIG.withLatentDim(4)));
        refused(() -> ModelStore.load(dir), dir.resolve(ModelStore.PARAMETERS).toString(),
                "shape");
    }

    @Test
    void malformedConfigJsonIsRefusedByName() throws IOException {
        Path dir = saved();
        Path config = dir.resolve(ModelStore.CONFIG);
        Files.writeString(config, "{\"channels\": 1, ");
        refused(() -> ModelStore.load(dir), config.toString());
    }

    /**
     * A config.json that parses but holds an invalid value (as a hand edit would produce) must
     * give the same one-line IOException as any other bad file, not a raw RuntimeException.
     */
    @Test
    void invalidConfigValueIsRefusedByName() throws IOException {
        Path dir = saved();
        Path config = dir.resolve(ModelStore.CONFIG);
        String json = Files.readString(config);
        assertTrue(json.contains("\"latent_dim\": 3"), json);
        Files.writeString(config, json.replace("\"latent_dim\": 3", "\"latent_dim\": 0"));
        refused(() -> ModelStore.load(dir), config.toString(), "latentDim");
    }
}
