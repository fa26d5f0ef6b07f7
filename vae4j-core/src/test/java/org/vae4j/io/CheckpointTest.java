package org.vae4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;
import org.vae4j.train.ParameterOptimizer;
import org.vae4j.family.Families;
import org.vae4j.train.GroupOptimizers;
import org.vae4j.train.Trainer;

/** Checkpoint files: exact round trip, and a clear refusal of every kind of damage. */
class CheckpointTest {

    private static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 8, 8).withLatentDim(3).withHidden(List.of(16));
    private static final TrainOptions OPTIONS =
            new TrainOptions(1, 16, 1e-2, OptimizerKind.ADAM, 0, 1, 3, 0);

    @TempDir Path tmp;

    private Path file;
    private CheckpointHeader writtenHeader;
    private byte[] writtenParams;
    private byte[] writtenOptimizer;

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    static ImageSet images(int n, long seed) {
        byte[] p = new byte[n * 64];
        new SplittableRandom(seed).nextBytes(p);
        return new ImageSet(p, n, 1, 8, 8, null, "random 8x8 images");
    }

    /** Trains one short epoch whose sink writes the checkpoint and keeps what it wrote. */
    @BeforeEach
    void writeCheckpoint() {
        file = tmp.resolve("run").resolve("checkpoint.vae4j");
        ImageSet data = images(64, 1);
        try (VaeModel model = VaeModel.create(CONFIG, 3)) {
            Trainer trainer =
                    Families.trainer(
                            model,
                            OPTIONS,
                            null,
                            (progress, m, optimizer) -> {
                                writtenHeader =
                                        new CheckpointHeader(
                                                Version.VAE4J, m.config(), OPTIONS, progress,
                                                data.source(), data.fingerprint(), data.size(), 0);
                                Checkpoint.write(file, writtenHeader, m, optimizer);
                                writtenParams = ModelStore.parameterBytes(m);
                                writtenOptimizer = optimizer.state().encode();
                            },
                            null);
            TrainingResult r = trainer.fit(data, null);
            assertEquals(4, r.progress().optimizerSteps());
        }
        assertNotNull(writtenHeader);
    }

    private IOException refused(Path f, String... needles) {
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(f, Device.cpu()));
        String msg = e.getMessage();
        assertNotNull(msg);
        assertFalse(msg.contains("\n"), "message is not one line: " + msg);
        assertTrue(msg.startsWith(f.toString()), "message does not name the file: " + msg);
        for (String n : needles) {
            assertTrue(msg.contains(n), "message lacks '" + n + "': " + msg);
        }
        return e;
    }

    @Test
    void roundTripIsExact() throws IOException {
        try (Checkpoint c = Checkpoint.read(file, Device.cpu());
                NDManager m = EngineSetup.engine().newBaseManager()) {
            assertEquals(writtenHeader, c.header());
            assertEquals(CONFIG, c.header().config());
            assertEquals(OPTIONS, c.header().options());
            assertEquals(1, c.header().progress().completedEpochs());
            assertEquals(0, c.header().progress().nextBatch());
            assertEquals(4, c.header().progress().optimizerSteps());
            assertEquals(1, c.header().progress().history().size());
            assertEquals(64, c.header().trainImages());
            assertTrue(c.header().dataFingerprint().startsWith("sha256:"));
            assertArrayEquals(writtenParams, ModelStore.parameterBytes(((VaeModel) c.model())));

            NDList saved = NDList.decode(m, writtenOptimizer);
            NDList read = c.optimizerState(m);
            // Adam: a first and a second moment for each of the 8 parameter arrays.
            assertEquals(16, saved.size());
            assertEquals(saved.size(), read.size());
            boolean anyNonZero = false;
            for (int i = 0; i < saved.size(); i++) {
                NDArray a = saved.get(i);
                NDArray b = read.get(i);
                assertEquals(a.getName(), b.getName());
                assertEquals(a.getShape(), b.getShape());
                float[] fa = a.toFloatArray();
                assertArrayEquals(fa, b.toFloatArray(), 0f, a.getName());
                for (float v : fa) {
                    anyNonZero |= v != 0;
                }
            }
            assertTrue(anyNonZero, "optimizer state is all zeros: nothing was compared");
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "only the checkpoint, no .partial file");
        }
    }

    @Test
    void optimizerStateRestoresAndRefusesAnotherKind() throws IOException {
        try (Checkpoint c = Checkpoint.read(file, Device.cpu());
                NDManager m = EngineSetup.engine().newBaseManager();
                GroupOptimizers adam = new GroupOptimizers(c.model().manager(),
                        Families.step(c.model(), OPTIONS).groups(), OPTIONS)) {
            adam.restore(c.optimizerState(m), c.header().progress().optimizerSteps());
            assertEquals(4, adam.steps());
            assertArrayEquals(writtenOptimizer, adam.state().encode());
            TrainOptions sgd = new TrainOptions(1, 16, 0.1, OptimizerKind.SGD, 0.9, 1, 3, 0);
            try (ParameterOptimizer other = new ParameterOptimizer(((VaeModel) c.model()), sgd)) {
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class,
                                () -> other.restore(c.optimizerState(m), 4));
                assertTrue(e.getMessage().contains("16") && e.getMessage().contains("8"),
                        e.getMessage());
            }
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.vae4j");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        refused(cut, "checkpoint");
    }

    @Test
    void flippedByteIsRefusedByChecksum() throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[all.length / 2] ^= 0x10;
        Path bad = tmp.resolve("flipped.vae4j");
        Files.write(bad, all);
        refused(bad, "checksum");
    }

    @Test
    void otherFileIsRefusedByMagic() throws IOException {
        Path other = tmp.resolve("notes.txt");
        Files.writeString(other, "just some text that is long enough to hold a header\n");
        refused(other, "not a vae4j checkpoint");
        Path params = tmp.resolve("parameters.params");
        Files.write(params, writtenParams);
        refused(params, "not a vae4j checkpoint");
        Path empty = Files.write(tmp.resolve("empty.vae4j"), new byte[0]);
        refused(empty, "not a vae4j checkpoint");
        Path magicOnly =
                Files.write(tmp.resolve("magic.vae4j"),
                        "VAE4JCKP".getBytes(StandardCharsets.US_ASCII));
        refused(magicOnly);
    }

    @Test
    void missingFileIsRefused() {
        refused(tmp.resolve("nothing.vae4j"), "no such checkpoint");
    }

    /**
     * SGD without momentum has no optimizer state: its checkpoint must still decode (to an empty
     * list) and restore, or a run with {@code --optimizer sgd} (momentum 0 by default) can never
     * be resumed.
     */
    @Test
    void sgdWithoutMomentumHasAnEmptyStateThatStillRestores() throws IOException {
        TrainOptions sgd = new TrainOptions(1, 16, 0.01, OptimizerKind.SGD, 0, 1, 3, 0);
        Path sgdFile = tmp.resolve("sgd.vae4j");
        ImageSet data = images(32, 2);
        try (VaeModel model = VaeModel.create(CONFIG, 3)) {
            Families.trainer(model, sgd, null,
                    (progress, m, optimizer) -> Checkpoint.write(sgdFile,
                            new CheckpointHeader(Version.VAE4J, m.config(), sgd, progress,
                                    data.source(), data.fingerprint(), data.size(), 0),
                            m, optimizer),
                    null).fit(data, null);
        }
        try (Checkpoint c = Checkpoint.read(sgdFile, Device.cpu());
                NDManager m = EngineSetup.engine().newBaseManager();
                ParameterOptimizer plain = new ParameterOptimizer(((VaeModel) c.model()), sgd)) {
            NDList state = c.optimizerState(m);
            assertEquals(0, state.size());
            plain.restore(state, c.header().progress().optimizerSteps());
            assertEquals(2, plain.steps());
        }
    }

    @Test
    void directoryIsRefusedNamingIt() {
        refused(tmp);
    }
}
